package io.ckafkamigrator.kafka;

import java.util.Map;
import java.util.Optional;

import io.ckafkamigrator.config.ClusterSettings;
import io.ckafkamigrator.config.PropertySource;
import io.ckafkamigrator.support.KafkaTestCluster;
import io.ckafkamigrator.support.SaslCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The cluster health probe against a SASL/PLAIN broker, as CKafka's public access. */
class ClusterReachabilityIT {

    private static final String USER = SaslCluster.USER;
    private static final String PASSWORD = SaslCluster.PASSWORD;
    private static KafkaTestCluster ckafka;

    @BeforeAll
    static void startSaslCluster() {
        ckafka = SaslCluster.start();
    }

    @AfterAll
    static void stopSaslCluster() {
        ckafka.close();
    }

    private static ClusterSettings settings(String password) {
        return ClusterSettings.from("ckafka", PropertySource.of(Map.of(
                "ckafka.bootstrap-servers", ckafka.bootstrapServers(),
                "ckafka.security-protocol", "SASL_PLAINTEXT",
                "ckafka.sasl-username", USER,
                "ckafka.sasl-password", password)));
    }

    @Test
    void shouldBeHealthyWithTheRightCredentials() {
        // Given
        ClusterSettings rightCredentials = settings(PASSWORD);

        // When
        Optional<String> problem;
        try (ClusterReachability reachability = new ClusterReachability(rightCredentials, 5_000)) {
            problem = reachability.problem();
        }

        // Then
        assertThat(problem).isEmpty();
    }

    @Test
    void shouldSayTheCredentialsWereRejectedWithoutShowingThePassword() {
        // Given
        String wrong = "Not-The-Pw-77";

        // When
        Optional<String> problem;
        try (ClusterReachability reachability = new ClusterReachability(settings(wrong), 5_000)) {
            problem = reachability.problem();
        }

        // Then
        assertThat(problem).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith("ckafka cluster rejected the credentials (user " + USER + "): ")
                .doesNotContain(wrong));
    }
}
