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
import static org.assertj.core.api.Assertions.catchThrowable;

class PropertyNameCheckTest {

    private final PropertyNameCheck check = new PropertyNameCheck(List.of("legacy", "ckafka"));

    @Test
    void shouldAcceptOnlyKnownNamesAndNamesOutsideItsPrefixes() {
        // Given
        Set<String> keys = Set.of("legacy.bootstrap-servers", "ckafka.sasl-password", "legacy.client.linger.ms",
                "migration.state-dir", "migration.sink.orders", "camel.server.port", "other.thing");

        // When
        Throwable thrown = catchThrowable(() -> check.check(keys));

        // Then
        assertThat(thrown).isNull();
    }

    @Test
    void shouldNameAMisspelledMigrationKeyAndTheKeyMeant() {
        // When
        Throwable thrown = catchThrowable(() -> check.check(Set.of("migration.state-dri")));

        // Then
        assertThat(thrown).isInstanceOf(ConfigException.class)
                .hasMessage("migration.state-dri: unknown property; did you mean migration.state-dir?");
    }

    @Test
    void shouldSuggestTheClustersKeyForAMisspelledClusterKey() {
        // When
        Throwable thrown = catchThrowable(() -> check.check(Set.of("ckafka.bootstrap-server")));

        // Then
        assertThat(thrown)
                .hasMessage("ckafka.bootstrap-server: unknown property; did you mean ckafka.bootstrap-servers?");
    }

    @Test
    void shouldSuggestTheClientFamilyForAKafkaClientSettingWithoutItsPrefix() {
        // When
        Throwable thrown = catchThrowable(() -> check.check(Set.of("legacy.enable.idempotence")));

        // Then
        assertThat(thrown)
                .hasMessage("legacy.enable.idempotence: unknown property; did you mean legacy.client.enable.idempotence?");
    }

    @Test
    void shouldPointToTheConfigurationReferenceForANameFarFromAnyKnown() {
        // When
        Throwable thrown = catchThrowable(() -> check.check(Set.of("migration.zzzzzzzzzzzzzzzzzzzz")));

        // Then
        assertThat(thrown).hasMessageStartingWith("migration.zzzzzzzzzzzzzzzzzzzz: unknown property "
                + "(docs/configuration.md lists");
    }

    @Test
    void shouldNameTheSinkPropertyOfATopicNoRouteDefines() {
        // When
        Throwable thrown = catchThrowable(() -> PropertyNameCheck.checkSinks(Set.of("migration.sink.oders"), Set.of("orders")));

        // Then
        assertThat(thrown).hasMessage("migration.sink.oders: no route file defines a topic named 'oders' "
                + "(topics: [orders]); did you mean migration.sink.orders?");
    }

    /** The sources, routes and shipped file name no migration.* key that start-up would refuse. */
    @Test
    void shouldKnowEveryMigrationKeyTheSourcesRoutesAndShippedFileRead() throws IOException {
        // Given
        Pattern key = Pattern.compile("(?:\"|\\{\\{)(migration\\.[a-z0-9.-]+[a-z0-9])");
        List<Path> roots = List.of(Path.of("src/main/java"), Path.of("routes"), Path.of("config"));

        // When
        Set<String> read = new TreeSet<>();
        for (Path root : roots) {
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

        // Then
        assertThat(read).hasSizeGreaterThan(15);
        assertThat(read).allMatch(k -> check.isKnown(k) || k.equals("migration.sink"));
    }
}
