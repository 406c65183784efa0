package io.ckafkamigrator;

import java.util.concurrent.TimeUnit;

import io.ckafkamigrator.support.HttpSink;
import io.ckafkamigrator.support.KafkaTestCluster;
import io.ckafkamigrator.support.RunningMigrator;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The same path as {@link OrdersTopicIT}, against two Kafka brokers in containers. Runs where a
 * Docker engine is available and is skipped (not failed) where none is.
 */
@Testcontainers(disabledWithoutDocker = true)
class TestcontainersKafkaIT {

    private static final String IMAGE = "apache/kafka:3.9.1";

    @Container
    static final KafkaContainer LEGACY = new KafkaContainer(IMAGE);

    @Container
    static final KafkaContainer CKAFKA = new KafkaContainer(IMAGE);

    @Test
    void shouldDeliverAPostedRecordThroughContainerizedClusters() throws Exception {
        // Given
        KafkaTestCluster legacy = cluster("legacy", LEGACY);
        KafkaTestCluster ckafka = cluster("ckafka", CKAFKA);
        legacy.recreateTopic("orders", 3);
        ckafka.recreateTopic("orders", 3);
        try (HttpSink sink = new HttpSink();
             RunningMigrator app = RunningMigrator.start(RunningMigrator.overrides(legacy, ckafka, sink))) {

            // When
            int status = app.post("/topics/orders?key=k", "text/plain", "from-a-container").statusCode();

            // Then
            assertThat(status).isEqualTo(200);
            await().atMost(60, TimeUnit.SECONDS).untilAsserted(() -> assertThat(sink.accepted())
                    .extracting(HttpSink.Delivery::value).containsExactly("from-a-container"));
        }
    }

    private static KafkaTestCluster cluster(String name, KafkaContainer container) {
        // The Testcontainers extension stops the container.
        return KafkaTestCluster.of(name, container::getBootstrapServers, () -> { });
    }
}
