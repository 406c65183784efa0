package io.ckafkamigrator.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import io.ckafkamigrator.support.KafkaTestCluster;
import io.ckafkamigrator.support.RunningMigrator;
import org.apache.camel.CamelContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import static org.awaitility.Awaitility.await;

/**
 * Benchmark 1: the ordered consumer route ({@code orders-legacy-consumer}) against a raw
 * {@code KafkaConsumer} poll loop with the route's own client properties, on the same broker
 * and the same pre-loaded records. Both deliver to a {@link CountingSink} that answers at once,
 * and both commit as the route does: synchronously, per partition, after the partition's
 * records of a poll were delivered. Timed from the start of the route (or the creation of the
 * raw consumer, group join included) to the delivery of the last record.
 */
final class ConsumerThroughputBench {

    static final String ROUTE = "orders-legacy-consumer";
    private static final String TOPIC = "orders";
    private static final String RAW_GROUP = "bench-raw-consumer";

    private final RunningMigrator app;
    private final KafkaTestCluster legacy;
    private final CountingSink sink;

    ConsumerThroughputBench(RunningMigrator app, KafkaTestCluster legacy) {
        this.app = app;
        this.legacy = legacy;
        this.sink = app.context().getRegistry().lookupByNameAndType("benchSink", CountingSink.class);
    }

    void run(int rounds, int records, BenchResults results) throws Exception {
        CamelContext context = app.context();
        context.getRouteController().stopRoute(ROUTE, 30, TimeUnit.SECONDS);
        List<Double> route = new ArrayList<>();
        List<Double> raw = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            Preload.records(legacy, TOPIC, records);
            // Alternate which side reads first: the second reader finds the log in the page cache.
            if (round % 2 == 0) {
                route.add(routeRound(records));
                raw.add(rawRound(records));
            } else {
                raw.add(rawRound(records));
                route.add(routeRound(records));
            }
            System.out.printf("[bench] consumer round %d: route %.0f rec/s, raw %.0f rec/s%n", round + 1,
                    route.get(round), raw.get(round));
        }
        String name = "1. Consumer throughput (" + records + " records of 1 KiB, ordered-mode settings)";
        results.add(name, "consumer route, records/s", "records/s", Stats.of(route));
        results.add(name, "raw KafkaConsumer loop, records/s", "records/s", Stats.of(raw));
        results.add(name, "consumer route, MB/s", "MB/s", Stats.of(mb(route)));
        results.add(name, "raw KafkaConsumer loop, MB/s", "MB/s", Stats.of(mb(raw)));
        results.add(name, "route / raw (paired per round)", "ratio", Stats.ratios(route, raw), ">= 0.85",
                s -> s.median() >= 0.85);
    }

    static List<Double> mb(List<Double> recordsPerSecond) {
        return recordsPerSecond.stream().map(r -> r * Preload.RECORD_BYTES / 1e6).toList();
    }

    private double routeRound(int records) throws Exception {
        CamelContext context = app.context();
        sink.reset();
        long start = System.nanoTime();
        context.getRouteController().startRoute(ROUTE);
        await().atMost(5, TimeUnit.MINUTES).pollInterval(Duration.ofMillis(5)).until(() -> sink.records() >= records);
        double seconds = (sink.lastDeliveryNanos() - start) / 1e9;
        context.getRouteController().stopRoute(ROUTE, 30, TimeUnit.SECONDS);
        return records / seconds;
    }

    private double rawRound(int records) {
        CamelContext context = app.context();
        Properties props = RouteClientSettings.consumer(context, ROUTE, RAW_GROUP);
        Duration pollTimeout = Duration.ofMillis(RouteClientSettings.pollTimeoutMs(context, ROUTE));
        Duration commitTimeout = Duration.ofMillis(RouteClientSettings.commitTimeoutMs(context, ROUTE));
        CountingSink rawSink = new CountingSink();
        long start = System.nanoTime();
        try (KafkaConsumer<Object, Object> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(TOPIC));
            long deadline = start + TimeUnit.MINUTES.toNanos(5);
            while (rawSink.records() < records && System.nanoTime() < deadline) {
                ConsumerRecords<Object, Object> polled = consumer.poll(pollTimeout);
                for (TopicPartition partition : polled.partitions()) {
                    long last = -1;
                    for (ConsumerRecord<Object, Object> record : polled.records(partition)) {
                        rawSink.deliver((byte[]) record.value());
                        last = record.offset();
                    }
                    consumer.commitSync(Map.of(partition, new OffsetAndMetadata(last + 1)), commitTimeout);
                }
            }
        }
        if (rawSink.records() < records) {
            throw new IllegalStateException("raw consumer read " + rawSink.records() + " of " + records);
        }
        return records / ((rawSink.lastDeliveryNanos() - start) / 1e9);
    }
}
