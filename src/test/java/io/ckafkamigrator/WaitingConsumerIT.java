package io.ckafkamigrator;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.ckafkamigrator.support.ExactDelivery;
import io.ckafkamigrator.support.HttpSink;
import io.ckafkamigrator.support.HttpSink.Delivery;
import io.ckafkamigrator.support.KafkaTestCluster;
import io.ckafkamigrator.support.KeyedLoad;
import io.ckafkamigrator.support.MigratorExtension;
import io.ckafkamigrator.support.MigratorProperty;
import io.ckafkamigrator.support.Name;
import io.ckafkamigrator.support.OrdersMigrator;
import io.ckafkamigrator.support.RunningMigrator;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static io.ckafkamigrator.support.Json.field;
import static io.ckafkamigrator.support.OrdersApp.CKAFKA_GROUP;
import static io.ckafkamigrator.support.OrdersApp.TOPIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ordered topic's CKafka consumer while it waits for the handoff: a live member of its
 * group however long the drain takes, taking part in the rebalances other members cause, and
 * delivering nothing before MIGRATED.
 */
@ExtendWith(MigratorExtension.class)
class WaitingConsumerIT {

    @Name("legacy") private KafkaTestCluster legacy;
    @Name("ckafka") private KafkaTestCluster ckafka;
    @OrdersMigrator private RunningMigrator app;
    @OrdersMigrator private HttpSink sink;

    // Client settings, which win over the route's, not migration.consumer.ckafka-max-poll-interval-ms
    // (at least 10 s): the CKafka consumer would be dropped after 3 s without a poll, or after 6 s
    // (the brokers' least) without a heartbeat. At most 100 records a poll keep its deliveries
    // after the handoff well within the 3 s.
    @Test
    @MigratorProperty(name = "ckafka.client.max.poll.interval.ms", value = "3000")
    @MigratorProperty(name = "ckafka.client.session.timeout.ms", value = "6000")
    @MigratorProperty(name = "ckafka.client.max.poll.records", value = "100")
    void shouldStayTheSameGroupMemberThroughADrainSixTimesItsMaxPollIntervalThenHandOverExactly() throws Exception {
        // Given
        // A slow sink (5 records a second): the legacy group has more than a minute to drain
        // when the cutover is requested, right after the switch.
        sink.delayEach(Duration.ofMillis(200));
        KeyedLoad load = new KeyedLoad(app, 4);
        await().atMost(60, TimeUnit.SECONDS).until(() -> load.acknowledgedCount() >= 400);
        app.request("POST", "/api/migrations/orders/switch-producer");
        app.request("POST", "/api/migrations/orders/cutover");
        Set<String> member = ckafka.groupMemberIds(CKAFKA_GROUP);
        List<Set<String>> seen = new CopyOnWriteArrayList<>();

        // When
        // Held for 18 s, six times its max.poll.interval.ms and three times its session timeout.
        await().during(18, TimeUnit.SECONDS).atMost(40, TimeUnit.SECONDS).pollInterval(200, TimeUnit.MILLISECONDS)
                .until(() -> {
                    Set<String> now = ckafka.groupMemberIds(CKAFKA_GROUP);
                    seen.add(now);
                    return now.equals(member) && field(app.status("orders"), "phase").equals("CUTTING_OVER");
                });
        sink.delayEach(Duration.ZERO);
        await().atMost(120, TimeUnit.SECONDS).until(() -> field(app.status("orders"), "phase").equals("MIGRATED"));
        int afterCutover = load.acknowledgedCount();
        await().atMost(60, TimeUnit.SECONDS).until(() -> load.acknowledgedCount() >= afterCutover + 100);
        load.close();

        // Then
        assertThat(member).hasSize(1);
        assertThat(seen).hasSizeGreaterThanOrEqualTo(30).allSatisfy(ids -> assertThat(ids).isEqualTo(member));
        assertThat(load.failures()).isEmpty();
        ExactDelivery.assertEveryAcknowledgedRecordOnceInKeyOrder(sink, load);
        assertThat(ckafka.groupMemberIds(CKAFKA_GROUP)).isEqualTo(member);
    }

    @Test
    void shouldLetTheGroupSettleByItselfWhenAForeignMemberJoinsAndLeavesThenCutOverWithoutARestart() throws Exception {
        // Given
        // Switched, with migrated records waiting in CKafka; a foreign member (a second instance
        // that also waits, its partitions paused) joins our consumer's group, then leaves.
        for (int i = 0; i < 5; i++) {
            app.post("/topics/orders?key=k", "text/plain", "k:" + i);
        }
        app.request("POST", "/api/migrations/orders/switch-producer");
        for (int i = 5; i < 10; i++) {
            app.post("/topics/orders?key=k", "text/plain", "k:" + i);
        }
        List<String> foreignReceived = new ArrayList<>();
        try (KafkaConsumer<String, String> foreign = waitingMember()) {
            await().atMost(60, TimeUnit.SECONDS).until(() -> {
                foreign.poll(Duration.ofMillis(100)).forEach(r -> foreignReceived.add(r.value()));
                return !foreign.assignment().isEmpty() && ckafka.groupMembers(CKAFKA_GROUP) == 2;
            });
        }
        List<String> beforeCutover = sink.accepted().stream().map(Delivery::value).toList();

        // When
        HttpResponse<String> cutover = app.request("POST", "/api/migrations/orders/cutover?wait=60");

        // Then
        assertThat(cutover.statusCode()).as(cutover.body()).isEqualTo(200);
        assertThat(field(cutover.body(), "phase")).isEqualTo("MIGRATED");
        assertThat(foreignReceived).isEmpty();
        assertThat(beforeCutover).containsExactly("k:0", "k:1", "k:2", "k:3", "k:4");
        await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> assertThat(sink.accepted()).extracting(Delivery::value)
                .containsExactly("k:0", "k:1", "k:2", "k:3", "k:4", "k:5", "k:6", "k:7", "k:8", "k:9"));
        Instant migrated = Instant.parse(field(app.status("orders"), "MIGRATED"));
        List<Long> at = sink.acceptedAtMillis();
        assertThat(at.subList(5, 10)).allSatisfy(millis -> assertThat(millis).isGreaterThanOrEqualTo(migrated.toEpochMilli()));
        assertThat(ckafka.groupMembers(CKAFKA_GROUP)).isEqualTo(1);
    }

    // The shipped poll timeout: a handoff that did not wake the waiting consumer's poll would
    // pause for about that long.
    @Test
    @MigratorProperty(name = "migration.consumer.poll-timeout-ms", value = "1000")
    void shouldReportTheHandoffPauseAndTheDeliveryGapOfACutoverAsMeasured() throws Exception {
        // Given
        // Migrated records heap up for a while before the cutover is requested.
        app.post("/topics/orders?key=k", "text/plain", "k:0");
        await().atMost(30, TimeUnit.SECONDS).until(() -> sink.accepted().size() == 1);
        app.request("POST", "/api/migrations/orders/switch-producer");
        app.post("/topics/orders?key=k", "text/plain", "k:1");
        await().pollDelay(1, TimeUnit.SECONDS).atMost(5, TimeUnit.SECONDS).until(() -> sink.accepted().size() == 1);

        // When
        app.request("POST", "/api/migrations/orders/cutover?wait=30");

        // Then
        String measured = await().atMost(30, TimeUnit.SECONDS).until(() -> app.status("orders"),
                body -> !field(body, "deliveryGapMs").equals("null"));
        long pause = Long.parseLong(field(measured, "handoffPauseMs"));
        long gap = Long.parseLong(field(measured, "deliveryGapMs"));
        assertThat(gap).isGreaterThanOrEqualTo(1_000).isGreaterThan(pause);
        assertThat(pause).isBetween(0L, 1_000L);
        assertThat(app.request("GET", "/api/migrations/orders/history").body())
                .contains("\"event\":\"handoff-measured\",\"handoffPauseMs\":" + pause + ",\"deliveryGapMs\":" + gap);
    }

    /** A member of the CKafka group that takes its share of the partitions and keeps them paused. */
    private KafkaConsumer<String, String> waitingMember() {
        Map<String, Object> props = new HashMap<>(ckafka.clientProperties());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, CKAFKA_GROUP);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "second-instance");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(TOPIC), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(java.util.Collection<TopicPartition> partitions) {
            }

            @Override
            public void onPartitionsAssigned(java.util.Collection<TopicPartition> partitions) {
                consumer.pause(partitions);
            }
        });
        return consumer;
    }
}
