package io.ckafkamigrator;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.ckafkamigrator.support.ExactDelivery;
import io.ckafkamigrator.support.HttpSink;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Twenty ordered topics migrated with one batch switch and one batch cutover, under keyed load
 * on every one of them, beside the shipped {@code orders}, which stays in LEGACY: each of the
 * twenty delivers every acknowledged record exactly once and each key in order across its legacy
 * and CKafka consumers, while the topics that cannot go (an unknown name in the switch, orders
 * in the cutover) answer their own error without holding up the others.
 */
@ExtendWith(MigratorExtension.class)
class BatchMigrationIT {

    private static final List<String> TOPICS = IntStream.range(0, 20).mapToObj(i -> String.format("batch-%02d", i)).toList();
    private static final Pattern REQUEST = Pattern.compile(
            "\"event\":\"request\".*\"action\":\"([^\"]*)\".*\"status\":(\\d+),\"result\":\"([^\"]*)\"");

    @Name("legacy") private KafkaTestCluster legacy;
    @Name("ckafka") private KafkaTestCluster ckafka;
    private final Map<String, HttpSink> sinks = new LinkedHashMap<>();
    private RunningMigrator app;

    /** The twenty topic files made from orders.yaml (as the README adds a topic), each topic with a sink of its own. */
    @BeforeEach
    void startMigrator(@TempDir Path routes) throws Exception {
        RouteFiles.copy(Path.of("routes"), routes);
        String orders = Files.readString(routes.resolve("topics/orders.yaml"));
        Map<String, List<String>> legacyGroups = new LinkedHashMap<>();
        Map<String, List<String>> ckafkaGroups = new LinkedHashMap<>();
        for (String topic : Stream.concat(Stream.of("orders"), TOPICS.stream()).toList()) {
            legacyGroups.put(topic, List.of(topic + "-consumer"));
            ckafkaGroups.put(topic, List.of(topic + "-consumer-ckafka"));
            sinks.put(topic, new HttpSink());
        }
        legacy.recreateTopics(legacyGroups, 2);
        ckafka.recreateTopics(ckafkaGroups, 2);
        legacyGroups.keySet().forEach(topic -> legacy.commitAtEnd(topic + "-consumer", topic));
        for (String topic : TOPICS) {
            Files.writeString(routes.resolve("topics/" + topic + ".yaml"), orders.replace("orders", topic));
        }
        Map<String, String> props = RunningMigrator.overrides(legacy, ckafka, sinks.get("orders"));
        props.put("camel.main.routes-include-pattern", "file:" + routes + "/**/*.yaml");
        props.putAll(RunningMigrator.QUICK_STOPPING_CONSUMERS);
        TOPICS.forEach(topic -> props.put("migration.sink." + topic, sinks.get(topic).uri()));
        app = RunningMigrator.start(props);
    }

    @AfterEach
    void stopMigrator() throws Exception {
        if (app != null) {
            app.close();
        }
        sinks.values().forEach(HttpSink::close);
    }

    @Test
    void shouldMigrateTwentyTopicsExactlyAndInOrderPerKeyWithOneBatchSwitchAndOneBatchCutoverUnderLoad()
            throws Exception {
        // Given
        // Keyed, sequence-numbered records POSTed to each of the twenty topics all along, at most
        // about 20 a second each (the machine runs the app and both clusters).
        Map<String, KeyedLoad> loads = new LinkedHashMap<>();
        TOPICS.forEach(topic -> loads.put(topic, new KeyedLoad(app, topic, 4, Duration.ofMillis(50))));
        awaitEachLoadPast(loads, 20);

        // When
        HttpResponse<String> switched = app.request("POST",
                "/api/migrations/switch-producer?topics=" + String.join(",", TOPICS) + ",no-such-topic");
        awaitEachLoadPast(loads, 20);
        HttpResponse<String> cutover = app.request("POST", "/api/migrations/cutover?topics=*&wait=55");
        awaitEachLoadPast(loads, 20);
        for (KeyedLoad load : loads.values()) {
            load.close();
        }

        // Then
        // The batch answers: every one of the twenty went ahead; the others answered their single request's error.
        assertThat(switched.statusCode()).as(switched.body()).isEqualTo(207);
        for (String topic : TOPICS) {
            assertThat(switched.body()).contains(result(topic, 200, "DRAINING"));
        }
        assertThat(switched.body()).contains("{\"topic\":\"no-such-topic\",\"status\":404,\"phase\":null,"
                + "\"error\":{\"error\":\"unknown_topic\"");
        assertThat(cutover.statusCode()).as(cutover.body()).isEqualTo(207);
        assertThat(cutover.body()).contains("{\"topic\":\"orders\",\"status\":409,\"phase\":\"LEGACY\","
                + "\"error\":{\"error\":\"wrong_phase\"");
        for (String topic : TOPICS) {
            assertThat(cutover.body()).contains(result(topic, 200, "MIGRATED"));
        }
        // Each topic: every acknowledged record once, each key in order, from both clusters.
        for (String topic : TOPICS) {
            KeyedLoad load = loads.get(topic);
            assertThat(load.failures()).as(topic).isEmpty();
            ExactDelivery.assertEveryAcknowledgedRecordOnceInKeyOrder(sinks.get(topic), load);
            assertThat(legacy.endOffsetSum(topic)).as(topic).isPositive().isLessThan(load.acknowledgedCount());
        }
        assertThat(sinks.get("orders").accepted()).isEmpty();
        // The phase filter, and each topic's request audited with its own result.
        assertThat(topicsIn("MIGRATED")).containsExactlyInAnyOrderElementsOf(TOPICS);
        assertThat(topicsIn("LEGACY")).containsExactly("orders");
        List<String> audit = Files.readAllLines(Path.of(app.stateDir(), "audit.jsonl"));
        for (String topic : TOPICS) {
            assertThat(requests(audit, topic)).as(topic).containsExactly("switch-producer 200 ok", "cutover 200 ok");
        }
        assertThat(requests(audit, "orders")).containsExactly("cutover 409 wrong_phase");
        assertThat(requests(audit, "no-such-topic")).containsExactly("switch-producer 404 unknown_topic");
    }

    /** Waits until every load has had {@code more} further records acknowledged. */
    private static void awaitEachLoadPast(Map<String, KeyedLoad> loads, int more) {
        Map<String, Integer> from = new LinkedHashMap<>();
        loads.forEach((topic, load) -> from.put(topic, load.acknowledgedCount()));
        await().atMost(60, TimeUnit.SECONDS).untilAsserted(() -> loads.forEach((topic, load) ->
                assertThat(load.acknowledgedCount()).as(topic).isGreaterThanOrEqualTo(from.get(topic) + more)));
    }

    private static String result(String topic, int status, String phase) {
        return "{\"topic\":\"" + topic + "\",\"status\":" + status + ",\"phase\":\"" + phase + "\",\"error\":null}";
    }

    /** The topics {@code GET /api/migrations?phase=} lists. */
    private List<String> topicsIn(String phase) {
        HttpResponse<String> listed = app.request("GET", "/api/migrations?phase=" + phase);
        assertThat(listed.statusCode()).isEqualTo(200);
        List<String> topics = new ArrayList<>();
        Matcher m = Pattern.compile("\\{\"topic\":\"([^\"]+)\",\"phase\":\"" + phase + "\"").matcher(listed.body());
        while (m.find()) {
            topics.add(m.group(1));
        }
        assertThat(listed.body().split("\"topic\":", -1)).hasSize(topics.size() + 1);
        return topics;
    }

    /** "action status result" of each request the audit trail records for {@code topic}, in order. */
    private static List<String> requests(List<String> audit, String topic) {
        return audit.stream().filter(line -> line.startsWith("{\"topic\":\"" + topic + "\",")).map(REQUEST::matcher)
                .filter(Matcher::find).map(m -> m.group(1) + " " + m.group(2) + " " + m.group(3)).toList();
    }
}
