package io.ckafkamigrator.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

import io.ckafkamigrator.support.ApiUsers;
import io.ckafkamigrator.support.HttpCalls;
import io.ckafkamigrator.support.HttpSink;
import io.ckafkamigrator.support.JarProcess;
import io.ckafkamigrator.support.KafkaTestCluster;
import io.ckafkamigrator.support.RunningMigrator;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import static io.ckafkamigrator.bench.Window.stats;
import static io.ckafkamigrator.bench.Window.values;

/**
 * Benchmark 8: Kafka Bridge batches through the packaged jar against a raw {@code KafkaProducer}
 * with the same client settings. The jar runs in its own JVM as in benchmark 3, with
 * {@code orders} switched to CKafka first, so the records go to CKafka, where the topic's
 * ordered CKafka consumer waits for its handoff and reads nothing: the app's work is the HTTP
 * request, the parsing and the send. Four clients, each on its own kept-alive connection, POST
 * one request of 100 binary-format records of 1 KiB at a time; four raw threads each send 100
 * records and then wait for all their acknowledgements, as the route does before it answers.
 * The raw producer's properties are those of the route's batch endpoint
 * ({@link RouteClientSettings#batchProducer}), read from the same routes and settings started in
 * this JVM for the purpose. Rounds, warm-up and alternation as benchmark 2; after each measured
 * pair, a window of bridge requests of one record each, for reference.
 */
final class BridgeIngestBench {

    static final int CLIENTS = 4;
    static final int RECORDS_PER_REQUEST = 100;
    private static final String RAW_CLIENT_ID = "bench-raw-bridge-producer";
    private static final String RAW_THREAD = "bench-raw-bridge-sender-";
    private static final String NETWORK_THREAD = "kafka-producer-network-thread | " + RAW_CLIENT_ID;

    private final KafkaTestCluster legacy;
    private final KafkaTestCluster ckafka;
    private final HttpClient http = HttpCalls.newClient();
    private long failedRecords;
    private long requests;
    /** Every record either side had acknowledged, warm-ups included: what CKafka's topic must hold at the end. */
    private long acknowledgedInAll;

    BridgeIngestBench(KafkaTestCluster legacy, KafkaTestCluster ckafka) {
        this.legacy = legacy;
        this.ckafka = ckafka;
    }

    /** @param warmUp how long the four clients warm the jar up (class loading, JIT) before round 0 */
    void run(int rounds, Duration roundTime, Duration warmUp, BenchResults results) throws Exception {
        MachineLoad.Start load = MachineLoad.start();
        Properties props = routeProducerSettings();
        // Its own client id, so its network thread is told from the others by name.
        props.put(CommonClientConfigs.CLIENT_ID_CONFIG, RAW_CLIENT_ID);
        List<BridgeClients.Batch> batches = new ArrayList<>();
        List<byte[]> bodies = new ArrayList<>();
        List<byte[]> singles = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            batches.add(BridgeClients.Batch.random(new Random(c), RECORDS_PER_REQUEST));
            bodies.add(batches.get(c).body());
            singles.add(BridgeClients.Batch.random(new Random(100 + c), 1).body());
        }
        recreateTopics();
        int port = RunningMigrator.freePort();
        int management = RunningMigrator.freePortOtherThan(port);
        Path state = Files.createTempDirectory("bench-state-");
        PairedRounds paired = new PairedRounds("bridge ingest " + CLIENTS + " clients x " + RECORDS_PER_REQUEST + " records");
        List<Window> single = new ArrayList<>();
        long jarCpu;
        try (JarProcess jar = JarProcess.start(JarBench.settings(legacy, ckafka, port, management, state));
             KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(props)) {
            JarBench.awaitReady(http, jar, management, Duration.ofSeconds(120));
            switchToCkafka(port);
            long pid = jar.process().pid();
            acknowledgedInAll += BridgeClients.run(port, "orders", bodies, RECORDS_PER_REQUEST, warmUp).acknowledged();
            for (int round = 0; round <= rounds; round++) {
                paired.round(round, () -> bridge(pid, port, bodies, RECORDS_PER_REQUEST, roundTime, jar),
                        () -> raw(raw, batches, roundTime));
                if (round > 0) {
                    Window one = bridge(pid, port, singles, 1, roundTime, jar);
                    single.add(one);
                    System.out.printf("[bench] bridge ingest, 1 record per request, round %d: %.0f rec/s, app %.0f us CPU/rec%n",
                            round, one.perSecond(), one.cpuMicrosPerRecord());
                }
            }
            jarCpu = ThreadCpu.ofProcess(pid);
            jar.terminate(60);
        }
        MachineLoad machine = load.end(jarCpu);
        addRows(results, paired, single, roundTime, machine);
        // The counts cross-checked against the broker: no record counted that is not stored, none stored twice.
        results.note("Bridge ingest: CKafka's orders topic holds " + ckafka.endOffsetSum("orders") + " records at the end; "
                + "the clients counted " + acknowledgedInAll + " acknowledged (both sides, warm-ups included).");
    }

    /** The client properties of the route's batch endpoint, from the same routes and settings started in this JVM. */
    private Properties routeProducerSettings() throws Exception {
        recreateTopics();
        try (HttpSink unused = new HttpSink()) {
            Map<String, String> overrides = new HashMap<>(RunningMigrator.overrides(legacy, ckafka, unused));
            overrides.put("migration.sink.orders", "log:orders-sink?level=OFF");
            try (RunningMigrator app = RunningMigrator.start(overrides)) {
                Properties props = RouteClientSettings.batchProducer(app.context(), "ckafka", "orders");
                System.out.println("[bench] bridge ingest, raw producer settings of the route's batch endpoint: "
                        + new java.util.TreeMap<>(props));
                return props;
            }
        }
    }

    private void recreateTopics() {
        legacy.recreateTopic("orders", 3, "orders-consumer");
        legacy.commitAtEnd("orders-consumer", "orders");
        ckafka.recreateTopic("orders", 3, "orders-consumer-ckafka");
    }

    private void switchToCkafka(int port) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/migrations/orders/switch-producer")).header("Authorization", ApiUsers.operator())
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> switched = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (switched.statusCode() != 200 || !switched.body().contains("\"producer\":\"ckafka\"")) {
            throw new IllegalStateException("switch-producer failed: " + switched.statusCode() + " " + switched.body());
        }
    }

    /**
     * One window of bridge requests. Its "thread" CPU is the app's JVM (JIT compiler threads left
     * out), its "process" CPU the harness's JVM (brokers and HTTP clients).
     */
    private Window bridge(long pid, int port, List<byte[]> bodies, int recordsPerRequest, Duration time, JarProcess jar)
            throws Exception {
        long appBefore = ThreadCpu.ofProcessWithoutJit(pid);
        long harnessBefore = ThreadCpu.process();
        BridgeClients.Result result = BridgeClients.run(port, "orders", bodies, recordsPerRequest, time);
        long app = ThreadCpu.ofProcessWithoutJit(pid) - appBefore;
        long harness = ThreadCpu.process() - harnessBefore;
        failedRecords += result.failed();
        requests += result.requests();
        acknowledgedInAll += result.acknowledged();
        if (result.acknowledged() == 0) {
            throw new IllegalStateException("no bridge record acknowledged in " + time.toSeconds() + " s ("
                    + result.failed() + " failed):\n" + jar.output());
        }
        return new Window(result.acknowledged(), (long) (result.seconds() * 1e9), app, harness, false);
    }

    /** One window of the raw producer: each thread sends a batch's records, then waits for all of them. */
    private Window raw(KafkaProducer<byte[], byte[]> raw, List<BridgeClients.Batch> batches, Duration time)
            throws Exception {
        AtomicInteger threadNumber = new AtomicInteger();
        ThreadPoolExecutor pool = (ThreadPoolExecutor) Executors.newFixedThreadPool(batches.size(),
                r -> new Thread(r, RAW_THREAD + threadNumber.incrementAndGet()));
        pool.prestartAllCoreThreads();
        try {
            Set<Long> threads = ThreadCpu.named(n -> n.startsWith(RAW_THREAD) || n.equals(NETWORK_THREAD));
            LongAdder sent = new LongAdder();
            Window.Meter meter = Window.start(sent::sum, threads);
            long end = meter.startNanos() + time.toNanos();
            List<Future<?>> done = new ArrayList<>();
            for (BridgeClients.Batch batch : batches) {
                done.add(pool.submit(() -> {
                    List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
                    while (System.nanoTime() < end) {
                        acks.clear();
                        for (int i = 0; i < batch.size(); i++) {
                            acks.add(raw.send(new ProducerRecord<>("orders", batch.keys().get(i), batch.values().get(i))));
                        }
                        for (Future<RecordMetadata> ack : acks) {
                            ack.get(60, TimeUnit.SECONDS);
                        }
                        sent.add(batch.size());
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(time.toSeconds() + 120, TimeUnit.SECONDS);
            }
            Window window = meter.stop();
            acknowledgedInAll += sent.sum();
            return window;
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(30, TimeUnit.SECONDS);
        }
    }

    private void addRows(BenchResults results, PairedRounds paired, List<Window> single, Duration roundTime,
                         MachineLoad machine) {
        String busy = machine.busy() ? " (machine busy: ratio not a result)" : "";
        String name = "8. Bridge ingest, " + CLIENTS + " clients, " + RECORDS_PER_REQUEST + " records of 1 KiB per request "
                + "(POST /topics/orders, application/vnd.kafka.binary.v2+json, packaged jar, orders switched to CKafka) "
                + "against a raw KafkaProducer (" + CLIENTS + " threads, " + RECORDS_PER_REQUEST + " sends then all their "
                + "acknowledgements; acks=all, idempotence), " + roundTime.toSeconds() + " s per side per round";
        String bridge = "bridge ingest";
        String rawLabel = "raw KafkaProducer";
        List<Window> jar = paired.route();
        List<Window> raw = paired.raw();
        results.add(name, bridge + ", records/s", "records/s", stats(jar, Window::perSecond));
        results.add(name, rawLabel + ", records/s", "records/s", stats(raw, Window::perSecond));
        results.add(name, bridge + ", MB/s (values)", "MB/s", stats(jar, w -> w.perSecond() * Preload.RECORD_BYTES / 1e6));
        results.add(name, rawLabel + ", MB/s (values)", "MB/s", stats(raw, w -> w.perSecond() * Preload.RECORD_BYTES / 1e6));
        results.add(name, bridge + ", CPU of the app's JVM per record (JIT compiler threads left out)", "µs",
                stats(jar, Window::cpuMicrosPerRecord));
        results.add(name, bridge + ", CPU of the harness JVM per record (brokers, HTTP clients)", "µs",
                stats(jar, Window::processCpuMicrosPerRecord));
        results.add(name, bridge + ", CPU of both JVMs per record (app without JIT + harness)", "µs",
                stats(jar, BridgeIngestBench::bothJvms));
        results.add(name, rawLabel + ", CPU of its threads per record (4 senders, its network thread)", "µs",
                stats(raw, Window::cpuMicrosPerRecord));
        results.add(name, rawLabel + ", CPU of the harness JVM per record (brokers, producer)", "µs",
                stats(raw, Window::processCpuMicrosPerRecord));
        results.add(name, "bridge / raw records/s (paired per round)" + busy, "ratio",
                Stats.ratios(values(jar, Window::perSecond), values(raw, Window::perSecond)), ">= 0.80",
                s -> s.median() >= 0.80);
        results.add(name, "bridge (both JVMs) / raw (harness JVM) CPU per record (paired per round)" + busy, "ratio",
                Stats.ratios(values(jar, BridgeIngestBench::bothJvms), values(raw, Window::processCpuMicrosPerRecord)));
        String reference = "reference, 1 record per bridge request, " + CLIENTS + " clients";
        results.add(name, reference + ", records/s", "records/s", stats(single, Window::perSecond));
        results.add(name, reference + ", CPU of the app's JVM per record (JIT compiler threads left out)", "µs",
                stats(single, Window::cpuMicrosPerRecord));
        results.add(name, reference + ", CPU of the harness JVM per record (brokers, HTTP clients)", "µs",
                stats(single, Window::processCpuMicrosPerRecord));
        results.note("Bridge ingest: " + failedRecords + " records not acknowledged (error entries, or requests not "
                + "answered 200) in " + requests + " requests after the jar's warm-up (round 0 and the reference windows included).");
        results.note(machine.line("8. Bridge ingest (the in-JVM app that gives the raw settings and the jar's start included)"));
    }

    private static double bothJvms(Window w) {
        return (w.threadCpuNanos() + w.processCpuNanos()) / 1e3 / w.records();
    }
}
