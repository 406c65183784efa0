package io.ckafkamigrator.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.ckafkamigrator.support.KafkaTestCluster;
import io.ckafkamigrator.support.RunningMigrator;
import org.apache.camel.CamelContext;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import static org.awaitility.Awaitility.await;

/**
 * Benchmark 1: the ordered consumer route ({@code orders-legacy-consumer}) against a raw
 * {@code KafkaConsumer} poll loop with the route's own client properties, on the same broker
 * and the same pre-loaded backlog. Both deliver to a {@link CountingSink} that answers at once,
 * and both commit as the route does: synchronously, per partition, after the partition's
 * records of a poll were delivered. Each side's group is reset to the start of the log before
 * it reads; its window opens at its first delivery (group join left out) and lasts the round's
 * time, counting the records delivered and the CPU of its consumer threads meanwhile.
 */
final class ConsumerThroughputBench {

    static final String ROUTE = "orders-legacy-consumer";
    private static final String TOPIC = "orders";
    private static final String RAW_GROUP = "bench-raw-consumer";
    // camel-kafka names its consumer threads after the topic; the classic consumer its heartbeat after the group.
    private static final String CAMEL_THREAD = "KafkaConsumer[" + TOPIC + "]";
    private static final String HEARTBEAT_THREAD = "kafka-coordinator-heartbeat-thread | ";
    private static final long WARM_UP_BACKLOG = 100_000;
    // 400 MB of 1 KiB records: enough for 5 s at 80,000 records/s, and a bounded disk.
    private static final long MAX_BACKLOG = 400_000;

    private final RunningMigrator app;
    private final KafkaTestCluster legacy;
    private final CountingSink sink;
    private long backlog;

    ConsumerThroughputBench(RunningMigrator app, KafkaTestCluster legacy) {
        this.app = app;
        this.legacy = legacy;
        this.sink = app.context().getRegistry().lookupByNameAndType("benchSink", CountingSink.class);
    }

    void run(int rounds, Duration roundTime, BenchResults results) throws Exception {
        MachineLoad.Start load = MachineLoad.start();
        // The app starts its consumer routes once Camel has fully started, which can come after the
        // app is up: stopped before that, the route would be started again under the benchmark.
        await().atMost(1, TimeUnit.MINUTES).until(() -> app.context().getRouteController().getRouteStatus(ROUTE).isStarted());
        app.context().getRouteController().stopRoute(ROUTE, 30, TimeUnit.SECONDS);
        PairedRounds paired = new PairedRounds("consumer");
        preloadTo(WARM_UP_BACKLOG);
        for (int round = 0; round <= rounds; round++) {
            paired.round(round, () -> routeSide(roundTime), () -> rawSide(roundTime));
            if (round == 0) {
                // Enough backlog for the faster side of the warm-up to read for a whole round, and a half more.
                double fastest = paired.warmUp().stream().mapToDouble(Window::perSecond).max().orElseThrow();
                preloadTo(Math.min(MAX_BACKLOG, (long) (fastest * roundTime.toNanos() / 1e9 * 1.5)));
            }
        }
        MachineLoad machine = load.end();
        String name = "1. Consumer throughput (" + roundTime.toSeconds() + " s per side per round, backlog of "
                + backlog + " records of 1 KiB, ordered-mode settings)";
        paired.addRows(results, name, "consumer route", "raw KafkaConsumer loop", 1.20, machine);
        results.note(machine.line("1. Consumer throughput"));
    }

    private void preloadTo(long records) {
        if (records > backlog) {
            Preload.records(legacy, TOPIC, (int) (records - backlog));
            backlog = records;
        }
    }

    private Window routeSide(Duration roundTime) throws Exception {
        CamelContext context = app.context();
        String group = RouteClientSettings.groupId(context, ROUTE);
        resetToStart(group);
        sink.reset();
        Set<Long> before = ThreadCpu.named(n -> n.contains(CAMEL_THREAD));
        context.getRouteController().startRoute(ROUTE);
        await().atMost(1, TimeUnit.MINUTES).pollInterval(Duration.ofMillis(5)).until(() -> sink.records() > 0);
        // The route's own consumer threads: those started with it (the CKafka route's have the same name).
        Set<Long> threads = ThreadCpu.named(n -> n.contains(CAMEL_THREAD));
        threads.removeAll(before);
        if (threads.isEmpty()) {
            throw new IllegalStateException("no new thread named *" + CAMEL_THREAD + "* after starting " + ROUTE);
        }
        threads.addAll(ThreadCpu.named(n -> n.equals(HEARTBEAT_THREAD + group)));
        Window.Meter meter = Window.start(sink::records, threads);
        long end = meter.startNanos() + roundTime.toNanos();
        await().atMost(roundTime.plusMinutes(1)).pollInterval(Duration.ofMillis(5))
                .until(() -> System.nanoTime() >= end || sink.records() >= backlog);
        Window window = sink.records() >= backlog ? meter.stopAt(sink.lastDeliveryNanos(), true) : meter.stop();
        context.getRouteController().stopRoute(ROUTE, 30, TimeUnit.SECONDS);
        return window;
    }

    private Window rawSide(Duration roundTime) {
        CamelContext context = app.context();
        resetToStart(RAW_GROUP);
        Properties props = RouteClientSettings.consumer(context, ROUTE, RAW_GROUP);
        Duration pollTimeout = Duration.ofMillis(RouteClientSettings.pollTimeoutMs(context, ROUTE));
        Duration commitTimeout = Duration.ofMillis(RouteClientSettings.commitTimeoutMs(context, ROUTE));
        CountingSink rawSink = new CountingSink();
        long giveUp = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        try (KafkaConsumer<Object, Object> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(TOPIC));
            Window.Meter meter = null;
            long end = Long.MAX_VALUE;
            while (true) {
                ConsumerRecords<Object, Object> polled = consumer.poll(pollTimeout);
                for (TopicPartition partition : polled.partitions()) {
                    long last = -1;
                    for (ConsumerRecord<Object, Object> record : polled.records(partition)) {
                        rawSink.deliver((byte[]) record.value());
                        last = record.offset();
                    }
                    consumer.commitSync(Map.of(partition, new OffsetAndMetadata(last + 1)), commitTimeout);
                }
                long now = System.nanoTime();
                if (meter == null && rawSink.records() > 0) {
                    Set<Long> threads = ThreadCpu.named(n -> n.equals(HEARTBEAT_THREAD + RAW_GROUP));
                    threads.add(Thread.currentThread().getId());
                    meter = Window.start(rawSink::records, threads);
                    end = meter.startNanos() + roundTime.toNanos();
                } else if (meter == null && now > giveUp) {
                    throw new IllegalStateException("raw consumer read nothing in a minute");
                } else if (rawSink.records() >= backlog) {
                    return meter.stopAt(rawSink.lastDeliveryNanos(), true);
                } else if (meter != null && now >= end) {
                    return meter.stop();
                }
            }
        }
    }

    /** Commits the log start for every partition: the group is empty, its consumer closed. */
    private void resetToStart(String group) {
        Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
        legacy.offsets(TOPIC, OffsetSpec.earliest())
                .forEach((p, offset) -> start.put(new TopicPartition(TOPIC, p), new OffsetAndMetadata(offset)));
        await().atMost(1, TimeUnit.MINUTES).ignoreExceptions().untilAsserted(() -> {
            try (Admin admin = legacy.admin()) {
                admin.alterConsumerGroupOffsets(group, start).all().get(30, TimeUnit.SECONDS);
            }
        });
    }
}
