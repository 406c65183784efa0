package io.ckafkamigrator;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ckafkamigrator.support.KafkaTestCluster;
import io.ckafkamigrator.support.MigratorExtension;
import io.ckafkamigrator.support.Name;
import io.ckafkamigrator.support.OrdersApp;
import io.ckafkamigrator.support.OrdersMigrator;
import io.ckafkamigrator.support.RunningMigrator;
import io.ckafkamigrator.support.TopicRecords;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static io.ckafkamigrator.support.OrdersApp.TOPIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * HTTP producers of the Strimzi Kafka Bridge and Confluent's REST Proxy (v2) pointed at the
 * migrator: the request examples of both bridges' documentation, written as tests, answered in
 * the bridges' shape, and every record found where the answer says, with the bytes the bridges
 * would have stored. On the real main class and the shared in-JVM clusters.
 */
@ExtendWith(MigratorExtension.class)
class BridgeIngestIT {

    private static final String JSON = "application/vnd.kafka.json.v2+json";
    private static final String BINARY = "application/vnd.kafka.binary.v2+json";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Name("legacy") private KafkaTestCluster legacy;
    @Name("ckafka") private KafkaTestCluster ckafka;

    @Test
    void shouldStoreTheStrimziQuickstartRecordsWithTheirJsonTextAndAnswerEachOffset(@OrdersMigrator RunningMigrator app)
            throws Exception {
        // Given orders before the switch (its records go to legacy)
        // When the Strimzi bridge quickstart's three records are posted: a key, a partition, neither
        HttpResponse<String> answer = app.post("/topics/" + TOPIC, JSON, """
                {"records":[{"key":"my-key","value":"sales-lead-0001"},{"value":"sales-lead-0002","partition":2},\
                {"value":"sales-lead-0003"}]}""");

        // Then the bridges' answer: 200, one {partition, offset} per record, in request order
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/vnd.kafka.v2+json");
        assertThat(answer.headers().firstValue("X-Ckafka-Migrator-Cluster")).hasValue("legacy");
        List<JsonNode> offsets = offsets(answer);
        assertThat(offsets).hasSize(3).allSatisfy(entry ->
                assertThat(fieldNames(entry)).containsExactly("partition", "offset"));
        assertThat(offsets.get(1).get("partition").asInt()).isEqualTo(2);
        // and each record is there, stored as its JSON text (the string with its quotes), as the bridges store it
        Map<String, ConsumerRecord<byte[], byte[]>> stored = records(legacy, 3);
        assertThat(text(at(stored, offsets.get(0)).value())).isEqualTo("\"sales-lead-0001\"");
        assertThat(text(at(stored, offsets.get(0)).key())).isEqualTo("\"my-key\"");
        assertThat(text(at(stored, offsets.get(1)).value())).isEqualTo("\"sales-lead-0002\"");
        assertThat(at(stored, offsets.get(2)).key()).isNull();
        assertThat(ckafka.endOffsetSum(TOPIC)).isZero();
    }

    @Test
    void shouldStoreTheRestProxyBinaryAndJsonExamplesDecodedAndTheBridgeHeaders(@OrdersMigrator RunningMigrator app)
            throws Exception {
        // Given orders before the switch
        // When the REST Proxy's binary example (base64 keys and values, one partition named) is posted
        HttpResponse<String> binary = app.post("/topics/" + TOPIC, BINARY, """
                {"records":[{"key":"a2V5","value":"Y29uZmx1ZW50"},{"value":"a2Fma2E=","partition":1},\
                {"value":"bG9ncw=="}]}""");
        // and its JSON quickstart (an object as the value) and a record with the bridge's record headers
        HttpResponse<String> json = app.post("/topics/" + TOPIC, JSON, """
                {"records":[{"value":{"foo":"bar"}},{"value":[1,2.5,true,null],"partition":0,\
                "headers":[{"key":"trace-id","value":"QXBhY2hlIEthZmthIGlzIHRoZSBib21iIQ=="}]}]}""");

        // Then both are answered record by record, and the records hold the decoded bytes
        assertThat(binary.statusCode()).isEqualTo(200);
        assertThat(json.statusCode()).isEqualTo(200);
        List<JsonNode> binaryOffsets = offsets(binary);
        List<JsonNode> jsonOffsets = offsets(json);
        Map<String, ConsumerRecord<byte[], byte[]>> stored = records(legacy, 5);
        assertThat(text(at(stored, binaryOffsets.get(0)).key())).isEqualTo("key");
        assertThat(text(at(stored, binaryOffsets.get(0)).value())).isEqualTo("confluent");
        assertThat(binaryOffsets.get(1).get("partition").asInt()).isEqualTo(1);
        assertThat(text(at(stored, binaryOffsets.get(1)).value())).isEqualTo("kafka");
        assertThat(text(at(stored, binaryOffsets.get(2)).value())).isEqualTo("logs");
        assertThat(text(at(stored, jsonOffsets.get(0)).value())).isEqualTo("{\"foo\":\"bar\"}");
        ConsumerRecord<byte[], byte[]> withHeader = at(stored, jsonOffsets.get(1));
        assertThat(text(withHeader.value())).isEqualTo("[1,2.5,true,null]");
        Header trace = withHeader.headers().lastHeader("trace-id");
        assertThat(trace).isNotNull();
        assertThat(text(trace.value())).isEqualTo("Apache Kafka is the bomb!");
    }

    @Test
    void shouldAnswerARecordThatCannotBeStoredWithItsOwnErrorAndStoreTheOthers(@OrdersMigrator RunningMigrator app)
            throws Exception {
        // Given orders before the switch, whose topics take records up to about 1 MB
        String tooLarge = Base64.getEncoder().encodeToString(new byte[1_100_000]);

        // When one request carries a fine record, one for a partition the topic lacks, one too large, one fine
        HttpResponse<String> answer = app.post("/topics/" + TOPIC, BINARY, "{\"records\":[{\"value\":\"Zmlyc3Q=\"},"
                + "{\"value\":\"bm93aGVyZQ==\",\"partition\":99},{\"value\":\"" + tooLarge + "\"},{\"value\":\"bGFzdA==\"}]}");

        // Then 200 as the bridges answer, with an error entry for each record not stored
        assertThat(answer.statusCode()).isEqualTo(200);
        List<JsonNode> offsets = offsets(answer);
        assertThat(offsets.get(1).get("error_code").asInt()).isEqualTo(404);
        assertThat(offsets.get(1).get("message").asText()).contains("partition 99");
        assertThat(offsets.get(2).get("error_code").asInt()).isEqualTo(413);
        // and exactly the two others are stored where their entries say
        assertThat(legacy.endOffsetSum(TOPIC)).isEqualTo(2);
        Map<String, ConsumerRecord<byte[], byte[]>> stored = records(legacy, 2);
        assertThat(text(at(stored, offsets.get(0)).value())).isEqualTo("first");
        assertThat(text(at(stored, offsets.get(3)).value())).isEqualTo("last");
    }

    @Test
    void shouldRefuseAMalformedRequestOrOneWithTooManyRecordsInTheBridgesErrorShapeStoringNothing() throws Exception {
        // Given orders with at most 5 records per request
        try (OrdersApp orders = OrdersApp.start(legacy, ckafka, Map.of("migration.ingest.max-records-per-request", "5"))) {
            RunningMigrator app = orders.app();
            String six = "{\"records\":[" + String.join(",", java.util.Collections.nCopies(6, "{\"value\":1}")) + "]}";

            // When requests that are not valid, or too many records, are posted
            HttpResponse<String> tooMany = app.post("/topics/" + TOPIC, JSON, six);
            HttpResponse<String> noValue = app.post("/topics/" + TOPIC, JSON, "{\"records\":[{\"value\":1},{\"key\":\"k\"}]}");
            HttpResponse<String> badBase64 = app.post("/topics/" + TOPIC, BINARY, "{\"records\":[{\"value\":\"%%%\"}]}");
            HttpResponse<String> notJson = app.post("/topics/" + TOPIC, JSON, "{\"records\":[{\"value\":1}");
            HttpResponse<String> unknownField = app.post("/topics/" + TOPIC, JSON, "{\"records\":[{\"value\":1,\"timestamp\":5}]}");
            HttpResponse<String> avro = app.post("/topics/" + TOPIC, "application/vnd.kafka.avro.v2+json",
                    "{\"value_schema\":\"\\\"int\\\"\",\"records\":[{\"value\":1}]}");

            // Then each is refused as a whole, in the bridges' shape with our code beside it
            assertThat(tooMany.statusCode()).isEqualTo(413);
            assertThat(MAPPER.readTree(tooMany.body()).get("error_code").asInt()).isEqualTo(413);
            assertThat(MAPPER.readTree(tooMany.body()).get("error").asText()).isEqualTo("too_many_records");
            assertThat(noValue.statusCode()).isEqualTo(422);
            assertThat(MAPPER.readTree(noValue.body()).get("message").asText()).contains("record 1").contains("value");
            assertThat(badBase64.statusCode()).isEqualTo(422);
            assertThat(notJson.statusCode()).isEqualTo(422);
            assertThat(unknownField.statusCode()).isEqualTo(422);
            assertThat(MAPPER.readTree(unknownField.body()).get("message").asText()).contains("timestamp");
            assertThat(avro.statusCode()).isEqualTo(415);
            // and nothing of any of them is stored, while a raw record is still taken as before
            HttpResponse<String> raw = app.post("/topics/" + TOPIC, "text/plain", "raw");
            assertThat(raw.statusCode()).isEqualTo(200);
            assertThat(legacy.endOffsetSum(TOPIC)).isEqualTo(1);
        }
    }

    @Test
    void shouldSendAllRecordsOfARequestToOneClusterWhileTheProducerSwitches(@OrdersMigrator RunningMigrator app)
            throws Exception {
        // Given four bridge clients posting batches of 20 records without pause
        AtomicBoolean posting = new AtomicBoolean(true);
        AtomicInteger sequence = new AtomicInteger();
        ConcurrentLinkedQueue<Answered> answered = new ConcurrentLinkedQueue<>();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<?>> running = new ArrayList<>();
        for (int client = 0; client < 4; client++) {
            running.add(clients.submit(() -> {
                while (posting.get()) {
                    List<String> values = new ArrayList<>();
                    StringBuilder body = new StringBuilder("{\"records\":[");
                    for (int i = 0; i < 20; i++) {
                        String value = "v" + sequence.incrementAndGet();
                        values.add(value);
                        body.append(i == 0 ? "" : ",").append("{\"key\":\"k").append(i % 5).append("\",\"value\":\"")
                                .append(value).append("\"}");
                    }
                    HttpResponse<String> answer = app.post("/topics/" + TOPIC, JSON, body.append("]}").toString());
                    answered.add(new Answered(answer, values));
                }
                return null;
            }));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> answered.size() >= 10);

        // When the producer switches while they post, and they post on for a while
        assertThat(app.post("/api/migrations/" + TOPIC + "/switch-producer", "application/json", "").statusCode())
                .isEqualTo(200);
        int atSwitch = answered.size();
        await().atMost(Duration.ofSeconds(20)).until(() -> answered.size() >= atSwitch + 10);
        posting.set(false);
        for (Future<?> client : running) {
            client.get();
        }
        clients.shutdown();

        // Then every request was stored whole on the one cluster its answer names, each record at its offset
        Map<String, Integer> requestsByCluster = new HashMap<>();
        int records = answered.size() * 20;
        Map<String, ConsumerRecord<byte[], byte[]>> onLegacy = records(legacy, (int) legacy.endOffsetSum(TOPIC));
        Map<String, ConsumerRecord<byte[], byte[]>> onCkafka = records(ckafka, (int) ckafka.endOffsetSum(TOPIC));
        for (Answered request : answered) {
            assertThat(request.answer().statusCode()).isEqualTo(200);
            String cluster = request.answer().headers().firstValue("X-Ckafka-Migrator-Cluster").orElseThrow();
            requestsByCluster.merge(cluster, 1, Integer::sum);
            Map<String, ConsumerRecord<byte[], byte[]>> stored = cluster.equals("legacy") ? onLegacy : onCkafka;
            List<JsonNode> offsets = offsets(request.answer());
            for (int i = 0; i < 20; i++) {
                assertThat(text(at(stored, offsets.get(i)).value())).isEqualTo("\"" + request.values().get(i) + "\"");
            }
        }
        // and both clusters took requests, with not one record more than was answered
        assertThat(requestsByCluster).containsOnlyKeys("legacy", "ckafka");
        assertThat(onLegacy.size() + onCkafka.size()).isEqualTo(records);
    }

    private record Answered(HttpResponse<String> answer, List<String> values) {
    }

    private static List<JsonNode> offsets(HttpResponse<String> answer) throws Exception {
        JsonNode body = MAPPER.readTree(answer.body());
        assertThat(fieldNames(body)).containsExactly("offsets");
        List<JsonNode> offsets = new ArrayList<>();
        body.get("offsets").forEach(offsets::add);
        return offsets;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static ConsumerRecord<byte[], byte[]> at(Map<String, ConsumerRecord<byte[], byte[]>> stored, JsonNode entry) {
        assertThat(entry.has("partition")).as("stored: %s", entry).isTrue();
        ConsumerRecord<byte[], byte[]> record = stored.get(entry.get("partition").asInt() + "@" + entry.get("offset").asLong());
        assertThat(record).as("record at %s", entry).isNotNull();
        return record;
    }

    private static Map<String, ConsumerRecord<byte[], byte[]>> records(KafkaTestCluster cluster, int expected) {
        return TopicRecords.byOffset(cluster, TOPIC, expected);
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}
