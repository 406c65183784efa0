package io.ckafkamigrator.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.ckafkamigrator.support.HttpSink;
import io.ckafkamigrator.support.KafkaTestCluster;
import io.ckafkamigrator.support.RunningMigrator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.ConsumerGroupState;

import static org.awaitility.Awaitility.await;

/**
 * Benchmarks 4 and 5: ordered cutovers under continuous keyed load through HTTP (4 keys, one
 * request at a time), with both brokers at the real default
 * {@code group.initial.rebalance.delay.ms=3000}, in each of the four {@link HandoffCase}s: (a)
 * the cutover requested 3 s after the switch, (b) requested as soon as the switch answered,
 * (c) an {@code autoCutover=true} topic where only the switch is requested, (d) requested while
 * the legacy consumer still has a backlog (its sink held from before the switch until after
 * the request). Each case runs its own app with {@code cutovers} topics
 * ({@code bench-a-0}, ...), each with its own HTTP sink, cut over one after the other once
 * every waiting CKafka consumer has joined its group. Per case:
 * <ul>
 *   <li>{@code handoffPauseMs} and {@code deliveryGapMs} from the status;</li>
 *   <li>the sink's cross-check of the pause: from the cutover request sent (a, b), the switch
 *       request sent (c) or the drain target seen committed (d) to the first CKafka delivery;
 *       and of the gap: last legacy to first CKafka delivery;</li>
 *   <li>records lost, duplicated or out of key order at the sink (must be 0);</li>
 *   <li>(d) only, benchmark 5: {@code drainDetectionMs} from the history, and the legacy
 *       group's commits reaching the drain target (an admin client every 5 ms,
 *       {@link CommitWatch}) to MIGRATED in the status.</li>
 * </ul>
 */
final class HandoffBench {

    private static final String PAUSE_TARGET = "median ≤ 50 ms and p95 ≤ 100 ms";

    private final KafkaTestCluster legacy;
    private final KafkaTestCluster ckafka;

    HandoffBench(KafkaTestCluster legacy, KafkaTestCluster ckafka) {
        this.legacy = legacy;
        this.ckafka = ckafka;
    }

    void run(int cutovers, BenchResults results) throws Exception {
        int ingestFailures = 0;
        for (HandoffCase kase : HandoffCase.values()) {
            List<OrderedCutover.Figures> figures = runCase(kase, cutovers);
            report(kase, figures, results);
            ingestFailures += figures.stream().mapToInt(OrderedCutover.Figures::ingestFailures).sum();
        }
        results.note("Handoff cases (a)-(d): " + ingestFailures + " ingest requests of the keyed load not answered "
                + "with 200 over " + HandoffCase.values().length * cutovers + " cutovers.");
    }

    /** One app with {@code cutovers} topics of the case, cut over one after the other. */
    private List<OrderedCutover.Figures> runCase(HandoffCase kase, int cutovers) throws Exception {
        Path routes = Files.createTempDirectory("bench-routes-" + kase.letter() + "-");
        List<HttpSink> sinks = new ArrayList<>();
        List<String> topics = new ArrayList<>();
        List<OrderedCutover.Figures> figures = new ArrayList<>();
        legacy.recreateTopic("orders", 3, "orders-consumer");
        legacy.commitAtEnd("orders-consumer", "orders");
        ckafka.recreateTopic("orders", 3, "orders-consumer-ckafka");
        try (HttpSink ordersSink = new HttpSink(); Admin legacyAdmin = legacy.admin(); Admin ckafkaAdmin = ckafka.admin()) {
            for (int i = 0; i < cutovers; i++) {
                HttpSink sink = new HttpSink();
                sinks.add(sink);
                String topic = kase.topic(i);
                topics.add(topic);
                legacy.recreateTopic(topic, 3, topic + "-consumer");
                legacy.commitAtEnd(topic + "-consumer", topic);
                ckafka.recreateTopic(topic, 3, topic + "-consumer-ckafka");
                Files.writeString(routes.resolve(topic + ".yaml"), topicFile(topic, sink.uri(), kase.autoCutover()));
            }
            Map<String, String> overrides = new HashMap<>(RunningMigrator.overrides(legacy, ckafka, ordersSink));
            overrides.put("camel.main.routes-include-pattern", "file:routes/**/*.yaml,file:" + routes + "/*.yaml");
            try (RunningMigrator app = RunningMigrator.start(overrides)) {
                List<String> groups = topics.stream().map(t -> t + "-consumer-ckafka").toList();
                await().atMost(120, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(200))
                        .until(() -> stableWithMembers(ckafkaAdmin, groups));
                for (int i = 0; i < cutovers; i++) {
                    OrderedCutover.Figures f = new OrderedCutover(app, legacy, legacyAdmin, kase, topics.get(i),
                            sinks.get(i)).run();
                    figures.add(f);
                    print(kase, i, f);
                }
            }
        } finally {
            sinks.forEach(HttpSink::close);
        }
        return figures;
    }

    private static void report(HandoffCase kase, List<OrderedCutover.Figures> figures, BenchResults results) {
        String name = "4" + kase.letter() + ". Handoff, case (" + kase.letter() + "): " + kase.description() + " ("
                + figures.size() + " ordered cutovers under load, group.initial.rebalance.delay.ms=3000)";
        results.add(name, "(" + kase.letter() + ") handoffPauseMs in the status (handoff could start -> first "
                + "CKafka delivery)", "ms", stats(figures, OrderedCutover.Figures::handoffPauseMs), PAUSE_TARGET,
                s -> s.median() <= 50 && s.p95() <= 100);
        results.add(name, "(" + kase.letter() + ") deliveryGapMs in the status (last legacy -> first CKafka "
                + "delivery)", "ms", stats(figures, OrderedCutover.Figures::deliveryGapMs));
        results.add(name, "(" + kase.letter() + ") " + sinkStart(kase) + " -> first CKafka delivery, at the sink",
                "ms", stats(figures, OrderedCutover.Figures::sinkFromStartMs));
        results.add(name, "(" + kase.letter() + ") last legacy -> first CKafka delivery, at the sink", "ms",
                stats(figures, OrderedCutover.Figures::sinkGapMs));
        results.add(name, "(" + kase.letter() + ") records lost, duplicated or out of key order, per cutover",
                "records", stats(figures, f -> (double) f.violations()), "0", s -> s.max() == 0);
        if (kase == HandoffCase.BACKLOG) {
            String name5 = "5. Drain detection, case (d): the cutovers of 4d";
            results.add(name5, "(d) drainDetectionMs in the history (legacy commit reached the drain target -> "
                    + "MIGRATED saved)", "ms", stats(figures, OrderedCutover.Figures::drainDetectionMs),
                    "median ≤ 30 ms", s -> s.median() <= 30);
            results.add(name5, "(d) drain target seen committed (admin client, every 5 ms) -> MIGRATED in the status",
                    "ms", stats(figures, OrderedCutover.Figures::commitToMigratedMs));
        }
    }

    /** Where the sink's cross-check of the pause starts, as the harness sees it. */
    private static String sinkStart(HandoffCase kase) {
        return switch (kase) {
            case LATE_REQUEST, PROMPT_REQUEST -> "cutover request sent";
            case AUTO_CUTOVER -> "switch request sent";
            case BACKLOG -> "drain target seen committed (admin client, every 5 ms)";
        };
    }

    /** The figure over the cutovers that have it; a figure left null by every cutover shows as NaN. */
    private static Stats stats(List<OrderedCutover.Figures> figures, Function<OrderedCutover.Figures, Double> figure) {
        List<Double> samples = figures.stream().map(figure).filter(Objects::nonNull).toList();
        return samples.isEmpty() ? Stats.of(List.of(Double.NaN)) : Stats.of(samples);
    }

    private static void print(HandoffCase kase, int index, OrderedCutover.Figures f) {
        System.out.printf(Locale.ROOT, "[bench] (%s) cutover %d %s: handoffPauseMs %s, deliveryGapMs %s, "
                        + "drainDetectionMs %s (status and history); at the sink: %s -> first CKafka %.0f ms, "
                        + "last legacy -> first CKafka %.0f ms; drain target seen committed -> MIGRATED %s ms; "
                        + "violations %d, ingest failures %d%n", kase.letter(), index + 1, kase.topic(index),
                f.handoffPauseMs(), f.deliveryGapMs(), f.drainDetectionMs(), sinkStart(kase), f.sinkFromStartMs(),
                f.sinkGapMs(), f.commitToMigratedMs(), f.violations(), f.ingestFailures());
    }

    private static boolean stableWithMembers(Admin admin, Collection<String> groups) throws Exception {
        Map<String, ConsumerGroupDescription> descriptions = admin.describeConsumerGroups(groups).all()
                .get(10, TimeUnit.SECONDS);
        return descriptions.values().stream()
                .allMatch(d -> d.state() == ConsumerGroupState.STABLE && !d.members().isEmpty());
    }

    private static String topicFile(String topic, String sink, boolean autoCutover) {
        return """
                - templatedRoute:
                    routeTemplateRef: migrated-topic-producer
                    routeId: %1$s-producer
                    parameters:
                      - {name: name, value: %1$s}
                      - {name: source, value: "direct:%1$s"}
                      - {name: legacyTopic, value: %1$s}
                      - {name: ckafkaTopic, value: %1$s}
                - templatedRoute:
                    routeTemplateRef: migrated-topic-legacy-consumer
                    routeId: %1$s-legacy-consumer
                    parameters:
                      - {name: name, value: %1$s}
                      - {name: legacyTopic, value: %1$s}
                      - {name: legacyGroup, value: %1$s-consumer}
                      - {name: sink, value: "%2$s"}
                - templatedRoute:
                    routeTemplateRef: migrated-topic-ckafka-consumer
                    routeId: %1$s-ckafka-consumer
                    parameters:
                      - {name: name, value: %1$s}
                      - {name: ckafkaTopic, value: %1$s}
                      - {name: ckafkaGroup, value: %1$s-consumer-ckafka}
                      - {name: sink, value: "%2$s"}
                      - {name: ordering, value: ordered}
                      - {name: autoCutover, value: "%3$s"}
                """.formatted(topic, sink, autoCutover);
    }
}
