package io.ckafkamigrator;

import java.nio.file.Path;

import io.ckafkamigrator.config.ConfigException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class MigratorOptionsTest {

    @Test
    void shouldReadConfigAndRoutesFromTheWorkingDirectoryByDefault() {
        // Given
        String[] noArguments = {};

        // When
        MigratorOptions options = MigratorOptions.parse(noArguments);

        // Then
        assertThat(options.config()).isEqualTo(Path.of("config", "application.properties"));
        assertThat(options.routesPattern()).isEmpty();
    }

    @Test
    void shouldTurnARoutesDirectoryIntoARecursiveYamlPattern() {
        // Given
        String[] args = {"--routes", "routes", "--config", "config/application.properties"};

        // When
        MigratorOptions options = MigratorOptions.parse(args);

        // Then
        assertThat(options.routesPattern()).contains("file:routes/**/*.yaml");
    }

    @Test
    void shouldNameAnUnknownOption() {
        // Given
        String[] args = {"--verbose"};

        // When
        Throwable thrown = catchThrowable(() -> MigratorOptions.parse(args));

        // Then
        assertThat(thrown).isInstanceOf(ConfigException.class).hasMessageStartingWith("--verbose:");
    }

    @Test
    void shouldNameAnOptionGivenWithoutItsValue() {
        // Given
        String[] args = {"--routes"};

        // When
        Throwable thrown = catchThrowable(() -> MigratorOptions.parse(args));

        // Then
        assertThat(thrown).hasMessageStartingWith("--routes: needs a value");
    }

    @Test
    void shouldNameTheRoutesOptionWhenItsDirectoryDoesNotExist() {
        // Given
        String[] args = {"--routes", "no-such-dir"};

        // When
        Throwable thrown = catchThrowable(() -> MigratorOptions.parse(args));

        // Then
        assertThat(thrown).hasMessageStartingWith("--routes:");
    }

    @Test
    void shouldNameTheConfigOptionAndTheFileWhenTheFileIsMissing() {
        // Given
        String[] args = {"--config", "missing.properties"};

        // When
        Throwable thrown = catchThrowable(() -> MigratorOptions.parse(args));

        // Then
        assertThat(thrown).hasMessageStartingWith("--config:").hasMessageContaining("missing.properties");
    }

    @Test
    void shouldRunThePreflightInsteadOfTheAppOnlyWhenAsked() {
        // Given
        String[] args = {"--preflight", "--routes", "routes"};

        // When
        MigratorOptions options = MigratorOptions.parse(args);

        // Then
        assertThat(options.preflight()).isTrue();
        assertThat(options.routesPattern()).contains("file:routes/**/*.yaml");
        assertThat(MigratorOptions.parse().preflight()).isFalse();
    }
}
