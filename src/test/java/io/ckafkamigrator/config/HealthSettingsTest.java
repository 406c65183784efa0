package io.ckafkamigrator.config;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class HealthSettingsTest {

    @Test
    void shouldProbeClustersForTwoSecondsAndReuseAnswersForFiveByDefault() {
        // Given
        PropertySource props = PropertySource.of(Map.of());

        // When
        HealthSettings settings = HealthSettings.from(props);

        // Then
        assertThat(settings).isEqualTo(new HealthSettings(2_000, 5_000));
    }

    @Test
    void shouldRefuseAClusterTimeoutTooShortToEverAnswerNamingTheProperty() {
        // Given
        PropertySource props = PropertySource.of(Map.of("migration.health.cluster-timeout-ms", "10"));

        // When
        Throwable thrown = catchThrowable(() -> HealthSettings.from(props));

        // Then
        assertThat(thrown).isInstanceOf(ConfigException.class)
                .hasMessageContaining("migration.health.cluster-timeout-ms")
                .hasMessageContaining("between 100 and 30000");
    }

    @Test
    void shouldRefuseANegativeCachePeriodNamingTheProperty() {
        // Given
        PropertySource props = PropertySource.of(Map.of("migration.health.cache-ms", "-1"));

        // When
        Throwable thrown = catchThrowable(() -> HealthSettings.from(props));

        // Then
        assertThat(thrown).isInstanceOf(ConfigException.class).hasMessageContaining("migration.health.cache-ms");
    }
}
