package io.ckafkamigrator.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PropertyNameCheckTest {

    private final PropertyNameCheck check = new PropertyNameCheck(List.of("legacy", "ckafka"));

    @Test
    void givenOnlyKnownNames_whenChecked_thenAccepted() {
        check.check(Set.of("legacy.bootstrap-servers", "ckafka.sasl-password", "legacy.client.linger.ms",
                "migration.state-dir", "migration.sink.orders", "camel.server.port", "other.thing"));
    }

    @Test
    void givenAMisspelledMigrationKey_whenChecked_thenTheLineNamesItAndTheKeyMeant() {
        assertThatThrownBy(() -> check.check(Set.of("migration.state-dri")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("migration.state-dri: unknown property; did you mean migration.state-dir?");
    }

    @Test
    void givenAMisspelledClusterKey_whenChecked_thenTheClustersKeyIsSuggested() {
        assertThatThrownBy(() -> check.check(Set.of("ckafka.bootstrap-server")))
                .hasMessage("ckafka.bootstrap-server: unknown property; did you mean ckafka.bootstrap-servers?");
    }

    @Test
    void givenAKafkaClientSettingWithoutItsPrefix_whenChecked_thenTheClientFamilyIsSuggested() {
        assertThatThrownBy(() -> check.check(Set.of("legacy.enable.idempotence")))
                .hasMessage("legacy.enable.idempotence: unknown property; did you mean legacy.client.enable.idempotence?");
    }

    @Test
    void givenANameFarFromAnyKnown_whenChecked_thenTheReadmeTableIsNamed() {
        assertThatThrownBy(() -> check.check(Set.of("migration.zzzzzzzzzzzzzzzzzzzz")))
                .hasMessageStartingWith("migration.zzzzzzzzzzzzzzzzzzzz: unknown property (the README's Configuration table");
    }

    @Test
    void givenASinkForATopicNoRouteDefines_whenChecked_thenTheLineNamesTheProperty() {
        assertThatThrownBy(() -> PropertyNameCheck.checkSinks(Set.of("migration.sink.oders"), Set.of("orders")))
                .hasMessage("migration.sink.oders: no route file defines a topic named 'oders' (topics: [orders]); "
                        + "did you mean migration.sink.orders?");
    }

    /** The list is kept by hand: a key read by the code or a route but missing from it would refuse every start. */
    @Test
    void givenTheSourcesAndRoutes_whenEveryMigrationKeyTheyReadIsCollected_thenAllAreKnown() throws IOException {
        // Given
        Pattern key = Pattern.compile("(?:\"|\\{\\{)(migration\\.[a-z0-9.-]+[a-z0-9])");
        Set<String> read = new TreeSet<>();
        for (Path root : List.of(Path.of("src/main/java"), Path.of("routes"), Path.of("config"))) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Matcher m = key.matcher(Files.readString(file));
                    while (m.find()) {
                        read.add(m.group(1));
                    }
                }
            }
        }
        try (Stream<String> lines = Files.lines(Path.of("config/application.properties"))) {
            lines.filter(l -> l.startsWith("migration.")).forEach(l -> read.add(l.substring(0, l.indexOf('='))));
        }

        // When / Then
        assertThat(read).hasSizeGreaterThan(15);
        read.forEach(k -> assertThat(check.isKnown(k) || k.equals("migration.sink")).as(k).isTrue());
    }
}
