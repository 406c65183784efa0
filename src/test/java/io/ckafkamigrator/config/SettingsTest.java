package io.ckafkamigrator.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Each migration.* setting is declared once, and nothing restates its default. */
class SettingsTest {

    private static final Pattern PLACEHOLDER_FALLBACK = Pattern.compile("\\{\\{(migration\\.[a-z0-9.-]+):");

    @Test
    void shouldDeclareEverySettingOnceInKeyOrderWithADefaultItAccepts() {
        // Given
        List<String> keys = Settings.ALL.stream().map(Setting::key).toList();

        // When
        List<Setting> refusingTheirDefault = Settings.ALL.stream()
                .filter(s -> catchThrowable(() -> s.check(PropertySource.of(Settings.defaults()))) != null).toList();

        // Then
        assertThat(keys).doesNotHaveDuplicates().isSorted().allMatch(k -> k.startsWith("migration."));
        assertThat(refusingTheirDefault).isEmpty();
        assertThat(Settings.ALL).allMatch(s -> !s.meaning().isBlank());
    }

    @Test
    void shouldRefuseAValueOutOfBoundsNamingTheSetting() {
        // Given
        PropertySource props = PropertySource.of(Map.of("migration.consumer.poll-timeout-ms", "0"));

        // When
        Throwable thrown = catchThrowable(() -> Settings.checkAll(props));

        // Then
        assertThat(thrown).isInstanceOf(ConfigException.class)
                .hasMessage("migration.consumer.poll-timeout-ms: must be between 10 and 60000, was 0");
    }

    @Test
    void shouldLeaveDefaultsToTheDeclarationsInsteadOfRouteFallbacks() throws IOException {
        // Given
        List<Path> routeFiles;
        try (Stream<Path> files = Files.walk(Path.of("routes"))) {
            routeFiles = files.filter(f -> f.toString().endsWith(".yaml")).toList();
        }

        // When
        List<String> fallbacks = new ArrayList<>();
        for (Path file : routeFiles) {
            Matcher m = PLACEHOLDER_FALLBACK.matcher(Files.readString(file));
            while (m.find()) {
                if (!m.group(1).startsWith(Settings.SINK_PREFIX)) {
                    fallbacks.add(file + ": " + m.group(1));
                }
            }
        }

        // Then
        assertThat(fallbacks).as("{{migration.x:default}} restates a declared default").isEmpty();
    }

    @Test
    void shouldShipAPropertiesFileThatSetsNoSettingToItsDefault() throws IOException {
        // Given
        Properties shipped = new Properties();
        try (var in = Files.newBufferedReader(Path.of("config/application.properties"))) {
            shipped.load(in);
        }

        // When
        Map<String, String> restated = new TreeMap<>();
        Settings.defaults().forEach((key, value) -> {
            if (value.equals(shipped.getProperty(key))) {
                restated.put(key, value);
            }
        });

        // Then
        assertThat(restated).isEmpty();
    }
}
