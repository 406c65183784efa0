package io.ckafkamigrator.kafka;

import java.util.Map;

import io.ckafkamigrator.config.ClusterSettings;
import io.ckafkamigrator.config.PropertySource;
import io.ckafkamigrator.core.ProvisionFailedException;
import io.ckafkamigrator.core.ProvisionFailedException.Reason;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What each broker refusal of a CreateTopics means for the operator (the real policy refusal: ProvisionRefusalIT). */
class KafkaTopicAdminTest {

    private static final ClusterSettings CKAFKA = ClusterSettings.from("ckafka", PropertySource.of(Map.of(
            "ckafka.bootstrap-servers", "10.0.0.1:9093", "ckafka.security-protocol", "SASL_PLAINTEXT",
            "ckafka.sasl-mechanism", "PLAIN", "ckafka.sasl-username", "ckafka-x#migrator",
            "ckafka.sasl-password", "Pw-3c1")));

    @Test
    void shouldAnswerAnAclRefusalAsForbiddenNamingTheUser() {
        // When
        ProvisionFailedException topic = KafkaTopicAdmin.failure(new TopicAuthorizationException("denied"), CKAFKA);
        ProvisionFailedException cluster = KafkaTopicAdmin.failure(new ClusterAuthorizationException("denied"), CKAFKA);

        // Then
        assertThat(topic.reason()).isEqualTo(Reason.FORBIDDEN);
        assertThat(cluster.reason()).isEqualTo(Reason.FORBIDDEN);
        assertThat(topic.getMessage()).contains("ckafka cluster at 10.0.0.1:9093", "user 'ckafka-x#migrator'",
                "create topics");
    }

    @Test
    void shouldAnswerAPolicyAReplicationFactorAndAnOldBrokerAsRefused() {
        // When
        ProvisionFailedException policy = KafkaTopicAdmin.failure(new PolicyViolationException("console only"), CKAFKA);
        ProvisionFailedException replicas = KafkaTopicAdmin.failure(
                new InvalidReplicationFactorException("3 > 1 brokers"), CKAFKA);
        ProvisionFailedException old = KafkaTopicAdmin.failure(new UnsupportedVersionException("v4"), CKAFKA);

        // Then
        assertThat(policy.reason()).isEqualTo(Reason.REFUSED);
        assertThat(policy.getMessage()).contains("topic creation policy", "console only");
        assertThat(replicas.reason()).isEqualTo(Reason.REFUSED);
        assertThat(replicas.getMessage()).contains("migration.provision.replication-factor");
        assertThat(old.reason()).isEqualTo(Reason.REFUSED);
        assertThat(old.getMessage()).contains("before Kafka 2.4");
    }

    @Test
    void shouldTellATopicCreatedMeanwhileApart() {
        // When
        ProvisionFailedException exists = KafkaTopicAdmin.failure(new TopicExistsException("exists"), CKAFKA);

        // Then
        assertThat(exists.reason()).isEqualTo(Reason.ALREADY_EXISTS);
    }
}
