package io.ckafkamigrator.config;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class ClusterSettingsTest {

    private static ClusterSettings parse(Map<String, String> values) {
        return ClusterSettings.from("ckafka", PropertySource.of(values));
    }

    @Test
    void shouldBuildCkafkaPublicAccessSettingsWithSaslPlain() {
        // Given
        Map<String, String> props = Map.of(
                "ckafka.bootstrap-servers", "ckafka-abc.example:50001",
                "ckafka.security-protocol", "SASL_PLAINTEXT",
                "ckafka.sasl-username", "ckafka-abc#migrator",
                "ckafka.sasl-password", "pa\"ss");

        // When
        Map<String, Object> client = parse(props).clientProperties();

        // Then
        assertThat(client).containsEntry("bootstrap.servers", "ckafka-abc.example:50001")
                .containsEntry("security.protocol", "SASL_PLAINTEXT")
                .containsEntry("sasl.mechanism", "PLAIN")
                .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required "
                        + "username=\"ckafka-abc#migrator\" password=\"pa\\\"ss\";");
    }

    @Test
    void shouldNeverShowTheSecretsInToString() {
        // Given
        ClusterSettings settings = parse(Map.of("ckafka.bootstrap-servers", "h:1", "ckafka.security-protocol", "SASL_SSL",
                "ckafka.sasl-username", "u", "ckafka.sasl-password", "s3cr3t-value",
                "ckafka.ssl-truststore-password", "trust-s3cr3t", "ckafka.client.ssl.key.password", "key-s3cr3t"));

        // When
        String shown = settings.toString();

        // Then
        assertThat(shown).doesNotContain("s3cr3t").contains("SASL_SSL", "ssl.key.password");
    }

    @Test
    void shouldLetClientOverridesWinOverComputedSettings() {
        // Given
        // a 0.10 legacy broker cannot take idempotent producers
        Map<String, String> props = new HashMap<>(Map.of("ckafka.bootstrap-servers", "h:1",
                "ckafka.client.enable.idempotence", "false", "ckafka.client.security.protocol", "SSL"));

        // When
        Map<String, Object> client = parse(props).clientProperties();

        // Then
        assertThat(client).containsEntry("enable.idempotence", "false").containsEntry("security.protocol", "SSL");
    }

    @Test
    void shouldNameThePropertyWhenTheProtocolIsMisspelled() {
        // Given
        Map<String, String> props = Map.of("ckafka.bootstrap-servers", "h:1", "ckafka.security-protocol", "SASL_PLAIN");

        // When
        Throwable thrown = catchThrowable(() -> parse(props));

        // Then
        assertThat(thrown).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("ckafka.security-protocol:").hasMessageContaining("SASL_PLAIN");
    }

    @Test
    void shouldRequireBootstrapServers() {
        // Given
        Map<String, String> props = Map.of();

        // When
        Throwable thrown = catchThrowable(() -> parse(props));

        // Then
        assertThat(thrown).hasMessage("ckafka.bootstrap-servers: is required but not set");
    }

    @Test
    void shouldRequireEachBootstrapServerAsAHostPortPair() {
        // Given
        Map<String, String> props = Map.of("ckafka.bootstrap-servers", "h:1,broker-without-port");

        // When
        Throwable thrown = catchThrowable(() -> parse(props));

        // Then
        assertThat(thrown).hasMessageStartingWith("ckafka.bootstrap-servers:").hasMessageContaining("broker-without-port");
    }

    @Test
    void shouldRequireAPasswordWhenSaslIsOn() {
        // Given
        Map<String, String> props = Map.of("ckafka.bootstrap-servers", "h:1", "ckafka.security-protocol", "SASL_PLAINTEXT",
                "ckafka.sasl-username", "inst#user");

        // When
        Throwable thrown = catchThrowable(() -> parse(props));

        // Then
        assertThat(thrown).hasMessageStartingWith("ckafka.sasl-password:").hasMessageContaining("environment variable");
    }

    @Test
    void shouldAcceptScramMechanismsByTheirKafkaNames() {
        // Given
        Map<String, String> props = Map.of("ckafka.bootstrap-servers", "h:1", "ckafka.security-protocol", "SASL_SSL",
                "ckafka.sasl-mechanism", "SCRAM-SHA-512", "ckafka.sasl-username", "u", "ckafka.sasl-password", "p");

        // When
        Map<String, Object> client = parse(props).clientProperties();

        // Then
        assertThat(client).containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .hasEntrySatisfying("sasl.jaas.config", v -> assertThat(v.toString()).startsWith(
                        "org.apache.kafka.common.security.scram.ScramLoginModule required"));
    }
}
