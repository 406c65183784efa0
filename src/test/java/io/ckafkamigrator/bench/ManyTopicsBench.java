package io.ckafkamigrator.bench;

import java.lang.management.ManagementFactory;
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
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import io.ckafkamigrator.support.ApiUsers;
import io.ckafkamigrator.support.HttpCalls;
import io.ckafkamigrator.support.JarProcess;
import io.ckafkamigrator.support.KafkaTestCluster;
import io.ckafkamigrator.support.PrometheusScrape;
import io.ckafkamigrator.support.RunningMigrator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Benchmark 7: a hundred topics on one instance, the packaged jar against the harness's
 * brokers (default JVM options). Per round: start to ready, resident memory when ready; the
 * calls the app sends the clusters per monitor tick (its own counters) and the requests the
 * brokers received per second (their request metrics), with every topic in LEGACY and again
 * with every topic DRAINING; the span of one monitor tick over all draining topics;
 * {@code switch-producer?topics=*} and {@code cutover?topics=*&wait=120}, under keyed HTTP
 * load on ten of the topics. A round with ten topics shows what the figures owe to the count.
 */
final class ManyTopicsBench {

    private static final Pattern PHASE = Pattern.compile("\"phase\":\"([A-Z_]+)\"");
    private static final String CALLS = "ckafka_migrator_cluster_calls_total";
    private static final Duration MEASURE = Duration.ofSeconds(10);

    private final KafkaTestCluster legacy;
    private final KafkaTestCluster ckafka;
    private final HttpClient http = HttpCalls.newClient();

    ManyTopicsBench(KafkaTestCluster legacy, KafkaTestCluster ckafka) {
        this.legacy = legacy;
        this.ckafka = ckafka;
    }

    /** What one round measured. */
    private record Round(double readyMs, double rssMb, double legacyCallsPerTick, double legacyRequestsPerTick,
                         double drainingCallsPerTick, double drainingRequestsPerTick, List<Double> tickMs,
                         double switchMs, double cutoverMs, long ingested, long ingestFailed) {
    }

    void run(int rounds, int topics, BenchResults results) throws Exception {
        Map<Integer, List<Round>> byCount = new LinkedHashMap<>();
        byCount.put(10, new ArrayList<>());
        byCount.put(topics, new ArrayList<>());
        int generation = 0;
        for (int count : byCount.keySet()) {
            int n = count == 10 ? 1 : rounds;
            for (int round = 0; round < n; round++) {
                Round measured = round(count, generation++);
                byCount.get(count).add(measured);
                System.out.printf("[bench] many topics, %d topics, round %d: ready %.0f ms, RSS %.0f MiB, calls/tick LEGACY %.2f"
                                + " DRAINING %.2f, broker read requests/tick LEGACY %.2f DRAINING %.2f, tick median %.1f ms, switch %.0f ms,"
                                + " cutover %.0f ms, ingested %d (%d failed)%n", count, round + 1, measured.readyMs(),
                        measured.rssMb(), measured.legacyCallsPerTick(), measured.drainingCallsPerTick(),
                        measured.legacyRequestsPerTick(), measured.drainingRequestsPerTick(),
                        Stats.of(measured.tickMs()).median(), measured.switchMs(), measured.cutoverMs(), measured.ingested(),
                        measured.ingestFailed());
            }
        }
        String name = "7. Many topics on one instance (topics x 3 partitions, packaged jar, default JVM options, keyed HTTP"
                + " load on 10 topics)";
        for (var entry : byCount.entrySet()) {
            String of = entry.getKey() + " topics: ";
            List<Round> measured = entry.getValue();
            add(results, name, of + "start to /observe/health/ready 200", "ms", stats(measured, Round::readyMs),
                    entry.getKey() == topics ? "≤ 15000" : null, s -> s.median() <= 15_000);
            add(results, name, of + "resident memory (VmRSS) when ready", "MiB", stats(measured, Round::rssMb),
                    entry.getKey() == topics ? "≤ 400" : null, s -> s.median() <= 400);
            results.add(name, of + "cluster calls per monitor tick, every topic LEGACY", "calls", stats(measured, Round::legacyCallsPerTick));
            results.add(name, of + "cluster calls per monitor tick, every topic DRAINING", "calls",
                    stats(measured, Round::drainingCallsPerTick));
            results.add(name, of + "read requests the brokers received per monitor tick, every topic LEGACY", "requests",
                    stats(measured, Round::legacyRequestsPerTick));
            results.add(name, of + "read requests the brokers received per monitor tick, every topic DRAINING", "requests",
                    stats(measured, Round::drainingRequestsPerTick));
            List<Double> ticks = new ArrayList<>();
            measured.forEach(r -> ticks.addAll(r.tickMs()));
            add(results, name, of + "one monitor tick over every DRAINING topic (gauge sampled 4/s)", "ms", Stats.of(ticks),
                    entry.getKey() == topics ? "≤ 100" : null, s -> s.median() <= 100);
            add(results, name, of + "POST switch-producer?topics=*", "ms", stats(measured, Round::switchMs),
                    entry.getKey() == topics ? "≤ 5000" : null, s -> s.median() <= 5_000);
            add(results, name, of + "POST cutover?topics=*&wait=120, every topic drained before, to all MIGRATED", "ms",
                    stats(measured, Round::cutoverMs), entry.getKey() == topics ? "≤ 10000" : null, s -> s.median() <= 10_000);
        }
        results.note("Many topics: cluster calls are the app's own counters (" + CALLS + ", one call of a kind carries every"
                + " topic's read of that kind asked at the time); read requests are both brokers' request metrics of the kinds"
                + " the reads send (" + new java.util.TreeSet<>(READ_REQUESTS) + "), the consumers' fetches and heartbeats left out."
                + " A LEGACY topic reads what its switch needs every 2 s, a draining one its group every tick.");
    }

    /** A row with its target for the full count of topics, without one for the comparison round. */
    private static void add(BenchResults results, String name, String measure, String unit, Stats stats, String target,
                            java.util.function.Predicate<Stats> meets) {
        if (target == null) {
            results.add(name, measure, unit, stats);
        } else {
            results.add(name, measure, unit, stats, target, meets);
        }
    }

    private static Stats stats(List<Round> rounds, java.util.function.ToDoubleFunction<Round> of) {
        return Stats.of(rounds.stream().map(r -> of.applyAsDouble(r)).toList());
    }

    private Round round(int count, int generation) throws Exception {
        List<String> topics = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            topics.add(String.format("m%d-t%03d", generation, i));
        }
        createTopics(topics);
        Path routes = routes(topics);
        List<String> properties = new ArrayList<>(List.of(
                "migration.embedded.enabled=false",
                "legacy.bootstrap-servers=" + legacy.bootstrapServers(),
                "ckafka.bootstrap-servers=" + ckafka.bootstrapServers()));
        int port = RunningMigrator.freePort();
        int management = RunningMigrator.freePortOtherThan(port);
        properties.add("camel.server.port=" + port);
        properties.add("camel.management.port=" + management);
        properties.add("migration.state-dir=" + Files.createTempDirectory("bench-many-state-"));
        topics.forEach(t -> properties.add("migration.sink." + t + "=log:" + t + "?level=OFF"));
        long start = System.nanoTime();
        try (JarProcess jar = JarProcess.start(properties, "--routes", routes.toString());
             MemorySampler memory = new MemorySampler(jar.process().pid(), 100)) {
            JarBench.awaitReady(http, jar, management, Duration.ofSeconds(180));
            double readyMs = (System.nanoTime() - start) / 1e6;
            double rss = memory.rssKb() / 1024.0;
            // Keyed load on ten topics, one HTTP client each, for the rest of the round.
            List<Thread> load = new ArrayList<>();
            long[] ingested = new long[2];
            byte[] value = Preload.value(new Random(7));
            for (String topic : topics.subList(0, Math.min(10, topics.size()))) {
                Thread thread = new Thread(() -> {
                    try {
                        IngestClients.Result r = IngestClients.run(port, topic, 1, Duration.ofSeconds(45), value);
                        synchronized (ingested) {
                            ingested[0] += r.acknowledged();
                            ingested[1] += r.failed();
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "many-topics-load-" + topic);
                thread.start();
                load.add(thread);
            }
            double[] legacyCost = callsAndRequests(management);
            long switchStart = System.nanoTime();
            String switched = post(port, "/api/migrations/switch-producer?topics=*");
            double switchMs = (System.nanoTime() - switchStart) / 1e6;
            requireEvery(switched, "DRAINING", count);
            double[] drainingCost = callsAndRequests(management);
            List<Double> tickMs = tickSpans(management);
            long cutoverStart = System.nanoTime();
            String cutover = post(port, "/api/migrations/cutover?topics=*&wait=120");
            double cutoverMs = (System.nanoTime() - cutoverStart) / 1e6;
            requireEvery(cutover, "MIGRATED", count);
            for (Thread thread : load) {
                thread.join(120_000);
            }
            long stopStart = System.nanoTime();
            jar.terminate(180);
            System.out.printf("[bench] many topics, %d topics: stopped %.0f ms after SIGTERM%n", count, (System.nanoTime() - stopStart) / 1e6);
            return new Round(readyMs, rss, legacyCost[0], legacyCost[1], drainingCost[0], drainingCost[1], tickMs, switchMs,
                    cutoverMs, ingested[0], ingested[1]);
        }
    }

    private void createTopics(List<String> topics) throws Exception {
        for (KafkaTestCluster cluster : List.of(legacy, ckafka)) {
            try (Admin admin = cluster.admin()) {
                admin.createTopics(topics.stream().map(t -> new NewTopic(t, 3, (short) 1)).toList()).all()
                        .get(60, TimeUnit.SECONDS);
            }
        }
        topics.forEach(t -> legacy.commitAtEnd(t + "-consumer", t));
    }

    /** The app's route files with one topic file per topic, made from routes/topics/orders.yaml. */
    private static Path routes(List<String> topics) throws Exception {
        Path dir = Files.createTempDirectory("bench-many-routes-");
        for (String file : List.of("control.yaml", "http-api.yaml", "ingest.yaml")) {
            Files.copy(Path.of("routes", file), dir.resolve(file));
        }
        Files.createDirectories(dir.resolve("templates"));
        try (var templates = Files.list(Path.of("routes", "templates"))) {
            for (Path template : templates.toList()) {
                Files.copy(template, dir.resolve("templates").resolve(template.getFileName()));
            }
        }
        Files.createDirectories(dir.resolve("topics"));
        String orders = Files.readString(Path.of("routes", "topics", "orders.yaml"));
        for (String topic : topics) {
            Files.writeString(dir.resolve("topics").resolve(topic + ".yaml"), orders.replace("orders", topic));
        }
        return dir;
    }

    /**
     * Over {@link #MEASURE}: the app's cluster calls and the read requests both brokers received,
     * per monitor tick (a tick every 100 ms).
     */
    private double[] callsAndRequests(int management) throws Exception {
        double callsBefore = calls(management);
        long requestsBefore = brokerRequests();
        long start = System.nanoTime();
        Thread.sleep(MEASURE.toMillis()); // a fixed measuring window, not a wait for a condition
        double seconds = (System.nanoTime() - start) / 1e9;
        double calls = calls(management) - callsBefore;
        long requests = brokerRequests() - requestsBefore;
        return new double[] {calls / (seconds * 10), requests / (seconds * 10)};
    }

    /** The last monitor tick's span, sampled four times a second over {@link #MEASURE}. */
    private List<Double> tickSpans(int management) throws Exception {
        List<Double> spans = new ArrayList<>();
        long end = System.nanoTime() + MEASURE.toNanos();
        while (System.nanoTime() < end) {
            double seconds = PrometheusScrape.of(scrape(management)).get("ckafka_migrator_monitor_round_seconds");
            if (!Double.isNaN(seconds)) {
                spans.add(seconds * 1000);
            }
            Thread.sleep(250); // the sampling period of the gauge
        }
        return spans;
    }

    private double calls(int management) throws Exception {
        return PrometheusScrape.of(scrape(management)).lines(CALLS).stream()
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    /**
     * Requests of the kinds the app's offset reads send that both in-JVM brokers of the harness
     * received so far (one shared metrics registry); the consumers' fetches, heartbeats and
     * commits are left out.
     */
    private static long brokerRequests() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        long total = 0;
        Set<ObjectName> names = server.queryNames(new ObjectName("kafka.network:type=RequestMetrics,name=RequestsPerSec,*"), null);
        for (ObjectName name : names) {
            if (READ_REQUESTS.contains(name.getKeyProperty("request"))) {
                total += ((Number) server.getAttribute(name, "Count")).longValue();
            }
        }
        return total;
    }

    /** The request kinds of the admin client's reads: topic descriptions, offsets, group offsets and members. */
    private static final Set<String> READ_REQUESTS = Set.of("Metadata", "DescribeCluster", "DescribeTopicPartitions",
            "ListOffsets", "FindCoordinator", "OffsetFetch", "DescribeGroups", "ConsumerGroupDescribe");

    private String scrape(int management) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + management + "/observe/metrics"))
                .timeout(Duration.ofSeconds(10)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    private String post(int port, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", ApiUsers.operator()).timeout(Duration.ofSeconds(180))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** Every topic of the batch answer is in {@code phase}. */
    private static void requireEvery(String answer, String phase, int topics) {
        Map<String, Integer> phases = new TreeMap<>();
        Matcher m = PHASE.matcher(answer);
        while (m.find()) {
            phases.merge(m.group(1), 1, Integer::sum);
        }
        if (phases.getOrDefault(phase, 0) != topics) {
            throw new IllegalStateException("expected " + topics + " topics " + phase + ", the answer had " + phases + ": "
                    + answer.substring(0, Math.min(answer.length(), 2000)));
        }
    }
}
