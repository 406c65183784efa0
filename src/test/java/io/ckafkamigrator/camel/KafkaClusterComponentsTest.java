package io.ckafkamigrator.camel;

import java.util.Map;
import java.util.Properties;

import io.ckafkamigrator.config.ClusterSettings;
import io.ckafkamigrator.config.PropertySource;
import org.apache.camel.component.kafka.KafkaEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The settings chosen for a cluster's brokers reach the endpoints the routes make afterwards. */
class KafkaClusterComponentsTest {

    @Test
    void shouldGiveAnEndpointMadeAfterTheFitTheChosenSettingsOverItsOwnParametersAndTheOverridesOverBoth()
            throws Exception {
        // Given
        ClusterSettings legacy = ClusterSettings.from("legacy", PropertySource.of(Map.of(
                "legacy.bootstrap-servers", "old-broker:9092",
                "legacy.client.max.in.flight.requests.per.connection", "2")));
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            KafkaClusterComponents.register(context, legacy);

            // When
            KafkaClusterComponents.fitToBrokers(context, legacy.withBrokerSettings(Map.of(
                    "isolation.level", "read_uncommitted", "enable.idempotence", "false",
                    "max.in.flight.requests.per.connection", "1")));

            // Then
            KafkaEndpoint endpoint = context.getEndpoint(
                    "legacy:orders?groupId=g&isolationLevel=read_committed&enableIdempotence=true", KafkaEndpoint.class);
            Properties consumer = endpoint.getConfiguration().createConsumerProperties();
            Properties producer = endpoint.getConfiguration().createProducerProperties();
            assertThat(consumer).containsEntry("isolation.level", "read_uncommitted");
            assertThat(producer).containsEntry("enable.idempotence", "false")
                    .containsEntry("max.in.flight.requests.per.connection", "2");
        }
    }
}
