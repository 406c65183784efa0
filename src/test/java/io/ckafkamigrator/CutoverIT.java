package io.ckafkamigrator;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.ckafkamigrator.support.HttpSink.Delivery;
import io.ckafkamigrator.support.KeyedLoad;
import io.ckafkamigrator.support.RawKafka;
import io.ckafkamigrator.support.RunningMigrator;
import io.ckafkamigrator.support.OrdersAppTest;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ordered migration of {@code orders} through the control API, with the real main class,
 * the shipped routes and two real clusters: switch the producer, let the legacy group drain,
 * hand over to exactly one CKafka consumer.
 */
class CutoverIT extends OrdersAppTest {

    private String phase() {
        return field(app.request("GET", "/api/migrations/orders").body(), "phase");
    }

    @Test
    void shouldDeliverEveryRecordExactlyOnceAndInOrderPerKeyAcrossAnOrderedCutoverUnderLoad() throws Exception {
        // Given: keyed, sequence-numbered records POSTed without pause
        KeyedLoad load = new KeyedLoad(app, 8);
        int switchAfter = ThreadLocalRandom.current().nextInt(100, 400);
        await().atMost(60, TimeUnit.SECONDS).until(() -> load.acknowledgedCount() >= switchAfter);

        // When: switch at a random point, then request the cutover and wait for it
        assertThat(app.request("POST", "/api/migrations/orders/switch-producer").statusCode()).isEqualTo(200);
        HttpResponse<String> cutover = app.request("POST", "/api/migrations/orders/cutover?wait=60");
        int afterCutover = load.acknowledgedCount();
        await().atMost(60, TimeUnit.SECONDS).until(() -> load.acknowledgedCount() >= afterCutover + 200);
        load.close();

        // Then
        assertThat(cutover.statusCode()).as(cutover.body()).isEqualTo(200);
        assertThat(field(cutover.body(), "phase")).isEqualTo("MIGRATED");
        assertThat(load.failures()).isEmpty();
        List<String> sent = load.acknowledged();
        await().atMost(60, TimeUnit.SECONDS).until(() -> sink.accepted().size() >= sent.size());
        List<String> delivered = sink.accepted().stream().map(Delivery::value).toList();
        assertThat(delivered).hasSameSizeAs(sent).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(sent);
        assertThat(KeyedLoad.byKey(delivered)).isEqualTo(KeyedLoad.byKey(sent));
        assertThat(clusters.legacy().endOffsetSum(TOPIC)).isPositive().isLessThan(sent.size());
        assertThat(clusters.ckafka().groupMembers(CKAFKA_GROUP)).isEqualTo(1);
        assertThat(field(app.request("GET", "/api/migrations/orders").body(), "handoffPauseMs")).isNotEqualTo("null");
    }

    @Test
    void shouldWaitForTheLegacyGroupToDrainBeforeHandingOver() throws Exception {
        // Given: the sink refuses the last legacy record for a while, so legacy cannot drain
        sink.failNext("a:2", 4);
        for (String value : List.of("a:0", "a:1", "a:2")) {
            app.post("/topics/orders?key=a", "text/plain", value);
        }
        app.request("POST", "/api/migrations/orders/switch-producer");
        app.post("/topics/orders?key=a", "text/plain", "a:3");

        // When
        HttpResponse<String> early = app.request("POST", "/api/migrations/orders/cutover?wait=1");

        // Then: not yet handed over, and the CKafka record waits behind the legacy one
        assertThat(early.statusCode()).isEqualTo(202);
        assertThat(field(early.body(), "phase")).isEqualTo("CUTTING_OVER");
        await().atMost(60, TimeUnit.SECONDS).until(() -> phase().equals("MIGRATED"));
        await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> assertThat(sink.accepted())
                .extracting(Delivery::value).containsExactly("a:0", "a:1", "a:2", "a:3"));
        assertThat(sink.refusedCount()).isEqualTo(4);
    }

    @Test
    void shouldNotDeliverRecordsThatWereInCkafkaBeforeTheSwitch() throws Exception {
        // Given: CKafka already holds older records in the topic
        RawKafka.produce(clusters.ckafka(), TOPIC, "old", "old-1", "old-2", "old-3");
        app.post("/topics/orders?key=k", "text/plain", "legacy-1");

        // When
        app.request("POST", "/api/migrations/orders/switch-producer");
        app.post("/topics/orders?key=k", "text/plain", "migrated-1");
        HttpResponse<String> cutover = app.request("POST", "/api/migrations/orders/cutover?wait=30");

        // Then
        assertThat(cutover.statusCode()).isEqualTo(200);
        await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> assertThat(sink.accepted())
                .extracting(Delivery::value).containsExactly("legacy-1", "migrated-1"));
    }

    @Test
    void shouldHoldTheCutoverAndReportStrayWritesToLegacyAfterTheSwitch() throws Exception {
        // Given
        app.post("/topics/orders?key=k", "text/plain", "v1");
        app.request("POST", "/api/migrations/orders/switch-producer");

        // When: some producer that was not redirected still writes to legacy
        RawKafka.produce(clusters.legacy(), TOPIC, "stray", "s1", "s2");
        HttpResponse<String> cutover = app.request("POST", "/api/migrations/orders/cutover?wait=3");

        // Then
        assertThat(cutover.statusCode()).isEqualTo(202);
        assertThat(field(cutover.body(), "phase")).isEqualTo("CUTTING_OVER");
        assertThat(field(cutover.body(), "strayWrites")).isEqualTo("2");
        assertThat(app.context().getRouteController().getRouteStatus("orders-legacy-consumer").isStarted()).isTrue();
    }

    @Test
    void shouldDrainALegacyTopicWrittenByATransactionalProducer() throws Exception {
        // Given: the legacy log of every partition written ends with a transaction marker
        RawKafka.produceTransactionally(clusters.legacy(), TOPIC, "tx", "t1", "t2", "t3");
        await().atMost(30, TimeUnit.SECONDS).until(() -> sink.accepted().size() == 3);

        // When
        app.request("POST", "/api/migrations/orders/switch-producer");
        HttpResponse<String> cutover = app.request("POST", "/api/migrations/orders/cutover?wait=30");

        // Then
        assertThat(cutover.statusCode()).as(cutover.body()).isEqualTo(200);
        assertThat(field(cutover.body(), "phase")).isEqualTo("MIGRATED");
    }

    @Test
    void shouldRefuseTheHandoffWhileAnotherConsumerIsActiveInTheCkafkaGroup() throws Exception {
        // Given: switched, and our CKafka consumer has joined its group
        app.request("POST", "/api/migrations/orders/switch-producer");
        await().atMost(30, TimeUnit.SECONDS).until(() -> clusters.ckafka().groupMembers(CKAFKA_GROUP) == 1);
        try (KafkaConsumer<String, String> intruder = RawKafka.joinedConsumer(clusters.ckafka(), CKAFKA_GROUP, TOPIC)) {

            // When
            HttpResponse<String> cutover = app.request("POST", "/api/migrations/orders/cutover");

            // Then
            assertThat(cutover.statusCode()).isEqualTo(409);
            assertThat(cutover.body()).contains("\"error\":\"ckafka_group_active\"", CKAFKA_GROUP);
            assertThat(phase()).isEqualTo("DRAINING");
            assertThat(app.context().getRouteController().getRouteStatus("orders-legacy-consumer").isStarted()).isTrue();
        }
    }

    @Test
    void shouldRefuseTheSwitchWhileAConsumerIsActiveInTheCkafkaGroup() throws Exception {
        try (KafkaConsumer<String, String> intruder = RawKafka.joinedConsumer(clusters.ckafka(), CKAFKA_GROUP, TOPIC)) {
            HttpResponse<String> switched = app.request("POST", "/api/migrations/orders/switch-producer");

            assertThat(switched.statusCode()).isEqualTo(409);
            assertThat(switched.body()).contains("ckafka_group_active");
            assertThat(phase()).isEqualTo("LEGACY");
            assertThat(app.post("/topics/orders?key=k", "text/plain", "v").body()).contains("\"cluster\":\"legacy\"");
        }
    }

    @Test
    void shouldResumeInDrainingAfterARestartWithTheProducerStillOnCkafka() throws Exception {
        // Given
        app.post("/topics/orders?key=k", "text/plain", "k:0");
        app.request("POST", "/api/migrations/orders/switch-producer");
        app.post("/topics/orders?key=k", "text/plain", "k:1");
        Map<String, String> sameStateAndPorts = app.overrides();

        // When
        app.close();
        app = RunningMigrator.start(sameStateAndPorts);

        // Then
        assertThat(phase()).isEqualTo("DRAINING");
        assertThat(app.post("/topics/orders?key=k", "text/plain", "k:2").body()).contains("\"cluster\":\"ckafka\"");
        assertThat(app.request("POST", "/api/migrations/orders/cutover?wait=30").statusCode()).isEqualTo(200);
        await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> assertThat(sink.accepted())
                .extracting(Delivery::value).containsExactly("k:0", "k:1", "k:2"));
    }

    @Test
    void shouldAnswerControlRequestsThatCannotBeDoneWithJsonErrors() {
        assertThat(app.request("POST", "/api/migrations/orders/cutover").statusCode()).isEqualTo(409);
        assertThat(app.request("POST", "/api/migrations/orders/cutover").body()).contains("wrong_phase", "LEGACY");
        assertThat(app.request("GET", "/api/migrations/payments").statusCode()).isEqualTo(404);
        assertThat(app.request("POST", "/api/migrations/payments/switch-producer").statusCode()).isEqualTo(404);
        assertThat(app.request("GET", "/api/migrations/orders/switch-producer").statusCode()).isEqualTo(405);
        app.request("POST", "/api/migrations/orders/switch-producer");
        assertThat(app.request("POST", "/api/migrations/orders/cutover?wait=abc").statusCode()).isEqualTo(400);
        assertThat(app.request("POST", "/api/migrations/orders/cutover?wait=-1").statusCode()).isEqualTo(400);
        assertThat(phase()).isEqualTo("DRAINING");
        assertThat(app.request("POST", "/api/migrations/orders/switch-producer").statusCode()).isEqualTo(200);
        assertThat(phase()).isEqualTo("DRAINING");
    }
}
