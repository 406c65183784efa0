package io.ckafkamigrator;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.ckafkamigrator.support.HttpSink;
import io.ckafkamigrator.support.HttpSink.Delivery;
import io.ckafkamigrator.support.KafkaTestCluster;
import io.ckafkamigrator.support.MigratorExtension;
import io.ckafkamigrator.support.MigratorProperty;
import io.ckafkamigrator.support.Name;
import io.ckafkamigrator.support.OrdersMigrator;
import io.ckafkamigrator.support.PrometheusScrape;
import io.ckafkamigrator.support.RawKafka;
import io.ckafkamigrator.support.RunningMigrator;
import org.apache.camel.ServiceStatus;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static io.ckafkamigrator.support.OrdersApp.CKAFKA_GROUP;
import static io.ckafkamigrator.support.OrdersApp.LEGACY_GROUP;
import static io.ckafkamigrator.support.OrdersApp.TOPIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shipped {@code orders} topic, run by the real main class with the repository's config/
 * and routes/ against two real in-JVM clusters: before any migration step, records go to the
 * legacy cluster and only {@code orders-legacy-consumer} delivers them.
 */
@ExtendWith(MigratorExtension.class)
class OrdersTopicIT {

    @Name("legacy") private KafkaTestCluster legacy;
    @Name("ckafka") private KafkaTestCluster ckafka;
    @OrdersMigrator private RunningMigrator app;
    @OrdersMigrator private HttpSink sink;

    @Test
    void shouldStoreAPostedRecordInLegacyAndDeliverItThroughTheLegacyConsumer() {
        // Given
        String key = "customer-7";
        String value = "order-1";

        // When
        HttpResponse<String> response = app.post("/topics/orders?key=" + key, "text/plain", value);

        // Then
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"cluster\":\"legacy\"", "\"kafkaTopic\":\"orders\"");
        List<ConsumerRecord<String, String>> stored = readAll(legacy.bootstrapServers(), 1);
        assertThat(stored).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo(key);
            assertThat(r.value()).isEqualTo(value);
            assertThat(response.body()).contains("\"partition\":" + r.partition(), "\"offset\":" + r.offset());
        });
        await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> assertThat(sink.accepted())
                .containsExactly(new Delivery(key, value, stored.get(0).partition(), stored.get(0).offset())));
        assertThat(ckafka.endOffsetSum(TOPIC)).isZero();
    }

    @Test
    void shouldTakeTheKeyFromTheRecordKeyHeaderWhenNoQueryParameterIsGiven() {
        // Given
        String key = "customer-9";

        // When
        HttpResponse<String> response = app.send("/topics/orders", "X-Record-Key", key, "order-9");

        // Then
        assertThat(response.statusCode()).isEqualTo(200);
        await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> assertThat(sink.accepted())
                .extracting(Delivery::key).containsExactly(key));
    }

    @Test
    void shouldDeliverThreeHundredKeyedRecordsExactlyOnceAndInOrderPerKey() {
        // Given
        int keys = 10;
        int perKey = 30;

        // When
        List<Integer> statuses = new ArrayList<>();
        for (int seq = 0; seq < perKey; seq++) {
            for (int k = 0; k < keys; k++) {
                statuses.add(app.post("/topics/orders?key=key-" + k, "text/plain", "key-" + k + ":" + seq).statusCode());
            }
        }

        // Then
        assertThat(statuses).hasSize(keys * perKey).containsOnly(200);
        await().atMost(60, TimeUnit.SECONDS).until(() -> sink.accepted().size() >= keys * perKey);
        List<Delivery> delivered = sink.accepted();
        assertThat(delivered).hasSize(keys * perKey);
        Map<String, List<Integer>> sequences = delivered.stream().collect(Collectors.groupingBy(Delivery::key,
                Collectors.mapping(d -> Integer.parseInt(d.value().substring(d.value().indexOf(':') + 1)), Collectors.toList())));
        List<Integer> expected = java.util.stream.IntStream.range(0, perKey).boxed().toList();
        assertThat(sequences).hasSize(keys).allSatisfy((key, seqs) -> assertThat(seqs).as(key).isEqualTo(expected));
        await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> assertThat(
                legacy.committedOffsetSum(LEGACY_GROUP, TOPIC)).isEqualTo(keys * perKey));
    }

    // Retried after 50, 100, 200 ms rather than the shipped 0.5, 1, 2 s: the order is what counts here.
    @Test
    @MigratorProperty(name = "migration.delivery.redelivery-delay-ms", value = "50")
    void shouldRetryARecordTheSinkRefusesInsteadOfSkippingIt() {
        // Given
        // Every record on one key, so they share a partition and an order.
        sink.failNext("second", 3);

        // When
        List<Integer> statuses = new ArrayList<>();
        for (String value : List.of("first", "second", "third")) {
            statuses.add(app.post("/topics/orders?key=same", "text/plain", value).statusCode());
        }

        // Then
        assertThat(statuses).containsExactly(200, 200, 200);
        await().atMost(60, TimeUnit.SECONDS).untilAsserted(() -> assertThat(sink.accepted())
                .extracting(Delivery::value).containsExactly("first", "second", "third"));
        assertThat(sink.refusedCount()).isEqualTo(3);
        await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> assertThat(
                legacy.committedOffsetSum(LEGACY_GROUP, TOPIC)).isEqualTo(3));
    }

    @Test
    void shouldRefuseBadIngestRequestsWithA4xxAndStoreNothing() {
        // Given
        Map<String, Integer> statuses = new HashMap<>();

        // When
        statuses.put("empty body", app.post("/topics/orders?key=k", "text/plain", "").statusCode());
        HttpResponse<String> unknownTopic = app.post("/topics/payments", "text/plain", "x");
        statuses.put("unknown topic", unknownTopic.statusCode());
        statuses.put("form body", app.post("/topics/orders", "application/x-www-form-urlencoded", "a=b").statusCode());
        statuses.put("wrong method", app.request("GET", "/topics/orders").statusCode());
        statuses.put("path trick", app.post("/topics/..%2F..%2Fetc", "text/plain", "x").statusCode());

        // Then
        assertThat(statuses).containsEntry("empty body", 400).containsEntry("unknown topic", 404)
                .containsEntry("form body", 415).containsEntry("wrong method", 405);
        assertThat(statuses.get("path trick")).isBetween(400, 499);
        assertThat(legacy.endOffsetSum(TOPIC)).isZero();
        assertThat(unknownTopic.body()).contains("\"error\":\"unknown_topic\"", "payments");
    }

    // The send waits for the topic's metadata for max.block.ms before it fails: 2 s, not the shipped 10 s.
    @Test
    @MigratorProperty(name = "migration.producer.max-block-ms", value = "2000")
    void shouldAnswer503AndNeverSuccessWhenTheBrokerCannotStoreTheRecord() {
        // Given
        // The legacy topic vanishes after start-up, so the broker cannot take the record.
        legacy.deleteTopic(TOPIC);

        // When
        HttpResponse<String> response = app.post("/topics/orders?key=k", "text/plain", "lost?");

        // Then
        assertThat(response.statusCode()).isEqualTo(503);
        // Refused by the broker (not_stored) or given up on after a timeout (outcome_unknown),
        // depending on whether the producer still had the topic's metadata: never a success.
        assertThat(response.body()).containsAnyOf("\"error\":\"not_stored\"", "\"error\":\"outcome_unknown\"");
        // The route's error mapping handles the failure, so the exchange ends without an
        // exception: the count of acknowledged records must not take that for a success.
        PrometheusScrape metrics = PrometheusScrape.of(app.request("GET", "/observe/metrics").body());
        assertThat(metrics.get("ckafka_migrator_produced_records_total", "topic", TOPIC, "cluster", "legacy")).isZero();
    }

    @Test
    void shouldRunTheCkafkaConsumerBeforeTheSwitchAsAWaitingMemberThatDeliversAndCommitsNothing() throws Exception {
        // Given
        // CKafka already holds a record of the topic.
        RawKafka.produce(ckafka, TOPIC, "old", "old-1");

        // When
        app.post("/topics/orders?key=k", "text/plain", "v");
        await().atMost(30, TimeUnit.SECONDS).until(() -> sink.accepted().size() == 1);

        // Then
        assertThat(app.context().getRouteController().getRouteStatus("orders-ckafka-consumer"))
                .isEqualTo(ServiceStatus.Started);
        assertThat(app.context().getRouteController().getRouteStatus("orders-legacy-consumer"))
                .isEqualTo(ServiceStatus.Started);
        await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> assertThat(ckafka.groupClientIds(CKAFKA_GROUP))
                .singleElement().asString().startsWith("ckafka-migrator-").endsWith("-orders-1"));
        assertThat(sink.accepted()).extracting(HttpSink.Delivery::value).containsExactly("v");
        assertThat(ckafka.committedOffsetSum(CKAFKA_GROUP, TOPIC)).isZero();
        assertThat(app.request("GET", "/observe/health").body()).contains("UP");
    }

    @Test
    void shouldReportHealthDownWhenARouteThatShouldRunStops() throws Exception {
        // Given
        await().atMost(30, TimeUnit.SECONDS).until(() -> app.request("GET", "/observe/health").statusCode() == 200);

        // When
        app.context().getRouteController().stopRoute("orders-producer");

        // Then
        await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> {
            HttpResponse<String> health = app.request("GET", "/observe/health");
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(health.body()).contains("DOWN");
        });
    }

    private static List<ConsumerRecord<String, String>> readAll(String bootstrap, int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            var partitions = consumer.partitionsFor(TOPIC).stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(TOPIC, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }
}
