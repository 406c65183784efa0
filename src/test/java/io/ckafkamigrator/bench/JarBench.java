package io.ckafkamigrator.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.ckafkamigrator.support.HttpCalls;
import io.ckafkamigrator.support.JarProcess;
import io.ckafkamigrator.support.KafkaTestCluster;
import io.ckafkamigrator.support.RunningMigrator;

/**
 * Benchmarks 3 and 6 on the packaged jar, run as an operator runs it in its own JVM (default
 * JVM options) against the harness's brokers: time from {@code java -jar} to
 * {@code /observe/health/ready} answering 200, resident memory when ready and at its peak while
 * HTTP ingest runs, heap in use after the load, and ingest records/s with 1, 4 and 16 clients.
 * The topic is in LEGACY, so its consumer route reads the ingested records meanwhile (to a
 * log sink switched off).
 */
final class JarBench {

    private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total\\s+(\\d+)K, used (\\d+)K");

    private final KafkaTestCluster legacy;
    private final KafkaTestCluster ckafka;
    private final HttpClient http = HttpCalls.newClient();

    JarBench(KafkaTestCluster legacy, KafkaTestCluster ckafka) {
        this.legacy = legacy;
        this.ckafka = ckafka;
    }

    /** A build of the app to start: this repository's jar, or an earlier commit's from its own repository root. */
    record Build(String name, Path directory, Path jar) {

        static final Build THIS = new Build("this build", null, null);

        /**
         * An earlier build: {@code jar} as {@code <root>/target/ckafka-migrator.jar}, started from
         * {@code <root>}, whose config/ and routes/ it reads (its routes, not this build's).
         */
        static Build baseline(String name, Path jar) {
            Path root = jar.toAbsolutePath().getParent().getParent();
            if (!Files.isDirectory(root.resolve("routes")) || !Files.isDirectory(root.resolve("config"))) {
                throw new IllegalArgumentException("bench.baseline.jar: " + jar + " must be <root>/target/<jar> with "
                        + "the config/ and routes/ of its commit in <root>");
            }
            return new Build(name, root, jar);
        }

        JarProcess start(List<String> settings) throws java.io.IOException {
            return directory == null ? JarProcess.start(settings) : JarProcess.startIn(directory, jar, settings);
        }
    }

    /** What the levels of one build measured over the rounds. */
    private static final class Levels {
        final Map<Integer, List<Double>> ingest = new LinkedHashMap<>();
        final Map<Integer, List<Double>> appCpu = new LinkedHashMap<>();
        final Map<Integer, List<Double>> harnessCpu = new LinkedHashMap<>();
        long failed;

        Levels(int[] clientCounts) {
            for (int clients : clientCounts) {
                ingest.put(clients, new ArrayList<>());
                appCpu.put(clients, new ArrayList<>());
                harnessCpu.put(clients, new ArrayList<>());
            }
        }
    }

    /** The settings every benchmark start of the jar gets: the harness's brokers, free ports, a fresh state directory. */
    static List<String> settings(KafkaTestCluster legacy, KafkaTestCluster ckafka, int port, int management, Path state) {
        return List.of(
                "migration.embedded.enabled=false",
                "legacy.bootstrap-servers=" + legacy.bootstrapServers(),
                "ckafka.bootstrap-servers=" + ckafka.bootstrapServers(),
                "camel.server.port=" + port,
                "camel.management.port=" + management,
                "migration.state-dir=" + state,
                "migration.sink.orders=log:orders-sink?level=OFF");
    }

    void run(int rounds, int[] clientCounts, Duration warmUp, Duration perLevel, BenchResults results) throws Exception {
        run(rounds, clientCounts, warmUp, perLevel, null, results);
    }

    /**
     * @param warmUp   how long 16 clients warm the jar up before the levels are measured
     * @param baseline an earlier build measured side by side with this one (3b), null for none:
     *                 each round starts both, one after the other, the order alternating per round
     */
    void run(int rounds, int[] clientCounts, Duration warmUp, Duration perLevel, Build baseline, BenchResults results)
            throws Exception {
        MachineLoad.Start load = MachineLoad.start();
        long jarCpu = 0;
        List<Double> startup = new ArrayList<>();
        List<Double> rssReady = new ArrayList<>();
        List<Double> rssPeak = new ArrayList<>();
        List<Double> heapUsed = new ArrayList<>();
        Levels current = new Levels(clientCounts);
        Levels earlier = new Levels(clientCounts);
        byte[] value = Preload.value(new Random(3));
        for (int round = 0; round < rounds; round++) {
            List<Integer> order = new ArrayList<>(current.ingest.keySet());
            if (round % 2 == 1) {
                java.util.Collections.reverse(order);
            }
            List<Build> builds = baseline == null ? List.of(Build.THIS)
                    : round % 2 == 0 ? List.of(Build.THIS, baseline) : List.of(baseline, Build.THIS);
            for (Build build : builds) {
                boolean isCurrent = build == Build.THIS;
                Levels levels = isCurrent ? current : earlier;
                legacy.recreateTopic("orders", 3, "orders-consumer");
                legacy.commitAtEnd("orders-consumer", "orders");
                ckafka.recreateTopic("orders", 3, "orders-consumer-ckafka");
                int port = RunningMigrator.freePort();
                int management = RunningMigrator.freePortOtherThan(port);
                Path state = Files.createTempDirectory("bench-state-");
                long start = System.nanoTime();
                try (JarProcess jar = build.start(settings(legacy, ckafka, port, management, state));
                     MemorySampler memory = new MemorySampler(jar.process().pid(), 100)) {
                    awaitReady(http, jar, management, Duration.ofSeconds(120));
                    double ready = (System.nanoTime() - start) / 1e6;
                    double rss = memory.rssKb() / 1024.0;
                    memory.resetPeak();
                    // Warm-up, not counted: the first requests pay for class loading and the JIT, which on
                    // 2 slow cores goes on compiling for tens of seconds under load.
                    IngestClients.run(port, "orders", 16, warmUp, value);
                    for (int clients : order) {
                        long appBefore = ThreadCpu.ofProcessWithoutJit(jar.process().pid());
                        long harnessBefore = ThreadCpu.process();
                        IngestClients.Result result = IngestClients.run(port, "orders", clients, perLevel, value);
                        levels.ingest.get(clients).add(result.recordsPerSecond());
                        long acknowledged = Math.max(1, result.acknowledged());
                        levels.appCpu.get(clients).add((ThreadCpu.ofProcessWithoutJit(jar.process().pid()) - appBefore) / 1e3 / acknowledged);
                        levels.harnessCpu.get(clients).add((ThreadCpu.process() - harnessBefore) / 1e3 / acknowledged);
                        levels.failed += result.failed();
                        List<Double> cpu = levels.appCpu.get(clients);
                        System.out.printf("[bench] ingest round %d, %s, %d client(s): %.0f rec/s, app %.0f us CPU/rec (%d not acknowledged)%n",
                                round + 1, build.name(), clients, result.recordsPerSecond(), cpu.get(cpu.size() - 1), result.failed());
                    }
                    if (isCurrent) {
                        startup.add(ready);
                        rssReady.add(rss);
                        rssPeak.add(memory.peakKb() / 1024.0);
                        heapUsed.add(heapUsedMb(jar.process().pid()));
                        System.out.printf("[bench] jar round %d: ready after %.0f ms, RSS ready %.0f MiB, peak %.0f MiB%n",
                                round + 1, ready, rss, rssPeak.get(rssPeak.size() - 1));
                    }
                    jarCpu += ThreadCpu.ofProcess(jar.process().pid());
                    jar.terminate(60);
                }
            }
        }
        MachineLoad machine = load.end(jarCpu);
        Map<Integer, List<Double>> ingest = current.ingest;
        Map<Integer, List<Double>> appCpu = current.appCpu;
        Map<Integer, List<Double>> harnessCpu = current.harnessCpu;
        long failed = current.failed;
        String name3 = "3. HTTP ingest (POST /topics/orders, basic auth, 1 KiB records, " + perLevel.toSeconds()
                + " s per level, packaged jar)";
        for (var entry : ingest.entrySet()) {
            results.add(name3, entry.getKey() + " concurrent client(s), records/s", "records/s", Stats.of(entry.getValue()));
        }
        // CPU per acknowledged request: the app's JVM (HTTP, routes, producer, the legacy consumer
        // reading the records) and the harness's (brokers and HTTP clients), stable where rates are not.
        for (int clients : clientCounts) {
            if (!appCpu.get(clients).isEmpty()) {
                results.add(name3, clients + " concurrent client(s), CPU of the app's JVM per record (JIT compiler threads left out)", "µs",
                        Stats.of(appCpu.get(clients)));
                results.add(name3, clients + " concurrent client(s), CPU of the harness JVM (brokers, clients) per record", "µs",
                        Stats.of(harnessCpu.get(clients)));
            }
        }
        if (baseline != null) {
            baselineRows(results, baseline, current, earlier, clientCounts, perLevel, machine);
        }
        results.note("HTTP ingest: " + failed + " requests not acknowledged with 200 over the whole run.");
        results.note(machine.line("3. HTTP ingest" + (baseline == null ? "" : " and 3b. against " + baseline.name())
                + " (every start of the jar included)"));
        String name6 = "6. Start-up and memory (java -jar target/ckafka-migrator.jar, default JVM options)";
        results.add(name6, "start to /observe/health/ready 200", "ms", Stats.of(startup));
        results.add(name6, "resident memory (VmRSS) when ready", "MiB", Stats.of(rssReady));
        results.add(name6, "resident memory (VmRSS) peak during ingest", "MiB", Stats.of(rssPeak));
        if (heapUsed.stream().allMatch(h -> h > 0)) {
            results.add(name6, "heap used after ingest (jcmd GC.heap_info)", "MiB", Stats.of(heapUsed));
        }
    }

    /** 3b: per level, this build and the baseline, and their ratios paired per round. */
    private static void baselineRows(BenchResults results, Build baseline, Levels current, Levels earlier,
                                     int[] clientCounts, Duration perLevel, MachineLoad machine) {
        String busy = machine.busy() ? " (machine busy: ratio not a result)" : "";
        String name = "3b. HTTP ingest, single records: this build against " + baseline.name() + " (POST /topics/orders, "
                + "1 KiB records, " + perLevel.toSeconds() + " s per level, both jars started in every round, alternating)";
        for (int clients : clientCounts) {
            String level = clients + " client(s), ";
            results.add(name, level + "this build, records/s", "records/s", Stats.of(current.ingest.get(clients)));
            results.add(name, level + baseline.name() + ", records/s", "records/s", Stats.of(earlier.ingest.get(clients)));
            results.add(name, level + "this build, CPU of the app's JVM per record (JIT left out)", "µs",
                    Stats.of(current.appCpu.get(clients)));
            results.add(name, level + baseline.name() + ", CPU of the app's JVM per record (JIT left out)", "µs",
                    Stats.of(earlier.appCpu.get(clients)));
            results.add(name, level + "this build / " + baseline.name() + " records/s (paired per round)" + busy, "ratio",
                    Stats.ratios(current.ingest.get(clients), earlier.ingest.get(clients)), ">= 1.00", s -> s.median() >= 1.0);
            results.add(name, level + "this build / " + baseline.name() + " app CPU per record (paired per round)" + busy,
                    "ratio", Stats.ratios(current.appCpu.get(clients), earlier.appCpu.get(clients)));
        }
        results.note("3b: " + earlier.failed + " requests of " + baseline.name() + " not acknowledged with 200.");
    }

    /** Polls the jar's readiness until it answers 200, for at most {@code within}. */
    static void awaitReady(HttpClient http, JarProcess jar, int management, Duration within) throws InterruptedException {
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + management + "/observe/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (!jar.process().isAlive()) {
                throw new IllegalStateException("the jar exited while starting:\n" + jar.output());
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                // Not listening yet.
            }
            // Polled, not slept on a condition: 20 ms is the resolution of the start-up time.
            Thread.sleep(20);
        }
        throw new IllegalStateException("not ready within " + within.toSeconds() + " s:\n" + jar.output());
    }

    /** Heap in use per {@code jcmd <pid> GC.heap_info}, in MiB (0 if jcmd is not available). */
    private static double heapUsedMb(long pid) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process process = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "GC.heap_info")
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            process.waitFor();
            Matcher m = HEAP_USED.matcher(output);
            return m.find() ? Long.parseLong(m.group(2)) / 1024.0 : 0;
        } catch (Exception e) {
            return 0;
        }
    }
}
