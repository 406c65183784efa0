package io.ckafkamigrator;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.ckafkamigrator.support.HttpSink;
import io.ckafkamigrator.support.HttpSink.Delivery;
import io.ckafkamigrator.support.KafkaTestCluster;
import io.ckafkamigrator.support.MigratorExtension;
import io.ckafkamigrator.support.MigratorProperty;
import io.ckafkamigrator.support.Name;
import io.ckafkamigrator.support.OrdersMigrator;
import io.ckafkamigrator.support.RawKafka;
import io.ckafkamigrator.support.RunningMigrator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static io.ckafkamigrator.support.Json.field;
import static io.ckafkamigrator.support.OrdersApp.TOPIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Writes to legacy after the switch, with the real main class and two real clusters: stray
 * writes of a producer that was not redirected hold the handoff until the operator accepts
 * them, and then are delivered once, before the CKafka backlog; an aborted transaction and a
 * late append of this run's own send do not hold it, one of the run before a restart does; a
 * legacy partition added while draining holds it until it is taken in.
 */
@ExtendWith(MigratorExtension.class)
// The legacy consumer sees a partition added while draining within half a second, not five minutes.
@MigratorProperty(name = "legacy.client.metadata.max.age.ms", value = "500")
class StrayWritesIT {

    @Name("legacy") private KafkaTestCluster legacy;
    @Name("ckafka") private KafkaTestCluster ckafka;
    @OrdersMigrator private RunningMigrator app;
    @OrdersMigrator private HttpSink sink;

    private void post(String... values) {
        for (String value : values) {
            assertThat(app.post("/topics/orders?key=k", "text/plain", value).statusCode()).isEqualTo(200);
        }
    }

    /** The tag the producer route gave the first record, {@code k:0}, it sent to legacy. */
    private String tagOfFirstRecord() {
        return RawKafka.valuesWithHeader(legacy, TOPIC, "ckafka-migrator-instance", 1).get(0).substring("k:0=".length());
    }

    private List<String> delivered() {
        return sink.accepted().stream().map(Delivery::value).toList();
    }

    @Test
    void shouldDeliverStrayWritesOnceAndBeforeTheCkafkaBacklogAfterTheyAreAccepted() throws Exception {
        // Given
        // A producer that was not redirected wrote s1, s2 to legacy after the switch; the cutover is held
        post("k:0", "k:1");
        await().atMost(30, TimeUnit.SECONDS).until(() -> sink.accepted().size() == 2);
        app.request("POST", "/api/migrations/orders/switch-producer");
        RawKafka.produce(legacy, TOPIC, "stray", "s1", "s2");
        post("k:2", "k:3");
        HttpResponse<String> held = app.request("POST", "/api/migrations/orders/cutover?wait=3");

        // When
        HttpResponse<String> accepted = app.request("POST", "/api/migrations/orders/accept-stray-writes");

        // Then
        assertThat(held.statusCode()).as(held.body()).isEqualTo(202);
        assertThat(field(held.body(), "strayWrites")).isEqualTo("2");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        await().atMost(60, TimeUnit.SECONDS).until(() -> field(app.status("orders"), "phase").equals("MIGRATED"));
        await().atMost(30, TimeUnit.SECONDS).until(() -> sink.accepted().size() >= 6);
        assertThat(delivered()).hasSize(6).doesNotHaveDuplicates()
                .containsExactlyInAnyOrder("k:0", "k:1", "s1", "s2", "k:2", "k:3");
        assertThat(delivered()).containsSubsequence("s1", "s2", "k:2").containsSubsequence("k:0", "k:1", "k:2", "k:3");
        String history = app.request("GET", "/api/migrations/orders/history").body();
        assertThat(history).contains("\"event\":\"stray-writes-accepted\"", "\"oldDrainTarget\":", "\"newDrainTarget\":",
                "accept-stray-writes");
    }

    @Test
    void shouldNotHoldTheHandoffForATransactionAbortedAfterTheSwitch() throws Exception {
        // Given
        // Two records and the abort marker of their transaction lie past the drain target
        post("k:0");
        await().atMost(30, TimeUnit.SECONDS).until(() -> sink.accepted().size() == 1);
        app.request("POST", "/api/migrations/orders/switch-producer");
        RawKafka.produceAndAbort(legacy, TOPIC, "tx", "aborted-1", "aborted-2");
        post("k:1");

        // When
        HttpResponse<String> cutover = app.request("POST", "/api/migrations/orders/cutover?wait=30");

        // Then
        assertThat(cutover.statusCode()).as(cutover.body()).isEqualTo(200);
        // Handed over, so the marker held nothing; once MIGRATED legacy is not measured any more.
        assertThat(field(cutover.body(), "phase")).isEqualTo("MIGRATED");
        assertThat(field(cutover.body(), "strayWrites")).isEqualTo("null");
        await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> assertThat(delivered()).containsExactly("k:0", "k:1"));
    }

    @Test
    void shouldReportALateAppendOfOurOwnSendApartFromStrayWritesWithoutHoldingTheHandoff() throws Exception {
        // Given
        // A record with this run's tag (read from the one it sent before the switch) appended
        // after the switch, as a send of ours whose outcome was unknown would be
        post("k:0");
        app.request("POST", "/api/migrations/orders/switch-producer");
        String tag = tagOfFirstRecord();
        RawKafka.produce(legacy, TOPIC, 0, "k", "late", Map.of("ckafka-migrator-instance", tag));
        // Seen while the topic drains: once MIGRATED the status no longer asks legacy.
        await().atMost(30, TimeUnit.SECONDS).until(() -> field(app.status("orders"), "lateAppends").equals("1"));
        String draining = app.status("orders");

        // When
        HttpResponse<String> cutover = app.request("POST", "/api/migrations/orders/cutover?wait=30");

        // Then
        assertThat(field(draining, "strayWrites")).as(draining).isEqualTo("0");
        assertThat(cutover.statusCode()).as(cutover.body()).isEqualTo(200);
        assertThat(field(cutover.body(), "strayWrites")).as("MIGRATED: not measured").isEqualTo("null");
    }

    // The restart stops the legacy consumer while it delivers the late append, which it retries
    // until the stop ends: after 50, 100, 200 ms rather than the shipped 0.5, 1, 2 s.
    @Test
    @MigratorProperty(name = "migration.delivery.redelivery-delay-ms", value = "50")
    void shouldHoldTheHandoffForALateAppendOfTheRunBeforeARestart() throws Exception {
        // Given
        // A record with the first run's tag appended after the switch, then a restart on the same
        // state: to the second run it is as foreign as a copy of the state directory run elsewhere
        post("k:0");
        app.request("POST", "/api/migrations/orders/switch-producer");
        String firstRun = tagOfFirstRecord();
        RawKafka.produce(legacy, TOPIC, 0, "k", "late", Map.of("ckafka-migrator-instance", firstRun));
        app.restart();

        // When
        HttpResponse<String> held = app.request("POST", "/api/migrations/orders/cutover?wait=3");

        // Then
        assertThat(held.statusCode()).as(held.body()).isEqualTo(202);
        assertThat(field(held.body(), "strayWrites")).isEqualTo("1");
        assertThat(field(held.body(), "lateAppends")).isEqualTo("0");
    }

    @Test
    void shouldTagWhatItSendsToLegacyWithItsInstanceIdAndRunAndWhatItSendsToCkafkaWithNothing() throws Exception {
        // Given
        String instance = Files.readString(Path.of(app.stateDir(), "instance-id"), StandardCharsets.US_ASCII).strip();
        post("k:0");
        app.request("POST", "/api/migrations/orders/switch-producer");

        // When
        post("k:1");

        // Then
        // the instance id and this run's nonce
        assertThat(RawKafka.valuesWithHeader(legacy, TOPIC, "ckafka-migrator-instance", 1)).singleElement()
                .asString().matches("k:0=" + instance + "-[0-9a-f]{12}");
        assertThat(RawKafka.valuesWithHeader(ckafka, TOPIC, "ckafka-migrator-instance", 1)).containsExactly("k:1=null");
    }

    @Test
    void shouldRefuseTheCutoverWhileALegacyPartitionAddedAfterTheSwitchIsNotTakenIn() {
        // Given
        post("k:0");
        app.request("POST", "/api/migrations/orders/switch-producer");
        legacy.addPartitions(TOPIC, 4);
        await().atMost(30, TimeUnit.SECONDS).until(() -> !field(app.status("orders"), "partitionsChanged").equals("null"));

        // When
        HttpResponse<String> cutover = app.request("POST", "/api/migrations/orders/cutover");

        // Then
        assertThat(cutover.statusCode()).isEqualTo(409);
        assertThat(cutover.body()).contains("\"error\":\"partitions_changed\"", "partitions [3]");
        assertThat(field(app.status("orders"), "phase")).isEqualTo("DRAINING");
    }

    @Test
    void shouldHandOverWithEveryRecordOnceOnceTheNewLegacyPartitionIsTakenIn() throws Exception {
        // Given
        // Requested while the sink stalls; then a fourth legacy partition gets a record of a
        // producer that was not redirected, and the drained topic is held
        sink.hold();
        post("k:0");
        app.request("POST", "/api/migrations/orders/switch-producer");
        post("k:1");
        app.request("POST", "/api/migrations/orders/cutover");
        legacy.addPartitions(TOPIC, 4);
        RawKafka.produce(legacy, TOPIC, 3, "new", "p3", Map.of());
        await().atMost(30, TimeUnit.SECONDS).until(() -> !field(app.status("orders"), "partitionsChanged").equals("null"));
        sink.release();
        await().atMost(30, TimeUnit.SECONDS).until(() -> delivered().containsAll(List.of("k:0", "p3")));

        // When
        HttpResponse<String> accepted = app.request("POST", "/api/migrations/orders/accept-stray-writes");

        // Then
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        await().atMost(60, TimeUnit.SECONDS).until(() -> field(app.status("orders"), "phase").equals("MIGRATED"));
        await().atMost(30, TimeUnit.SECONDS).until(() -> sink.accepted().size() >= 3);
        assertThat(delivered()).hasSize(3).containsExactlyInAnyOrder("k:0", "p3", "k:1");
        assertThat(field(app.status("orders"), "partitionsChanged")).isEqualTo("null");
    }
}
