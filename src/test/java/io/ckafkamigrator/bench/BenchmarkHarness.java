package io.ckafkamigrator.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import io.ckafkamigrator.support.HttpSink;
import io.ckafkamigrator.support.KafkaTestCluster;
import io.ckafkamigrator.support.RunningMigrator;
import io.ckafkamigrator.support.TwoClusters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark harness: every comparison of docs/benchmarks.md in one run, each side by side
 * in the same run and alternating per round, written to {@code target/bench/results.md} and
 * {@code results.json}. Measures, does not assert the targets: a missed target is a result.
 * Not part of {@code ./mvnw verify}; run with {@code ./mvnw -B verify -Pbench}. Overrides:
 * {@code -Dbench.rounds=5 -Dbench.round-seconds=5 -Dbench.cutovers=20 -Dbench.jar.rounds=3 -Dbench.ingest.warm-up-seconds=20 -Dbench.ingest.seconds=5 -Dbench.only=1,2,3,4,6,8}.
 * {@code -Dbench.baseline.jar=<root>/target/ckafka-migrator.jar} (an earlier commit's build, started
 * from {@code <root>} with its own config/ and routes/; {@code -Dbench.baseline.name=<commit>} names
 * it in the rows) adds benchmark 3b: benchmark 3's levels on both jars, side by side in every round.
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class BenchmarkHarness {

    static final String COMMAND = "./mvnw -B verify -Pbench";

    @Test
    void runBenchmarks() throws Exception {
        long started = System.nanoTime();
        int rounds = Integer.getInteger("bench.rounds", 5);
        Duration roundTime = Duration.ofSeconds(Integer.getInteger("bench.round-seconds", 5));
        String only = System.getProperty("bench.only", "1,2,3,4,5,6,7,8");
        BenchResults results = new BenchResults();
        if (only.contains("1") || only.contains("2")) {
            routeThroughput(rounds, roundTime, only, results);
        }
        if (only.contains("4") || only.contains("5")) {
            try (KafkaTestCluster legacy = TwoClusters.embedded("legacy", Map.of(), 3000);
                 KafkaTestCluster ckafka = TwoClusters.embedded("ckafka", Map.of(), 3000)) {
                new HandoffBench(legacy, ckafka).run(Integer.getInteger("bench.cutovers", 20), results);
            }
        }
        if (only.contains("3") || only.contains("6")) {
            TwoClusters clusters = TwoClusters.shared();
            String baselineJar = System.getProperty("bench.baseline.jar", "").trim();
            JarBench.Build baseline = baselineJar.isEmpty() ? null
                    : JarBench.Build.baseline(System.getProperty("bench.baseline.name", "the baseline"), Path.of(baselineJar));
            new JarBench(clusters.legacy(), clusters.ckafka()).run(Integer.getInteger("bench.jar.rounds", 3),
                    new int[] {1, 4, 16}, Duration.ofSeconds(Integer.getInteger("bench.ingest.warm-up-seconds", 20)),
                    Duration.ofSeconds(Integer.getInteger("bench.ingest.seconds", 5)), baseline, results);
        }
        if (only.contains("8")) {
            TwoClusters clusters = TwoClusters.shared();
            new BridgeIngestBench(clusters.legacy(), clusters.ckafka()).run(rounds, roundTime,
                    Duration.ofSeconds(Integer.getInteger("bench.ingest.warm-up-seconds", 20)), results);
        }
        if (only.contains("7")) {
            TwoClusters clusters = TwoClusters.shared();
            new ManyTopicsBench(clusters.legacy(), clusters.ckafka()).run(Integer.getInteger("bench.many.rounds", 2),
                    Integer.getInteger("bench.many.topics", 100), results);
        }
        if (only.contains("1")) {
            results.note("Consumer comparison: both sides deliver to a sink that answers at once (a counter, no HTTP), "
                    + "so the ratio shows what the route itself costs per record against the client; an HTTP sink would "
                    + "add the same cost to both sides and hide it.");
        }
        if (only.contains("2")) {
            results.note("Producer comparison: every caller waits for the broker's acknowledgement of its record, as the "
                    + "route does for an HTTP ingest; the raw producer uses the route endpoint's own client properties.");
        }
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        results.write(Path.of("target", "bench"), machine(), command(), seconds);
        assertThat(results.rows()).isNotEmpty();
    }

    /** Benchmarks 1 and 2 share one in-JVM app on brokers that let consumers join at once. */
    private static void routeThroughput(int rounds, Duration roundTime, String only, BenchResults results) throws Exception {
        TwoClusters clusters = TwoClusters.shared();
        clusters.legacy().recreateTopic("orders", 3, "orders-consumer", "bench-raw-consumer");
        clusters.legacy().commitAtEnd("orders-consumer", "orders");
        clusters.ckafka().recreateTopic("orders", 3, "orders-consumer-ckafka");
        try (HttpSink unused = new HttpSink()) {
            Map<String, String> overrides = new HashMap<>(RunningMigrator.overrides(clusters, unused));
            overrides.put("camel.beans.benchSink", "#class:" + CountingSink.class.getName());
            overrides.put("migration.sink.orders", "bean:benchSink");
            // -Dbench.app.<property>=<value>: an app setting for this run, to measure one change against a run without it.
            System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("bench.app."))
                    .forEach(k -> overrides.put(k.substring("bench.app.".length()), System.getProperty(k)));
            try (RunningMigrator app = RunningMigrator.start(overrides)) {
                if (only.contains("1")) {
                    new ConsumerThroughputBench(app, clusters.legacy())
                            .run(rounds, roundTime, results);
                }
                if (only.contains("2")) {
                    new ProducerThroughputBench(app).run(rounds, roundTime, new int[] {1, 16}, results);
                }
            }
        }
    }

    /** The command with the run's own -Dbench.* and -Dmigrator.jar.jvm-options settings, as they were given. */
    private static String command() {
        StringBuilder command = new StringBuilder(COMMAND);
        System.getProperties().stringPropertyNames().stream()
                .filter(k -> k.startsWith("bench.") || k.equals("migrator.jar.jvm-options")).sorted()
                .forEach(k -> command.append(" -D").append(k).append('=').append(System.getProperty(k)));
        return command.toString();
    }

    private static Map<String, String> machine() throws Exception {
        Map<String, String> machine = new LinkedHashMap<>();
        machine.put("CPU cores (nproc)", String.valueOf(Runtime.getRuntime().availableProcessors()));
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (Files.isReadable(cpuinfo)) {
            Files.readAllLines(cpuinfo).stream().filter(l -> l.startsWith("model name")).findFirst()
                    .ifPresent(l -> machine.put("CPU", l.substring(l.indexOf(':') + 1).trim()));
        }
        Path meminfo = Path.of("/proc/meminfo");
        if (Files.isReadable(meminfo)) {
            Files.readAllLines(meminfo).stream().filter(l -> l.startsWith("MemTotal")).findFirst()
                    .ifPresent(l -> machine.put("Memory", Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024 + " MiB"));
        }
        machine.put("OS", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("Java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        return machine;
    }
}
