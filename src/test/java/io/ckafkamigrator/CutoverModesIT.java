package io.ckafkamigrator;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.ckafkamigrator.support.ExactDelivery;
import io.ckafkamigrator.support.HttpSink;
import io.ckafkamigrator.support.HttpSink.Delivery;
import io.ckafkamigrator.support.KafkaTestCluster;
import io.ckafkamigrator.support.KeyedLoad;
import io.ckafkamigrator.support.MigratorExtension;
import io.ckafkamigrator.support.Name;
import io.ckafkamigrator.support.RouteFiles;
import io.ckafkamigrator.support.RunningMigrator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static io.ckafkamigrator.support.Json.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Per-topic modes beside the shipped ordered {@code orders}: an unordered topic and an
 * auto-cutover topic, each one file made from orders.yaml; plus restarts and races.
 */
@ExtendWith(MigratorExtension.class)
class CutoverModesIT {

    @Name("legacy") private KafkaTestCluster legacy;
    @Name("ckafka") private KafkaTestCluster ckafka;
    private HttpSink sink;
    private RunningMigrator app;

    @BeforeEach
    void startMigrator(@TempDir Path routes) throws Exception {
        RouteFiles.copy(Path.of("routes"), routes);
        String orders = Files.readString(routes.resolve("topics/orders.yaml"));
        Files.writeString(routes.resolve("topics/payments.yaml"), RouteFiles.replaceOnce(
                orders.replace("orders", "payments"), "value: ordered\n", "value: unordered\n"));
        Files.writeString(routes.resolve("topics/invoices.yaml"), RouteFiles.replaceOnce(
                orders.replace("orders", "invoices"), "value: \"false\"\n", "value: \"true\"\n"));
        for (String topic : List.of("orders", "payments", "invoices")) {
            legacy.recreateTopic(topic, 2, topic + "-consumer");
            legacy.commitAtEnd(topic + "-consumer", topic);
            ckafka.recreateTopic(topic, 2, topic + "-consumer-ckafka");
        }
        sink = new HttpSink();
        Map<String, String> props = RunningMigrator.overrides(legacy, ckafka, sink);
        props.put("camel.main.routes-include-pattern", "file:" + routes + "/**/*.yaml");
        props.putAll(RunningMigrator.QUICK_STOPPING_CONSUMERS);
        props.put("migration.sink.payments", sink.uri());
        props.put("migration.sink.invoices", sink.uri());
        app = RunningMigrator.start(props);
    }

    @AfterEach
    void stopMigrator() throws Exception {
        if (app != null) {
            app.close();
        }
        sink.close();
    }

    private String status(String topic) {
        return app.request("GET", "/api/migrations/" + topic).body();
    }

    @Test
    void shouldStartCkafkaConsumersAtTheSwitchAndFinishByItselfInUnorderedMode() {
        // Given
        // The legacy consumer still has a record it cannot deliver yet.
        sink.failNext("p:0", 4);
        app.post("/topics/payments?key=p", "text/plain", "p:0");

        // When
        app.request("POST", "/api/migrations/payments/switch-producer");
        app.post("/topics/payments?key=p", "text/plain", "p:1");

        // Then
        // The CKafka record is delivered while legacy still drains, then the topic migrates alone.
        await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> assertThat(sink.accepted())
                .extracting(Delivery::value).contains("p:1"));
        assertThat(sink.accepted()).extracting(Delivery::value).doesNotContain("p:0");
        await().atMost(60, TimeUnit.SECONDS).until(() -> status("payments").contains("\"phase\":\"MIGRATED\""));
        assertThat(sink.accepted()).extracting(Delivery::value).containsExactlyInAnyOrder("p:0", "p:1");
    }

    @Test
    void shouldDeliverEveryRecordAtLeastOnceAcrossAnUnorderedMigrationUnderLoad() throws Exception {
        // Given
        KeyedLoad load = new KeyedLoad(app, "payments", 6);
        await().atMost(60, TimeUnit.SECONDS).until(() -> load.acknowledgedCount() >= 150);

        // When
        app.request("POST", "/api/migrations/payments/switch-producer");
        int afterSwitch = load.acknowledgedCount();
        await().atMost(60, TimeUnit.SECONDS).until(() -> load.acknowledgedCount() >= afterSwitch + 150);
        load.close();

        // Then
        await().atMost(60, TimeUnit.SECONDS).until(() -> status("payments").contains("\"phase\":\"MIGRATED\""));
        List<String> sent = load.acknowledged();
        await().atMost(60, TimeUnit.SECONDS).untilAsserted(() -> assertThat(sink.accepted())
                .extracting(Delivery::value).containsAll(sent));
        long duplicates = sink.accepted().size() - sink.accepted().stream().map(Delivery::value).distinct().count();
        System.out.printf("unordered migration: %d records sent, %d delivered, %d duplicates%n",
                sent.size(), sink.accepted().size(), duplicates);
        assertThat(load.failures()).isEmpty();
    }

    @Test
    void shouldCutOverByItselfOnceDrainedInAutoMode() {
        // Given
        app.post("/topics/invoices?key=i", "text/plain", "i:0");

        // When
        app.request("POST", "/api/migrations/invoices/switch-producer");
        app.post("/topics/invoices?key=i", "text/plain", "i:1");

        // Then
        await().atMost(60, TimeUnit.SECONDS).until(() -> status("invoices").contains("\"phase\":\"MIGRATED\""));
        await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> assertThat(sink.accepted())
                .extracting(Delivery::value).containsExactly("i:0", "i:1"));
    }

    @Test
    void shouldCutOverByItselfUnderLoadInAutoModeDeliveringEveryRecordOnceAndEachKeyInOrder() throws Exception {
        // Given
        // Keyed load, the legacy consumer caught up.
        KeyedLoad load = new KeyedLoad(app, "invoices", 8);
        await().atMost(60, TimeUnit.SECONDS).until(() -> load.acknowledgedCount() >= 200);

        // When
        HttpResponse<String> switched = app.request("POST", "/api/migrations/invoices/switch-producer");
        await().atMost(60, TimeUnit.SECONDS).until(() -> status("invoices").contains("\"phase\":\"MIGRATED\""));
        int migrated = load.acknowledgedCount();
        await().atMost(60, TimeUnit.SECONDS).until(() -> load.acknowledgedCount() >= migrated + 200);
        load.close();

        // Then
        assertThat(switched.statusCode()).as(switched.body()).isEqualTo(200);
        assertThat(load.failures()).isEmpty();
        ExactDelivery.assertEveryAcknowledgedRecordOnceInKeyOrder(sink, load);
        assertThat(field(status("invoices"), "handoffPauseMs")).isNotEqualTo("null");
    }

    @Test
    void shouldMakeOneHandoffOfTwoConcurrentCutoverRequestsAndRefuseTheSecondWithAConflict() throws Exception {
        // Given
        // A cutover whose handoff waits for a record the sink refuses twice.
        sink.failNext("o:0", 2);
        app.post("/topics/orders?key=o", "text/plain", "o:0");
        app.request("POST", "/api/migrations/orders/switch-producer");
        app.post("/topics/orders?key=o", "text/plain", "o:1");
        CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(
                () -> app.request("POST", "/api/migrations/orders/cutover?wait=30"));
        await().atMost(30, TimeUnit.SECONDS).until(() -> status("orders").contains("\"phase\":\"CUTTING_OVER\""));

        // When
        // A second cutover and a switch while the first request still waits.
        HttpResponse<String> second = app.request("POST", "/api/migrations/orders/cutover?wait=30");
        HttpResponse<String> switchAgain = app.request("POST", "/api/migrations/orders/switch-producer");

        // Then
        assertThat(second.statusCode()).as(second.body()).isEqualTo(409);
        assertThat(second.body()).contains("\"error\":\"request_in_progress\"");
        assertThat(switchAgain.statusCode()).isEqualTo(409);
        assertThat(first.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> assertThat(sink.accepted())
                .extracting(Delivery::value).containsExactly("o:0", "o:1"));
        assertThat(ckafka.groupMembers("orders-consumer-ckafka")).isEqualTo(1);
    }

    @Test
    void shouldResumeTheHandoffAfterARestartInCuttingOver() throws Exception {
        // Given
        // A record the sink refuses holds the handoff back.
        sink.failNext("o:0", 2);
        app.post("/topics/orders?key=o", "text/plain", "o:0");
        app.request("POST", "/api/migrations/orders/switch-producer");
        app.post("/topics/orders?key=o", "text/plain", "o:1");

        // When
        HttpResponse<String> cutover = app.request("POST", "/api/migrations/orders/cutover");
        app.restart();

        // Then
        assertThat(cutover.statusCode()).isEqualTo(202);
        assertThat(status("orders")).contains("\"producer\":\"ckafka\"");
        await().atMost(60, TimeUnit.SECONDS).until(() -> status("orders").contains("\"phase\":\"MIGRATED\""));
        await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> assertThat(sink.accepted())
                .extracting(Delivery::value).containsExactly("o:0", "o:1"));
    }
}
