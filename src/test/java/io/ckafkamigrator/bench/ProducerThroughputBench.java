package io.ckafkamigrator.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.ckafkamigrator.support.RunningMigrator;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Benchmark 2: the producer route ({@code orders-producer} after the switch, so its
 * {@code to: ckafka:orders} step) against a raw {@code KafkaProducer} built from that endpoint's
 * own client properties (acks=all, idempotence on). The route answers a caller only once the
 * broker acknowledged its record, so the raw side waits for each send too ({@code send().get()});
 * both run the same number of concurrent callers, whose in-flight records the client batches.
 */
final class ProducerThroughputBench {

    private static final String SOURCE = "direct:orders";

    private final RunningMigrator app;

    ProducerThroughputBench(RunningMigrator app) {
        this.app = app;
    }

    void run(int rounds, int records, int[] callerCounts, BenchResults results) throws Exception {
        var switched = app.request("POST", "/api/migrations/orders/switch-producer");
        if (switched.statusCode() != 200 || !switched.body().contains("\"producer\":\"ckafka\"")) {
            throw new IllegalStateException("switch-producer failed: " + switched.statusCode() + " " + switched.body());
        }
        Properties props = RouteClientSettings.producer(app.context(), "ckafka", "orders");
        byte[] value = Preload.value(new Random(7));
        try (ProducerTemplate template = app.context().createProducerTemplate();
             KafkaProducer<Object, Object> raw = new KafkaProducer<>(props)) {
            for (int callers : callerCounts) {
                // Fewer records for a single caller, which waits a round trip per record.
                int total = Math.max(500, records * callers / callerCounts[callerCounts.length - 1]);
                List<Double> route = new ArrayList<>();
                List<Double> rawRates = new ArrayList<>();
                for (int round = 0; round < rounds; round++) {
                    if (round % 2 == 0) {
                        route.add(timed(callers, total, i -> viaRoute(template, i, value)));
                        rawRates.add(timed(callers, total, i -> viaRaw(raw, i, value)));
                    } else {
                        rawRates.add(timed(callers, total, i -> viaRaw(raw, i, value)));
                        route.add(timed(callers, total, i -> viaRoute(template, i, value)));
                    }
                    System.out.printf("[bench] producer %d caller(s) round %d: route %.0f rec/s, raw %.0f rec/s%n",
                            callers, round + 1, route.get(round), rawRates.get(round));
                }
                String name = "2. Producer throughput, " + callers + " concurrent caller(s), " + total
                        + " records of 1 KiB (acks=all, idempotence)";
                results.add(name, "producer route (to: ckafka:orders), records/s", "records/s", Stats.of(route));
                results.add(name, "raw KafkaProducer send().get(), records/s", "records/s", Stats.of(rawRates));
                results.add(name, "producer route, MB/s", "MB/s", Stats.of(ConsumerThroughputBench.mb(route)));
                results.add(name, "raw KafkaProducer, MB/s", "MB/s", Stats.of(ConsumerThroughputBench.mb(rawRates)));
                results.add(name, "route / raw (paired per round)", "ratio", Stats.ratios(route, rawRates), ">= 0.85",
                        s -> s.median() >= 0.85);
            }
        }
    }

    private static void viaRoute(ProducerTemplate template, int i, byte[] value) {
        Exchange done = template.send(SOURCE, exchange -> {
            exchange.getMessage().setBody(value);
            exchange.getMessage().setHeader(KafkaConstants.KEY, "key-" + (i % 64));
        });
        if (done.getException() != null) {
            throw new IllegalStateException("producer route failed", done.getException());
        }
    }

    private static void viaRaw(KafkaProducer<Object, Object> raw, int i, byte[] value) {
        try {
            raw.send(new ProducerRecord<>("orders", "key-" + (i % 64), value)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("raw send failed", e);
        }
    }

    /** Records per second for {@code total} sends spread over {@code callers} threads. */
    private static double timed(int callers, int total, IntSend send) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            long start = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                int caller = c;
                done.add(pool.submit(() -> {
                    for (int i = caller; i < total; i += callers) {
                        send.send(i);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(5, TimeUnit.MINUTES);
            }
            return total / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    @FunctionalInterface
    private interface IntSend {
        void send(int i);
    }
}
