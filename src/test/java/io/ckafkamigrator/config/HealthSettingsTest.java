package io.ckafkamigrator.config;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HealthSettingsTest {

    @Test
    void shouldProbeClustersForTwoSecondsAndReuseAnswersForFiveByDefault() {
        assertThat(HealthSettings.from(PropertySource.of(Map.of()))).isEqualTo(new HealthSettings(2_000, 5_000));
    }

    @Test
    void shouldRefuseAClusterTimeoutTooShortToEverAnswerNamingTheProperty() {
        assertThatThrownBy(() -> HealthSettings.from(PropertySource.of(Map.of("migration.health.cluster-timeout-ms", "10"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("migration.health.cluster-timeout-ms")
                .hasMessageContaining("between 100 and 30000");
    }

    @Test
    void shouldRefuseANegativeCachePeriodNamingTheProperty() {
        assertThatThrownBy(() -> HealthSettings.from(PropertySource.of(Map.of("migration.health.cache-ms", "-1"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("migration.health.cache-ms");
    }
}
