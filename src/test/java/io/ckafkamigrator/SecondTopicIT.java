package io.ckafkamigrator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.ckafkamigrator.support.HttpSink;
import io.ckafkamigrator.support.KafkaTestCluster;
import io.ckafkamigrator.support.MigratorExtension;
import io.ckafkamigrator.support.Name;
import io.ckafkamigrator.support.RouteFiles;
import io.ckafkamigrator.support.RunningMigrator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Adding a topic the way the README says: one new file made from orders.yaml, plus the topic
 * on both clusters. Nothing else changes.
 */
@ExtendWith(MigratorExtension.class)
class SecondTopicIT {

    @Test
    void shouldServeANewTopicFromOneCopiedRouteFile(@Name("legacy") KafkaTestCluster legacy,
                                                    @Name("ckafka") KafkaTestCluster ckafka,
                                                    @TempDir Path routes) throws Exception {
        // Given
        // The shipped routes plus routes/topics/payments.yaml, as the README makes it.
        RouteFiles.copy(Path.of("routes"), routes);
        String orders = Files.readString(routes.resolve("topics/orders.yaml"));
        Files.writeString(routes.resolve("topics/payments.yaml"), orders.replace("orders", "payments"));
        legacy.recreateTopic("orders", 3, "orders-consumer");
        legacy.commitAtEnd("orders-consumer", "orders");
        ckafka.recreateTopic("orders", 3);
        legacy.recreateTopic("payments", 2, "payments-consumer");
        legacy.commitAtEnd("payments-consumer", "payments");
        ckafka.recreateTopic("payments", 2);

        try (HttpSink sink = new HttpSink()) {
            Map<String, String> props = RunningMigrator.overrides(legacy, ckafka, sink);
            props.put("camel.main.routes-include-pattern", "file:" + routes + "/**/*.yaml");
            props.put("migration.sink.payments", sink.uri());
            try (RunningMigrator app = RunningMigrator.start(props)) {

                // When
                int status = app.post("/topics/payments?key=invoice-1", "text/plain", "paid").statusCode();

                // Then
                assertThat(status).isEqualTo(200);
                await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> assertThat(sink.accepted())
                        .extracting(HttpSink.Delivery::value).containsExactly("paid"));
                assertThat(legacy.endOffsetSum("payments")).isEqualTo(1);
                assertThat(app.context().getRoute("payments-legacy-consumer")).isNotNull();
                assertThat(app.context().getRoute("payments-ckafka-consumer")).isNotNull();
            }
        }
    }
}
