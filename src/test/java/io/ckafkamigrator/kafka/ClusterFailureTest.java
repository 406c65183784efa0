package io.ckafkamigrator.kafka;

import java.util.Map;
import java.util.concurrent.ExecutionException;

import io.ckafkamigrator.config.ClusterSettings;
import io.ckafkamigrator.config.PropertySource;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterFailureTest {

    private static final String PASSWORD = "Sasl-Pw-4f1c9e";
    private static final String TRUSTSTORE_PASSWORD = "Trust-Pw-91";

    private static ClusterSettings saslCkafka() {
        return ClusterSettings.from("ckafka", PropertySource.of(Map.of(
                "ckafka.bootstrap-servers", "10.0.0.1:9092",
                "ckafka.security-protocol", "SASL_SSL",
                "ckafka.sasl-username", "ckafka-abc#migrator",
                "ckafka.sasl-password", PASSWORD,
                "ckafka.ssl-truststore-password", TRUSTSTORE_PASSWORD)));
    }

    private static ClusterSettings plainLegacy() {
        return ClusterSettings.from("legacy", PropertySource.of(Map.of("legacy.bootstrap-servers", "10.0.0.2:9092,10.0.0.3:9092")));
    }

    @Test
    void shouldNameTheClusterAndItsAddressesWhenItDoesNotAnswerInTime() {
        // Given
        Exception error = new ExecutionException(new TimeoutException("Timed out waiting for a node assignment. Call: describeCluster"));

        // When
        String reason = ClusterFailure.reason(plainLegacy(), error, 2000);

        // Then
        assertThat(reason).isEqualTo("legacy cluster unreachable at 10.0.0.2:9092,10.0.0.3:9092: no answer within 2000 ms");
    }

    @Test
    void shouldTreatTheProbesOwnTimeoutAsUnreachable() {
        // Given
        Exception error = new java.util.concurrent.TimeoutException();

        // When
        String reason = ClusterFailure.reason(plainLegacy(), error, 1500);

        // Then
        assertThat(reason).isEqualTo("legacy cluster unreachable at 10.0.0.2:9092,10.0.0.3:9092: no answer within 1500 ms");
    }

    @Test
    void shouldSayTheCredentialsWereRejectedNamingTheUserButNotThePassword() {
        // Given
        // a broker message that echoes what the client sent
        Exception error = new ExecutionException(new SaslAuthenticationException(
                "Authentication failed: Invalid username or password for ckafka-abc#migrator password=\"" + PASSWORD + "\""));

        // When
        String reason = ClusterFailure.reason(saslCkafka(), error, 2000);

        // Then
        assertThat(reason).startsWith("ckafka cluster rejected the credentials (user ckafka-abc#migrator): Authentication failed")
                .doesNotContain(PASSWORD)
                .contains("****");
    }

    @Test
    void shouldMaskAnySecretOfTheClusterAndAnythingThatLooksLikeAPassword() {
        // Given
        Exception error = new SaslAuthenticationException("login with " + PASSWORD + " and " + TRUSTSTORE_PASSWORD
                + " failed; sasl.jaas.config=PlainLoginModule required username=\"u\" password=\"other-secret\";");

        // When
        String reason = ClusterFailure.reason(saslCkafka(), error, 2000);

        // Then
        assertThat(reason).doesNotContain(PASSWORD, TRUSTSTORE_PASSWORD, "other-secret")
                .contains("login with **** and **** failed", "password=****");
    }

    @Test
    void shouldPointAtTheTruststoreWhenTheTlsHandshakeFails() {
        // Given
        Exception error = new ExecutionException(new SslAuthenticationException("SSL handshake failed"));

        // When
        String reason = ClusterFailure.reason(saslCkafka(), error, 2000);

        // Then
        assertThat(reason).isEqualTo("ckafka cluster at 10.0.0.1:9092 failed the TLS handshake "
                + "(check the truststore and keystore): SSL handshake failed");
    }

    @Test
    void shouldSayAccessWasDeniedWhenTheUserMayNotDescribeTheCluster() {
        // Given
        Exception error = new TopicAuthorizationException("Not authorized");

        // When
        String reason = ClusterFailure.reason(saslCkafka(), error, 2000);

        // Then
        assertThat(reason).isEqualTo("ckafka cluster denied access (user ckafka-abc#migrator): Not authorized");
    }

    @Test
    void shouldKeepAnyOtherFailureOnOneShortLine() {
        // Given
        Exception error = new IllegalStateException("first line\nsecond line " + "x".repeat(1000));

        // When
        String reason = ClusterFailure.reason(plainLegacy(), error, 2000);

        // Then
        assertThat(reason).startsWith("legacy cluster unreachable at 10.0.0.2:9092,10.0.0.3:9092: IllegalStateException: first line second line x")
                .doesNotContain("\n")
                .hasSizeLessThan(ClusterFailure.MAX_DETAIL + 120)
                .endsWith("...");
    }
}
