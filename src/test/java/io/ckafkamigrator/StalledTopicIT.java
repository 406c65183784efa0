package io.ckafkamigrator;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.ckafkamigrator.support.HttpSink;
import io.ckafkamigrator.support.KafkaTestCluster;
import io.ckafkamigrator.support.MigratorExtension;
import io.ckafkamigrator.support.Name;
import io.ckafkamigrator.support.RawKafka;
import io.ckafkamigrator.support.RouteFiles;
import io.ckafkamigrator.support.RunningMigrator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static io.ckafkamigrator.support.Json.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two topics, one of them stuck: its drain probe waits the whole broker timeout every round (a
 * transaction left open on its legacy partition), and nothing of it can be saved (its state
 * file is a directory now), so each of its rounds is slow and then fails. The other topic's
 * handoff goes on as if it were alone.
 */
@ExtendWith(MigratorExtension.class)
class StalledTopicIT {

    /**
     * The on-time topic's handoff needs two of its own monitor rounds (100 ms apart: the first
     * sees its committed offset, the second probes the marker past it) and the handoff's own
     * measurement: well under a second on in-JVM brokers. A round shared with the stuck topic
     * would wait its 15 s probe first (migration.startup.broker-timeout-ms), and its failure
     * would end the round before the on-time topic's turn.
     */
    private static final int HANDOFF_BOUND_SECONDS = 5;

    @Test
    void shouldHandOverATopicOnTimeWhileAnotherTopicIsStuckAndCannotSaveItsState(
            @Name("legacy") KafkaTestCluster legacy, @Name("ckafka") KafkaTestCluster ckafka,
            @TempDir Path routes) throws Exception {
        // Given
        RouteFiles.copy(Path.of("routes"), routes);
        String orders = Files.readString(routes.resolve("topics/orders.yaml"));
        Files.writeString(routes.resolve("topics/payments.yaml"), orders.replace("orders", "payments"));
        legacy.recreateTopic("orders", 1, "orders-consumer");
        ckafka.recreateTopic("orders", 1, "orders-consumer-ckafka");
        legacy.recreateTopic("payments", 1, "payments-consumer");
        ckafka.recreateTopic("payments", 1, "payments-consumer-ckafka");
        try (HttpSink ordersSink = new HttpSink(); HttpSink paymentsSink = new HttpSink()) {
            Map<String, String> props = RunningMigrator.overrides(legacy, ckafka, ordersSink);
            props.put("camel.main.routes-include-pattern", "file:" + routes + "/**/*.yaml");
            props.put("migration.sink.payments", paymentsSink.uri());
            try (RunningMigrator app = RunningMigrator.start(props)) {
                // The stuck topic: one record delivered, then a transaction that stays open, then
                // switched and requested, and from then on its state cannot be saved.
                app.post("/topics/orders?key=o", "text/plain", "o1");
                await().atMost(30, TimeUnit.SECONDS).until(() -> ordersSink.accepted().size() == 1);
                try (AutoCloseable openTransaction = RawKafka.openTransaction(legacy, "orders", "o", "o2")) {
                    app.request("POST", "/api/migrations/orders/switch-producer");
                    app.request("POST", "/api/migrations/orders/cutover");
                    Path stateFile = Path.of(app.stateDir(), "orders.state");
                    Files.delete(stateFile);
                    Files.createDirectories(stateFile.resolve("not-a-file"));
                    // The on-time topic: its legacy log ends with a transaction marker, so only a
                    // monitor round's measurement (not the legacy consumer's commit) sees it drained.
                    RawKafka.produceTransactionally(legacy, "payments", "p", "p1", "p2");
                    await().atMost(30, TimeUnit.SECONDS).until(() -> paymentsSink.accepted().size() == 2);
                    app.request("POST", "/api/migrations/payments/switch-producer");
                    app.post("/topics/payments?key=p", "text/plain", "p3");

                    // When
                    HttpResponse<String> cutover = app.request("POST",
                            "/api/migrations/payments/cutover?wait=" + HANDOFF_BOUND_SECONDS);

                    // Then
                    assertThat(cutover.statusCode()).as(cutover.body()).isEqualTo(200);
                    assertThat(field(cutover.body(), "phase")).isEqualTo("MIGRATED");
                    await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> assertThat(paymentsSink.accepted())
                            .extracting(HttpSink.Delivery::value).containsExactly("p1", "p2", "p3"));
                    assertThat(Path.of(app.stateDir(), "orders.state")).isDirectory();
                    assertThat(ordersSink.accepted()).extracting(HttpSink.Delivery::value).containsExactly("o1");
                }
            }
        }
    }
}
