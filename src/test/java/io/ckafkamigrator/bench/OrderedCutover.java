package io.ckafkamigrator.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.ckafkamigrator.support.HttpSink;
import io.ckafkamigrator.support.HttpSink.Delivery;
import io.ckafkamigrator.support.Json;
import io.ckafkamigrator.support.KafkaTestCluster;
import io.ckafkamigrator.support.KeyedLoad;
import io.ckafkamigrator.support.RunningMigrator;
import io.ckafkamigrator.support.SinkCheck;
import org.apache.kafka.clients.admin.Admin;
import org.awaitility.core.ConditionTimeoutException;

import static org.awaitility.Awaitility.await;

/**
 * One ordered cutover of one topic under continuous keyed load through HTTP, done the way its
 * {@link HandoffCase} says, and what it measured: the figures the app reports (status and
 * history), the same moments seen from the sink and an admin client, and whether the sink got
 * every acknowledged record exactly once and in key order.
 */
final class OrderedCutover {

    private static final int KEYS = 4;
    private static final Duration LATE_REQUEST = Duration.ofSeconds(3);

    /**
     * What one cutover measured, in milliseconds; a figure the app left null stays null.
     *
     * @param sinkFromStartMs from the moment the handoff could start as the harness saw it (the
     *        cutover request sent; the switch request sent for autoCutover; the drain target seen
     *        committed for a backlog) to the first CKafka delivery at the sink
     * @param commitToMigratedMs the drain target seen committed to MIGRATED in the status (backlog only)
     * @param violations records lost, duplicated or delivered out of key order
     */
    record Figures(Double handoffPauseMs, Double deliveryGapMs, Double drainDetectionMs, double sinkFromStartMs,
                   double sinkGapMs, Double commitToMigratedMs, int violations, int ingestFailures) {
    }

    private final RunningMigrator app;
    private final KafkaTestCluster legacy;
    private final Admin legacyAdmin;
    private final HandoffCase kase;
    private final String topic;
    private final HttpSink sink;
    /** Wall-clock ms at which the admin client saw the drain target committed (backlog only). */
    private long drainSeenAtMillis;

    OrderedCutover(RunningMigrator app, KafkaTestCluster legacy, Admin legacyAdmin, HandoffCase kase, String topic,
                   HttpSink sink) {
        this.app = app;
        this.legacy = legacy;
        this.legacyAdmin = legacyAdmin;
        this.kase = kase;
        this.topic = topic;
        this.sink = sink;
    }

    Figures run() throws Exception {
        KeyedLoad load = new KeyedLoad(app, topic, KEYS);
        long startedAt;
        try {
            await().atMost(60, TimeUnit.SECONDS).until(() -> sink.accepted().size() >= 100);
            startedAt = cutOver(load);
            // The load goes on across the handoff and a little past it.
            int after = load.acknowledgedCount();
            await().atMost(60, TimeUnit.SECONDS).until(() -> load.acknowledgedCount() >= after + 100);
        } finally {
            load.close();
        }
        awaitDelivered(load.acknowledged());
        String history = await().atMost(30, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(50))
                .until(this::history, h -> h.contains("\"event\":\"handoff-measured\""));
        String status = app.request("GET", "/api/migrations/" + topic).body();
        expect(status, "MIGRATED");
        return figures(load, status, history, startedAt);
    }

    /** Switches and cuts over as the case says; returns the wall-clock ms from which the sink figure runs. */
    private long cutOver(KeyedLoad load) throws Exception {
        if (kase == HandoffCase.BACKLOG) {
            return cutOverWithBacklog(load);
        }
        awaitCaughtUp(load);
        long switchSent = System.currentTimeMillis();
        String switched = request("switch-producer");
        if (kase == HandoffCase.AUTO_CUTOVER) {
            // The switch may answer before or after the handoff it requested; run() waits for the figures.
            if (!switched.contains("\"phase\":") || switched.contains("\"phase\":\"LEGACY\"")) {
                throw new IllegalStateException("switch refused: " + switched);
            }
            return switchSent;
        }
        expect(switched, "DRAINING");
        if (kase == HandoffCase.LATE_REQUEST) {
            long switchedAt = System.currentTimeMillis();
            CommitWatch drained = new CommitWatch(legacyAdmin, topic + "-consumer", topic, legacy.endOffsetSum(topic));
            await().atMost(60, TimeUnit.SECONDS).until(() -> drained.reached()
                    && System.currentTimeMillis() - switchedAt >= LATE_REQUEST.toMillis());
        }
        long requestSent = System.currentTimeMillis();
        expect(request("cutover?wait=60"), "MIGRATED");
        return requestSent;
    }

    /**
     * The sink is held from before the switch until the cutover was requested, so the legacy
     * consumer still has a backlog then: the commit that drains it starts the handoff.
     */
    private long cutOverWithBacklog(KeyedLoad load) throws Exception {
        sink.hold();
        int held = load.acknowledgedCount();
        await().atMost(60, TimeUnit.SECONDS).until(() -> load.acknowledgedCount() >= held + 5);
        expect(request("switch-producer"), "DRAINING");
        long drainTarget = legacy.endOffsetSum(topic);
        // The request waits for MIGRATED itself, so no status polling adds load to the clusters
        // while the drain is being detected.
        CompletableFuture<String> cutover = CompletableFuture.supplyAsync(() -> request("cutover?wait=60"));
        await().atMost(60, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(20))
                .until(() -> history().contains("\"to\":\"CUTTING_OVER\""));
        CommitWatch commits = new CommitWatch(legacyAdmin, topic + "-consumer", topic, drainTarget);
        sink.release();
        expect(cutover.get(90, TimeUnit.SECONDS), "MIGRATED");
        drainSeenAtMillis = commits.awaitReached(Duration.ofSeconds(30));
        return drainSeenAtMillis;
    }

    /** Caught up: the sink has delivered as many records as had been acknowledged when asked. */
    private void awaitCaughtUp(KeyedLoad load) {
        int acknowledged = load.acknowledgedCount();
        await().atMost(60, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(10))
                .until(() -> sink.accepted().size() >= acknowledged);
    }

    private void awaitDelivered(List<String> acknowledged) {
        try {
            await().atMost(30, TimeUnit.SECONDS).until(() -> sink.accepted().stream().map(Delivery::value)
                    .collect(Collectors.toSet()).containsAll(acknowledged));
        } catch (ConditionTimeoutException e) {
            // Counted as lost records: a result to report, not a reason to stop the benchmark.
        }
    }

    private Figures figures(KeyedLoad load, String status, String history, long startedAt) {
        List<Delivery> delivered = sink.acceptedSnapshot();
        List<Long> at = sink.acceptedAtMillis();
        long lastLegacy = 0;
        long firstCkafka = Long.MAX_VALUE;
        for (int i = 0; i < Math.min(delivered.size(), at.size()); i++) {
            if (load.sentToCkafka(delivered.get(i).value())) {
                firstCkafka = Math.min(firstCkafka, at.get(i));
            } else {
                lastLegacy = Math.max(lastLegacy, at.get(i));
            }
        }
        Double commitToMigrated = null;
        if (kase == HandoffCase.BACKLOG) {
            long cuttingOver = Instant.parse(Json.field(status, "CUTTING_OVER")).toEpochMilli();
            long migrated = Instant.parse(Json.field(status, "MIGRATED")).toEpochMilli();
            commitToMigrated = (double) (migrated - Math.max(drainSeenAtMillis, cuttingOver));
        }
        String measured = history.substring(history.indexOf("\"event\":\"handoff-measured\""));
        return new Figures(millis(status, "handoffPauseMs"), millis(status, "deliveryGapMs"),
                millis(measured, "drainDetectionMs"), firstCkafka - startedAt, firstCkafka - lastLegacy,
                commitToMigrated, violations(load, delivered), load.failures().size());
    }

    /** Lost, duplicated and reordered records; a per-key mismatch those do not show counts once. */
    private int violations(KeyedLoad load, List<Delivery> delivered) {
        SinkCheck check = SinkCheck.of(topic, load, delivered);
        int records = check.lost() + check.duplicated() + check.reordered();
        List<String> values = delivered.stream().map(Delivery::value).toList();
        boolean sameByKey = KeyedLoad.byKey(values).equals(KeyedLoad.byKey(load.acknowledged()));
        return records + (records == 0 && !sameByKey ? 1 : 0);
    }

    private static Double millis(String json, String field) {
        String value = Json.field(json, field);
        return value.equals("null") ? null : Double.valueOf(value);
    }

    private String request(String action) {
        return app.request("POST", "/api/migrations/" + topic + "/" + action).body();
    }

    private String history() {
        return app.request("GET", "/api/migrations/" + topic + "/history").body();
    }

    private static void expect(String status, String phase) {
        if (!status.contains("\"phase\":\"" + phase + "\"")) {
            throw new IllegalStateException("expected phase " + phase + ": " + status);
        }
    }
}
