package io.ckafkamigrator.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.ckafkamigrator.support.HttpSink;
import io.ckafkamigrator.support.Json;
import io.ckafkamigrator.support.KafkaTestCluster;
import io.ckafkamigrator.support.KeyedLoad;
import io.ckafkamigrator.support.RunningMigrator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.ConsumerGroupState;

import static org.awaitility.Awaitility.await;

/**
 * Benchmarks 4 and 5: ordered cutovers under continuous keyed load through HTTP, with both
 * brokers at the real default {@code group.initial.rebalance.delay.ms=3000}. One app runs
 * {@code cutovers} extra topics ({@code bench-0}, ...), each with its own HTTP sink, and cuts
 * them over one after the other. Each cutover is requested while the legacy consumer still
 * has records to deliver (its sink is held from before the switch until after the request), once
 * the CKafka consumer has joined its group, as an operator would after watching the switch:
 * <ul>
 *   <li>handoff pause: last legacy delivery to first CKafka delivery, at the sink;</li>
 *   <li>drain detection: the legacy group's commits reaching the drain target (watched every
 *       few ms through an admin client) to the MIGRATED transition in the status.</li>
 * </ul>
 */
final class HandoffBench {

    private final KafkaTestCluster legacy;
    private final KafkaTestCluster ckafka;

    HandoffBench(KafkaTestCluster legacy, KafkaTestCluster ckafka) {
        this.legacy = legacy;
        this.ckafka = ckafka;
    }

    void run(int cutovers, BenchResults results) throws Exception {
        Path routes = Files.createTempDirectory("bench-routes-");
        List<HttpSink> sinks = new ArrayList<>();
        List<Double> pauses = new ArrayList<>();
        List<Double> reported = new ArrayList<>();
        List<Double> detection = new ArrayList<>();
        List<Double> migratedToFirst = new ArrayList<>();
        legacy.recreateTopic("orders", 3, "orders-consumer");
        ckafka.recreateTopic("orders", 3, "orders-consumer-ckafka");
        try (HttpSink ordersSink = new HttpSink(); Admin legacyAdmin = legacy.admin(); Admin ckafkaAdmin = ckafka.admin()) {
            for (int i = 0; i < cutovers; i++) {
                HttpSink sink = new HttpSink();
                sinks.add(sink);
                String topic = "bench-" + i;
                legacy.recreateTopic(topic, 3, topic + "-consumer");
                ckafka.recreateTopic(topic, 3, topic + "-consumer-ckafka");
                Files.writeString(routes.resolve(topic + ".yaml"), topicFile(topic, sink.uri()));
            }
            Map<String, String> overrides = new HashMap<>(RunningMigrator.overrides(legacy, ckafka, ordersSink));
            overrides.put("camel.main.routes-include-pattern", "file:routes/**/*.yaml,file:" + routes + "/*.yaml");
            try (RunningMigrator app = RunningMigrator.start(overrides)) {
                for (int i = 0; i < cutovers; i++) {
                    Cutover cutover = cutover(app, "bench-" + i, sinks.get(i), legacyAdmin, ckafkaAdmin);
                    pauses.add(cutover.pauseMs());
                    reported.add(cutover.reportedPauseMs());
                    detection.add(cutover.detectionMs());
                    migratedToFirst.add(cutover.migratedToFirstCkafkaMs());
                    System.out.printf("[bench] cutover %d: pause %.0f ms (status %.0f), drain detection %.0f ms, "
                            + "MIGRATED to first CKafka delivery %.0f ms%n", i + 1, cutover.pauseMs(),
                            cutover.reportedPauseMs(), cutover.detectionMs(), cutover.migratedToFirstCkafkaMs());
                }
            }
        } finally {
            sinks.forEach(HttpSink::close);
        }
        String name4 = "4. Handoff pause (" + cutovers + " ordered cutovers under load, group.initial.rebalance.delay.ms=3000)";
        results.add(name4, "last legacy delivery -> first CKafka delivery, at the sink", "ms", Stats.of(pauses),
                "median < 250 ms", m -> m < 250);
        results.add(name4, "handoffPauseMs reported by the status", "ms", Stats.of(reported));
        results.add(name4, "MIGRATED saved -> first CKafka delivery, at the sink", "ms", Stats.of(migratedToFirst));
        String name5 = "5. Drain detection (same cutovers)";
        results.add(name5, "legacy group committed its drain target -> MIGRATED", "ms", Stats.of(detection),
                "< 1000 ms", m -> m < 1000);
    }

    /** What one cutover measured, in milliseconds. */
    record Cutover(double pauseMs, double reportedPauseMs, double detectionMs, double migratedToFirstCkafkaMs) {
    }

    private Cutover cutover(RunningMigrator app, String topic, HttpSink sink, Admin legacyAdmin, Admin ckafkaAdmin)
            throws Exception {
        KeyedLoad load = new KeyedLoad(app, topic, 4);
        await().atMost(60, TimeUnit.SECONDS).until(() -> sink.accepted().size() >= 100);
        // From here the legacy consumer cannot finish a delivery: records acknowledged after the
        // hold are its backlog when the cutover is requested.
        sink.hold();
        int held = load.acknowledgedCount();
        await().atMost(60, TimeUnit.SECONDS).until(() -> load.acknowledgedCount() >= held + 5);
        expect(app.request("POST", "/api/migrations/" + topic + "/switch-producer").body(), "DRAINING");
        long drainTarget = legacy.endOffsetSum(topic);
        await().atMost(60, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(50))
                .until(() -> stableWithMembers(ckafkaAdmin, topic + "-consumer-ckafka"));
        // The request waits for MIGRATED itself, so no status polling adds load to the
        // clusters while the drain is being detected.
        CompletableFuture<String> cutover = CompletableFuture.supplyAsync(
                () -> app.request("POST", "/api/migrations/" + topic + "/cutover?wait=60").body());
        await().atMost(60, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(20))
                .until(() -> app.request("GET", "/api/migrations/" + topic).body().contains("\"phase\":\"CUTTING_OVER\""));
        CommitWatch commits = new CommitWatch(legacyAdmin, topic + "-consumer", topic, drainTarget);
        sink.release();
        expect(cutover.get(90, TimeUnit.SECONDS), "MIGRATED");
        long committedAt = commits.awaitReached(Duration.ofSeconds(30));
        int after = load.acknowledgedCount();
        await().atMost(60, TimeUnit.SECONDS).until(() -> load.acknowledgedCount() >= after + 100);
        load.close();
        await().atMost(60, TimeUnit.SECONDS).until(() -> sink.accepted().size() >= load.acknowledgedCount());
        List<HttpSink.Delivery> delivered = sink.acceptedSnapshot();
        List<Long> at = sink.acceptedAtMillis();
        long lastLegacy = 0;
        long firstCkafka = Long.MAX_VALUE;
        for (int i = 0; i < delivered.size(); i++) {
            if (load.sentToCkafka(delivered.get(i).value())) {
                firstCkafka = Math.min(firstCkafka, at.get(i));
            } else {
                lastLegacy = Math.max(lastLegacy, at.get(i));
            }
        }
        String status = await().atMost(30, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(50))
                .until(() -> app.request("GET", "/api/migrations/" + topic).body(),
                        body -> !Json.field(body, "handoffPauseMs").equals("null"));
        long cuttingOver = Instant.parse(Json.field(status, "CUTTING_OVER")).toEpochMilli();
        long migrated = Instant.parse(Json.field(status, "MIGRATED")).toEpochMilli();
        return new Cutover(firstCkafka - lastLegacy, Double.parseDouble(Json.field(status, "handoffPauseMs")),
                migrated - Math.max(committedAt, cuttingOver), firstCkafka - migrated);
    }

    private static void expect(String status, String phase) {
        if (!status.contains("\"phase\":\"" + phase + "\"")) {
            throw new IllegalStateException("expected phase " + phase + ": " + status);
        }
    }

    private static boolean stableWithMembers(Admin admin, String group) throws Exception {
        ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all()
                .get(10, TimeUnit.SECONDS).get(group);
        return description.state() == ConsumerGroupState.STABLE && !description.members().isEmpty();
    }

    private static String topicFile(String topic, String sink) {
        return """
                - templatedRoute:
                    routeTemplateRef: migrated-topic-producer
                    routeId: %1$s-producer
                    parameters:
                      - {name: name, value: %1$s}
                      - {name: source, value: "direct:%1$s"}
                      - {name: legacyTopic, value: %1$s}
                      - {name: ckafkaTopic, value: %1$s}
                - templatedRoute:
                    routeTemplateRef: migrated-topic-legacy-consumer
                    routeId: %1$s-legacy-consumer
                    parameters:
                      - {name: name, value: %1$s}
                      - {name: legacyTopic, value: %1$s}
                      - {name: legacyGroup, value: %1$s-consumer}
                      - {name: sink, value: "%2$s"}
                - templatedRoute:
                    routeTemplateRef: migrated-topic-ckafka-consumer
                    routeId: %1$s-ckafka-consumer
                    parameters:
                      - {name: name, value: %1$s}
                      - {name: ckafkaTopic, value: %1$s}
                      - {name: ckafkaGroup, value: %1$s-consumer-ckafka}
                      - {name: sink, value: "%2$s"}
                      - {name: ordering, value: ordered}
                      - {name: autoCutover, value: "false"}
                """.formatted(topic, sink);
    }
}
