package io.ckafkamigrator.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

import io.ckafkamigrator.support.RunningMigrator;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Benchmark 2: the producer route ({@code orders-producer} after the switch, so its
 * {@code to: ckafka:orders} step) against a raw {@code KafkaProducer} built from that endpoint's
 * own client properties (acks=all, idempotence on). The route answers a caller only once the
 * broker acknowledged its record, so the raw side waits for each send too ({@code send().get()});
 * both run the same number of concurrent callers, whose in-flight records the client batches,
 * each sending for the round's time. CPU counted: the callers' threads and the producer's
 * network thread.
 */
final class ProducerThroughputBench {

    private static final String SOURCE = "direct:orders";
    private static final String RAW_CLIENT_ID = "bench-raw-producer";
    private static final String NETWORK_THREAD = "kafka-producer-network-thread | ";

    /** The 64 keys both sides send, as bytes: the routes' key serializer takes bytes, as HTTP ingest gives them. */
    private static final byte[][] KEYS = new byte[64][];

    static {
        for (int k = 0; k < KEYS.length; k++) {
            KEYS[k] = ("key-" + k).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private final RunningMigrator app;

    ProducerThroughputBench(RunningMigrator app) {
        this.app = app;
    }

    void run(int rounds, Duration roundTime, int[] callerCounts, BenchResults results) throws Exception {
        MachineLoad.Start load = MachineLoad.start();
        var switched = app.request("POST", "/api/migrations/orders/switch-producer");
        if (switched.statusCode() != 200 || !switched.body().contains("\"producer\":\"ckafka\"")) {
            throw new IllegalStateException("switch-producer failed: " + switched.statusCode() + " " + switched.body());
        }
        Properties props = RouteClientSettings.producer(app.context(), "ckafka", "orders");
        // Its own client id, so its network thread is told from the route's by name.
        props.put(CommonClientConfigs.CLIENT_ID_CONFIG, RAW_CLIENT_ID);
        byte[] value = Preload.value(new Random(7));
        List<PairedRounds> paired = new ArrayList<>();
        // Resolved once: a URI per send would be parsed and looked up each time, the driver's cost,
        // not the route's (the raw side's driver builds a record and nothing more).
        Endpoint source = app.context().getEndpoint(SOURCE);
        try (ProducerTemplate template = app.context().createProducerTemplate();
             KafkaProducer<Object, Object> raw = new KafkaProducer<>(props)) {
            // The route's producer is the app's producer other than ours; the app's others stay idle meanwhile.
            Predicate<String> routeNetwork = n -> n.startsWith(NETWORK_THREAD) && !n.equals(NETWORK_THREAD + RAW_CLIENT_ID);
            Predicate<String> rawNetwork = n -> n.equals(NETWORK_THREAD + RAW_CLIENT_ID);
            for (int callers : callerCounts) {
                PairedRounds byCallers = new PairedRounds("producer " + callers + " caller(s)");
                for (int round = 0; round <= rounds; round++) {
                    byCallers.round(round,
                            () -> side(callers, roundTime, "bench-route-caller-", routeNetwork, i -> viaRoute(template, source, i, value)),
                            () -> side(callers, roundTime, "bench-raw-caller-", rawNetwork, i -> viaRaw(raw, i, value)));
                }
                paired.add(byCallers);
            }
        }
        MachineLoad machine = load.end();
        for (int c = 0; c < callerCounts.length; c++) {
            String name = "2. Producer throughput, " + callerCounts[c] + " concurrent caller(s), " + roundTime.toSeconds()
                    + " s per side per round, records of 1 KiB (acks=all, idempotence)";
            paired.get(c).addRows(results, name, "producer route (to: ckafka:orders)", "raw KafkaProducer send().get()",
                    null, machine);
        }
        results.note(machine.line("2. Producer throughput (both caller counts)"));
    }

    private static void viaRoute(ProducerTemplate template, Endpoint source, int i, byte[] value) {
        Exchange done = template.send(source, exchange -> {
            exchange.getMessage().setBody(value);
            exchange.getMessage().setHeader(KafkaConstants.KEY, KEYS[i % KEYS.length]);
        });
        if (done.getException() != null) {
            throw new IllegalStateException("producer route failed", done.getException());
        }
    }

    private static void viaRaw(KafkaProducer<Object, Object> raw, int i, byte[] value) {
        try {
            raw.send(new ProducerRecord<>("orders", KEYS[i % KEYS.length], value)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("raw send failed", e);
        }
    }

    /** {@code callers} threads sending one record at a time each, for {@code roundTime}. */
    private static Window side(int callers, Duration roundTime, String threadPrefix, Predicate<String> network,
                               IntSend send) throws Exception {
        AtomicInteger threadNumber = new AtomicInteger();
        ThreadPoolExecutor pool = (ThreadPoolExecutor) Executors.newFixedThreadPool(callers,
                r -> new Thread(r, threadPrefix + threadNumber.incrementAndGet()));
        pool.prestartAllCoreThreads();
        try {
            Set<Long> threads = ThreadCpu.named(n -> n.startsWith(threadPrefix) || network.test(n));
            LongAdder sent = new LongAdder();
            Window.Meter meter = Window.start(sent::sum, threads);
            long end = meter.startNanos() + roundTime.toNanos();
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                int caller = c;
                done.add(pool.submit(() -> {
                    for (int i = caller; System.nanoTime() < end; i += callers) {
                        send.send(i);
                        sent.increment();
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(roundTime.toSeconds() + 60, TimeUnit.SECONDS);
            }
            return meter.stop();
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(30, TimeUnit.SECONDS);
        }
    }

    @FunctionalInterface
    private interface IntSend {
        void send(int i);
    }
}
