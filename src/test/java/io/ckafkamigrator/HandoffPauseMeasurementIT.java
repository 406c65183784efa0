package io.ckafkamigrator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.ckafkamigrator.support.HttpSink;
import io.ckafkamigrator.support.KafkaTestCluster;
import io.ckafkamigrator.support.KeyedLoad;
import io.ckafkamigrator.support.OrdersAppTest;
import io.ckafkamigrator.support.RunningMigrator;
import io.ckafkamigrator.support.TwoClusters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Measures, not asserts, the handoff under continuous load with brokers at the real default
 * {@code group.initial.rebalance.delay.ms=3000}: the delivery pause (last legacy record to
 * first CKafka record at the sink) and the drain detection delay (last legacy record at the
 * sink to the MIGRATED transition). Off by default; run with
 * {@code ./mvnw -B verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=HandoffPauseMeasurementIT
 * -Dmeasure.handoff=true [-Dmeasure.cutover-delay-ms=5000] [-Dmeasure.rounds=10]}.
 */
@EnabledIfSystemProperty(named = "measure.handoff", matches = "true")
class HandoffPauseMeasurementIT {

    @Test
    void measureHandoffPauseOverRepeatedCutovers() throws Exception {
        int rounds = Integer.getInteger("measure.rounds", 10);
        // How long the operator waits between switch-producer and cutover (0: at once).
        long cutoverDelayMs = Long.getLong("measure.cutover-delay-ms", 0);
        List<Long> sinkPauses = new ArrayList<>();
        List<Long> reportedPauses = new ArrayList<>();
        List<Long> detection = new ArrayList<>();
        try (KafkaTestCluster legacy = TwoClusters.embedded("legacy", Map.of(), 3000);
             KafkaTestCluster ckafka = TwoClusters.embedded("ckafka", Map.of(), 3000)) {
            for (int round = 0; round < rounds; round++) {
                legacy.recreateTopic("orders", 3, "orders-consumer");
                ckafka.recreateTopic("orders", 3, "orders-consumer-ckafka");
                try (HttpSink sink = new HttpSink();
                     RunningMigrator app = RunningMigrator.start(RunningMigrator.overrides(legacy, ckafka, sink))) {
                    KeyedLoad load = new KeyedLoad(app, 4);
                    await().atMost(60, TimeUnit.SECONDS).until(() -> sink.accepted().size() >= 100);
                    app.request("POST", "/api/migrations/orders/switch-producer");
                    long switchedAt = System.nanoTime();
                    await().atMost(60, TimeUnit.SECONDS).until(() -> System.nanoTime() - switchedAt >= cutoverDelayMs * 1_000_000);
                    String status = app.request("POST", "/api/migrations/orders/cutover?wait=60").body();
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
                    sinkPauses.add(firstCkafka - lastLegacy);
                    String detail = app.request("GET", "/api/migrations/orders").body();
                    reportedPauses.add(Long.parseLong(OrdersAppTest.field(detail, "handoffPauseMs")));
                    detection.add(Instant.parse(OrdersAppTest.field(status, "MIGRATED")).toEpochMilli() - lastLegacy);
                }
            }
        }
        System.out.printf("cutover requested %d ms after the switch%n", cutoverDelayMs);
        System.out.printf("handoff pause at the sink, ms (n=%d): median %d, min %d, max %d, all %s%n",
                rounds, median(sinkPauses), Collections.min(sinkPauses), Collections.max(sinkPauses), sinkPauses);
        System.out.printf("handoff pause reported by the status, ms: median %d, all %s%n", median(reportedPauses), reportedPauses);
        System.out.printf("drain detection (last legacy delivery -> MIGRATED), ms: median %d, min %d, max %d, all %s%n",
                median(detection), Collections.min(detection), Collections.max(detection), detection);
        assertThat(sinkPauses).hasSize(rounds);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
