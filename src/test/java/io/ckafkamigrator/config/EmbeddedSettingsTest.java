package io.ckafkamigrator.config;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class EmbeddedSettingsTest {

    private static EmbeddedSettings parse(Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>(Map.of("legacy.bootstrap-servers", "127.0.0.1:19092",
                "ckafka.bootstrap-servers", "localhost:29092", "migration.embedded.enabled", "true"));
        values.putAll(overrides);
        PropertySource props = PropertySource.of(values);
        return EmbeddedSettings.from(props, ClusterSettings.from("legacy", props), ClusterSettings.from("ckafka", props));
    }

    @Test
    void shouldListenOnThePortsOfTheConfiguredBootstrapServers() {
        // When
        EmbeddedSettings settings = parse(Map.of());

        // Then

        assertThat(settings.enabled()).isTrue();
        assertThat(settings.legacyPort()).isEqualTo(19092);
        assertThat(settings.ckafkaPort()).isEqualTo(29092);
        assertThat(settings.groupInitialRebalanceDelayMs()).isEqualTo(3000);
    }

    @Test
    void shouldRefuseToStartAnEmbeddedBrokerInPlaceOfARealCluster() {
        // When
        Throwable thrown = catchThrowable(() -> parse(Map.of("ckafka.bootstrap-servers", "ckafka-abc.example:9092")));

        // Then
        assertThat(thrown).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("ckafka.bootstrap-servers:")
                .hasMessageContaining("migration.embedded.enabled=false");
    }

    @Test
    void shouldStartNothingWhenDisabled() {
        // When
        EmbeddedSettings settings = parse(Map.of("migration.embedded.enabled", "false",
                "ckafka.bootstrap-servers", "ckafka-abc.example:9092"));

        // Then
        assertThat(settings.enabled()).isFalse();
    }

    @Test
    void shouldNameTheSwitchWhenItIsNotABoolean() {
        // When
        Throwable thrown = catchThrowable(() -> parse(Map.of("migration.embedded.enabled", "yes")));

        // Then
        assertThat(thrown).hasMessageStartingWith("migration.embedded.enabled:");
    }
}
