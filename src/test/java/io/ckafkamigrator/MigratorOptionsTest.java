package io.ckafkamigrator;

import java.nio.file.Path;

import io.ckafkamigrator.config.ConfigException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MigratorOptionsTest {

    @Test
    void shouldReadConfigAndRoutesFromTheWorkingDirectoryByDefault() {
        MigratorOptions options = MigratorOptions.parse();

        assertThat(options.config()).isEqualTo(Path.of("config", "application.properties"));
        assertThat(options.routesPattern()).isEmpty();
    }

    @Test
    void shouldTurnARoutesDirectoryIntoARecursiveYamlPattern() {
        MigratorOptions options = MigratorOptions.parse("--routes", "routes", "--config", "config/application.properties");

        assertThat(options.routesPattern()).contains("file:routes/**/*.yaml");
    }

    @Test
    void shouldNameTheOptionThatIsWrong() {
        assertThatThrownBy(() -> MigratorOptions.parse("--verbose")).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("--verbose:");
        assertThatThrownBy(() -> MigratorOptions.parse("--routes")).hasMessageStartingWith("--routes: needs a value");
        assertThatThrownBy(() -> MigratorOptions.parse("--routes", "no-such-dir")).hasMessageStartingWith("--routes:");
        assertThatThrownBy(() -> MigratorOptions.parse("--config", "missing.properties"))
                .hasMessageStartingWith("--config:").hasMessageContaining("missing.properties");
    }
}
