package io.ckafkamigrator;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.ckafkamigrator.support.ExactDelivery;
import io.ckafkamigrator.support.HttpSink;
import io.ckafkamigrator.support.HttpSink.Delivery;
import io.ckafkamigrator.support.KafkaTestCluster;
import io.ckafkamigrator.support.KeyedLoad;
import io.ckafkamigrator.support.MigratorExtension;
import io.ckafkamigrator.support.Name;
import io.ckafkamigrator.support.OrdersMigrator;
import io.ckafkamigrator.support.RawKafka;
import io.ckafkamigrator.support.RunningMigrator;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static io.ckafkamigrator.support.Json.field;
import static io.ckafkamigrator.support.OrdersApp.CKAFKA_GROUP;
import static io.ckafkamigrator.support.OrdersApp.TOPIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ordered migration of {@code orders} through the control API, with the real main class,
 * the shipped routes and two real clusters: switch the producer, let the legacy group drain,
 * hand over to exactly one CKafka consumer.
 */
@ExtendWith(MigratorExtension.class)
class CutoverIT {

    @Name("legacy") private KafkaTestCluster legacy;
    @Name("ckafka") private KafkaTestCluster ckafka;
    @OrdersMigrator private RunningMigrator app;
    @OrdersMigrator private HttpSink sink;

    private String phase() {
        return field(app.status("orders"), "phase");
    }

    @Test
    void shouldDeliverEveryRecordExactlyOnceAndInOrderPerKeyAcrossAnOrderedCutoverUnderLoad() throws Exception {
        // Given
        // Keyed, sequence-numbered records POSTed without pause.
        KeyedLoad load = new KeyedLoad(app, 8);
        int switchAfter = ThreadLocalRandom.current().nextInt(100, 400);
        await().atMost(60, TimeUnit.SECONDS).until(() -> load.acknowledgedCount() >= switchAfter);

        // When
        // Switch at a random point, then request the cutover and wait for it.
        HttpResponse<String> switched = app.request("POST", "/api/migrations/orders/switch-producer");
        HttpResponse<String> cutover = app.request("POST", "/api/migrations/orders/cutover?wait=60");
        int afterCutover = load.acknowledgedCount();
        await().atMost(60, TimeUnit.SECONDS).until(() -> load.acknowledgedCount() >= afterCutover + 200);
        load.close();

        // Then
        assertThat(switched.statusCode()).as(switched.body()).isEqualTo(200);
        assertThat(cutover.statusCode()).as(cutover.body()).isEqualTo(200);
        assertThat(field(cutover.body(), "phase")).isEqualTo("MIGRATED");
        assertThat(load.failures()).isEmpty();
        ExactDelivery.assertEveryAcknowledgedRecordOnceInKeyOrder(sink, load);
        assertThat(legacy.endOffsetSum(TOPIC)).isPositive().isLessThan(load.acknowledged().size());
        assertThat(ckafka.groupMembers(CKAFKA_GROUP)).isEqualTo(1);
        assertThat(field(app.status("orders"), "handoffPauseMs")).isNotEqualTo("null");
    }

    @Test
    void shouldDeliverEveryRecordExactlyOnceAndInOrderPerKeyWhenTheCutoverComesLongAfterTheSwitch() throws Exception {
        // Given
        // Switched under keyed load; the legacy group drained long before the cutover.
        KeyedLoad load = new KeyedLoad(app, 8);
        await().atMost(60, TimeUnit.SECONDS).until(() -> load.acknowledgedCount() >= 200);
        HttpResponse<String> switched = app.request("POST", "/api/migrations/orders/switch-producer");
        await().atMost(60, TimeUnit.SECONDS).until(() -> field(app.status("orders"), "legacyRemaining").equals("0"));
        int drained = load.acknowledgedCount();
        await().atMost(60, TimeUnit.SECONDS).until(() -> load.acknowledgedCount() >= drained + 300);

        // When
        HttpResponse<String> cutover = app.request("POST", "/api/migrations/orders/cutover?wait=60");
        int afterCutover = load.acknowledgedCount();
        await().atMost(60, TimeUnit.SECONDS).until(() -> load.acknowledgedCount() >= afterCutover + 200);
        load.close();

        // Then
        assertThat(switched.statusCode()).as(switched.body()).isEqualTo(200);
        assertThat(cutover.statusCode()).as(cutover.body()).isEqualTo(200);
        assertThat(field(cutover.body(), "phase")).isEqualTo("MIGRATED");
        assertThat(load.failures()).isEmpty();
        ExactDelivery.assertEveryAcknowledgedRecordOnceInKeyOrder(sink, load);
    }

    @Test
    void shouldWaitForTheLegacyGroupToDrainBeforeHandingOver() {
        // Given
        // The sink refuses the last legacy record for a while, so legacy cannot drain.
        sink.failNext("a:2", 4);
        for (String value : List.of("a:0", "a:1", "a:2")) {
            app.post("/topics/orders?key=a", "text/plain", value);
        }
        app.request("POST", "/api/migrations/orders/switch-producer");
        app.post("/topics/orders?key=a", "text/plain", "a:3");

        // When
        HttpResponse<String> early = app.request("POST", "/api/migrations/orders/cutover?wait=1");

        // Then
        // Not yet handed over, and the CKafka record waits behind the legacy one.
        assertThat(early.statusCode()).isEqualTo(202);
        assertThat(field(early.body(), "phase")).isEqualTo("CUTTING_OVER");
        await().atMost(60, TimeUnit.SECONDS).until(() -> phase().equals("MIGRATED"));
        await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> assertThat(sink.accepted())
                .extracting(Delivery::value).containsExactly("a:0", "a:1", "a:2", "a:3"));
        assertThat(sink.refusedCount()).isEqualTo(4);
    }

    @Test
    void shouldNotDeliverRecordsThatWereInCkafkaBeforeTheSwitch() throws Exception {
        // Given
        // CKafka already holds older records in the topic.
        RawKafka.produce(ckafka, TOPIC, "old", "old-1", "old-2", "old-3");
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

        // When
        // Some producer that was not redirected still writes to legacy.
        RawKafka.produce(legacy, TOPIC, "stray", "s1", "s2");
        HttpResponse<String> cutover = app.request("POST", "/api/migrations/orders/cutover?wait=3");

        // Then
        assertThat(cutover.statusCode()).isEqualTo(202);
        assertThat(field(cutover.body(), "phase")).isEqualTo("CUTTING_OVER");
        assertThat(field(cutover.body(), "strayWrites")).isEqualTo("2");
        assertThat(app.context().getRouteController().getRouteStatus("orders-legacy-consumer").isStarted()).isTrue();
    }

    @Test
    void shouldDrainALegacyTopicWrittenByATransactionalProducer() {
        // Given
        // The legacy log of every partition written ends with a transaction marker.
        RawKafka.produceTransactionally(legacy, TOPIC, "tx", "t1", "t2", "t3");
        await().atMost(30, TimeUnit.SECONDS).until(() -> sink.accepted().size() == 3);

        // When
        app.request("POST", "/api/migrations/orders/switch-producer");
        HttpResponse<String> cutover = app.request("POST", "/api/migrations/orders/cutover?wait=30");

        // Then
        assertThat(cutover.statusCode()).as(cutover.body()).isEqualTo(200);
        assertThat(field(cutover.body(), "phase")).isEqualTo("MIGRATED");
    }

    @Test
    void shouldRefuseTheHandoffWhileAnotherConsumerIsActiveInTheCkafkaGroup() {
        // Given
        // Switched, and our CKafka consumer waits in its group; a consumer that is not ours stays in it.
        app.request("POST", "/api/migrations/orders/switch-producer");
        await().atMost(30, TimeUnit.SECONDS).until(() -> ckafka.groupMembers(CKAFKA_GROUP) == 1);
        try (KafkaConsumer<String, String> intruder = RawKafka.joinedConsumer(ckafka, CKAFKA_GROUP, TOPIC)) {

            // When
            HttpResponse<String> cutover = app.request("POST", "/api/migrations/orders/cutover");

            // Then
            assertThat(cutover.statusCode()).isEqualTo(409);
            assertThat(cutover.body()).contains("\"error\":\"ckafka_group_active\"", CKAFKA_GROUP,
                    "clientId=" + RawKafka.INTRUDER_CLIENT_ID, "host=/127.0.0.1");
            assertThat(phase()).isEqualTo("DRAINING");
            assertThat(app.context().getRouteController().getRouteStatus("orders-legacy-consumer").isStarted()).isTrue();
        }
    }

    @Test
    void shouldRefuseTheSwitchWhileAConsumerIsActiveInTheCkafkaGroup() {
        // Given
        try (KafkaConsumer<String, String> intruder = RawKafka.joinedConsumer(ckafka, CKAFKA_GROUP, TOPIC)) {

            // When
            HttpResponse<String> switched = app.request("POST", "/api/migrations/orders/switch-producer");
            HttpResponse<String> stored = app.post("/topics/orders?key=k", "text/plain", "v");

            // Then
            assertThat(switched.statusCode()).isEqualTo(409);
            assertThat(switched.body()).contains("ckafka_group_active", "clientId=" + RawKafka.INTRUDER_CLIENT_ID);
            assertThat(phase()).isEqualTo("LEGACY");
            assertThat(stored.body()).contains("\"cluster\":\"legacy\"");
        }
    }

    @Test
    void shouldResumeInDrainingAfterARestartWithTheProducerStillOnCkafka() throws Exception {
        // Given
        app.post("/topics/orders?key=k", "text/plain", "k:0");
        app.request("POST", "/api/migrations/orders/switch-producer");
        app.post("/topics/orders?key=k", "text/plain", "k:1");

        // When
        app.restart();

        // Then
        assertThat(phase()).isEqualTo("DRAINING");
        assertThat(field(app.status("orders"), "producer")).isEqualTo("ckafka");
    }

    @Test
    void shouldSendNewRecordsToCkafkaAndCutOverInOrderAfterARestartInDraining() throws Exception {
        // Given
        app.post("/topics/orders?key=k", "text/plain", "k:0");
        app.request("POST", "/api/migrations/orders/switch-producer");
        app.post("/topics/orders?key=k", "text/plain", "k:1");
        app.restart();

        // When
        HttpResponse<String> stored = app.post("/topics/orders?key=k", "text/plain", "k:2");
        HttpResponse<String> cutover = app.request("POST", "/api/migrations/orders/cutover?wait=30");

        // Then
        assertThat(stored.body()).contains("\"cluster\":\"ckafka\"");
        assertThat(cutover.statusCode()).isEqualTo(200);
        await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> assertThat(sink.accepted())
                .extracting(Delivery::value).containsExactly("k:0", "k:1", "k:2"));
    }

    @Test
    void shouldAnswerControlRequestsThatCannotBeDoneInLegacyWithJsonErrors() {
        // Given
        String orders = "/api/migrations/orders";

        // When
        HttpResponse<String> cutoverInLegacy = app.request("POST", orders + "/cutover");
        HttpResponse<String> unknownTopic = app.request("GET", "/api/migrations/payments");
        HttpResponse<String> unknownTopicSwitch = app.request("POST", "/api/migrations/payments/switch-producer");
        HttpResponse<String> wrongMethod = app.request("GET", orders + "/switch-producer");

        // Then
        assertThat(cutoverInLegacy.statusCode()).isEqualTo(409);
        assertThat(cutoverInLegacy.body()).contains("wrong_phase", "LEGACY");
        assertThat(unknownTopic.statusCode()).isEqualTo(404);
        assertThat(unknownTopicSwitch.statusCode()).isEqualTo(404);
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
    }

    @Test
    void shouldRefuseAMalformedCutoverWaitWith400AndStayDraining() {
        // Given
        app.request("POST", "/api/migrations/orders/switch-producer");

        // When
        HttpResponse<String> notANumber = app.request("POST", "/api/migrations/orders/cutover?wait=abc");
        HttpResponse<String> negative = app.request("POST", "/api/migrations/orders/cutover?wait=-1");

        // Then
        assertThat(notANumber.statusCode()).isEqualTo(400);
        assertThat(negative.statusCode()).isEqualTo(400);
        assertThat(phase()).isEqualTo("DRAINING");
    }

    @Test
    void shouldAnswerASecondSwitchWith200AndStayDraining() {
        // Given
        app.request("POST", "/api/migrations/orders/switch-producer");

        // When
        HttpResponse<String> again = app.request("POST", "/api/migrations/orders/switch-producer");

        // Then
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(phase()).isEqualTo("DRAINING");
    }
}
