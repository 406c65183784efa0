package io.ckafkamigrator.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.ckafkamigrator.camel.WakeableConsumer;
import io.ckafkamigrator.support.KafkaTestCluster;
import io.ckafkamigrator.support.TwoClusters;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.DefaultKafkaClientFactory;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.kafka.consumer.errorhandler.KafkaConsumerListener;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.ConsumerGroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import static org.awaitility.Awaitility.await;

/**
 * How an ordered topic's CKafka consumer can wait in its group until the handoff, side by side
 * and alternating per round on one in-JVM broker: (A) a suspended route, resumed at the handoff
 * (camel-kafka pauses a suspended consumer's partitions); (B) the pausable EIP's listener,
 * pausing the partitions after each poll until a flag is set; (C) B plus a consumer whose poll
 * the handoff wakes (the design of {@code WaitingConsumerListener}, with the production {@link WakeableConsumer}).
 * Each round: a fresh 1-partition topic holding 20 records, a fresh group committed at offset 0
 * (no auto commit, so a resumed A seeks back to what it may have delivered before its pause took
 * effect), the handoff once the member holds its partition, at a random point of its poll; then
 * the time to the first delivery. Once per approach, a 15 s wait past
 * {@code max.poll.interval.ms=10000}, and the CPU of its first 10 s (the whole JVM, broker included,
 * and the consumer's poll and heartbeat threads). Measures, asserts nothing.
 * Written to {@code target/bench/waiting-alternatives.md}. Not part of {@code ./mvnw verify}; run
 * with {@value #COMMAND} (the {@code it.test} property overrides the profile's include of the
 * harness). Overrides: {@code -Dbench.waiting.rounds=20 -Dbench.note="..."}.
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class WaitingConsumerAlternativesBench {

    static final String COMMAND = "./mvnw -B -o verify -Pbench -Dit.test=WaitingConsumerAlternativesBench";
    private static final int RECORDS = 20;
    private static final String ROUTE = "waiting";

    private enum Way { SUSPENDED_ROUTE, LISTENER, LISTENER_AND_WAKEUP }

    /** One approach; per round: handoff to first delivery, records delivered while waiting, or after a failed join. */
    private record Approach(String name, Way way, int pollMs, List<Double> handoffMs, List<Integer> leaked,
                            List<Integer> neverJoined) {
        Approach(String name, Way way, int pollMs) {
            this(name, way, pollMs, new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        }
    }

    private final Random phase = new Random(11);
    private KafkaTestCluster ckafka;
    private Admin admin;
    private int topics;

    @Test
    void compareWaitingConsumers() throws Exception {
        String loadBefore = uptime();
        int rounds = Integer.getInteger("bench.waiting.rounds", 20);
        List<Approach> approaches = List.of(
                new Approach("A suspended route", Way.SUSPENDED_ROUTE, 1000),
                new Approach("A suspended route", Way.SUSPENDED_ROUTE, 100),
                new Approach("B pausable listener", Way.LISTENER, 1000),
                new Approach("B pausable listener", Way.LISTENER, 100),
                new Approach("C listener + wakeup", Way.LISTENER_AND_WAKEUP, 1000));
        StringBuilder md = new StringBuilder("# Waiting CKafka consumer: alternatives\n\n| approach | poll timeout | handoff → "
                + "first delivery, ms: median / p95 / max | rounds that delivered while waiting (records) | rounds that "
                + "never joined (records delivered in the 10 s after the handoff) | JVM CPU ms per "
                + "waiting s | consumer threads CPU ms per waiting s | same member after a 15 s wait (max.poll.interval.ms "
                + "10000) | handoff → first delivery after it, ms |\n|---|---|---|---|---|---|---|---|---|\n");
        try (KafkaTestCluster cluster = TwoClusters.embedded("ckafka", Map.of(), 0); Admin clusterAdmin = cluster.admin()) {
            ckafka = cluster;
            admin = clusterAdmin;
            double[] idle = cpuMsPerSecond(Duration.ofSeconds(10), "no-consumer");
            for (int round = 0; round < rounds; round++) {
                for (Approach a : approaches) {
                    try (Waiting waiting = new Waiting(a)) {
                        if (!waiting.awaitHolding()) {
                            waiting.handoffMs(Duration.ofSeconds(10));
                            a.neverJoined().add(waiting.after);
                            continue;
                        }
                        Thread.sleep(phase.nextInt(1000)); // a handoff at a random point of the poll
                        a.leaked().add(waiting.before);
                        a.handoffMs().add(waiting.handoffMs(Duration.ofSeconds(30)));
                    }
                }
            }
            for (Approach a : approaches) {
                Stats s = Stats.of(a.handoffMs().isEmpty() ? List.of(Double.NaN) : a.handoffMs());
                try (Waiting waiting = holding(a)) {
                    Set<String> member = waiting.memberIds();
                    double[] cpu = cpuMsPerSecond(Duration.ofSeconds(10), waiting.topic);
                    Thread.sleep(5000); // 15 s in all: past max.poll.interval.ms
                    Set<String> after = waiting.memberIds();
                    md.append(String.format("| %s | %d ms | %.0f / %.0f / %.0f (%d rounds) | %d of %d (%d) | %d (%d) | %.1f "
                            + "| %.2f | %s | %.0f |%n", a.name(), a.pollMs(), s.median(), s.p95(), s.max(), s.samples().size(),
                            a.leaked().stream().filter(n -> n > 0).count(), a.leaked().size(),
                            a.leaked().stream().mapToInt(n -> n).sum(), a.neverJoined().size(),
                            a.neverJoined().stream().mapToInt(n -> n).sum(), cpu[0], cpu[1],
                            after.equals(member) ? "yes" : "no: " + member + " → " + after,
                            waiting.handoffMs(Duration.ofSeconds(30))));
                }
            }
            md.append(String.format("%n%d rounds per approach, alternating, each on a fresh topic and group; %d records "
                    + "in the topic before the consumer starts. JVM CPU with the broker idle and no consumer: "
                    + "%.1f ms per s (the broker runs in the same JVM). Each round waits for all %d records after the "
                    + "handoff: A's resume seeks back to the committed offset 0, so what it delivered while waiting is "
                    + "delivered twice.%n", rounds, RECORDS, idle[0], RECORDS));
        }
        md.append("\nMachine load (uptime) before: ").append(loadBefore).append("  \nafter: ").append(uptime()).append('\n');
        md.append(System.getProperty("bench.note", "")).append("\n\nCommand: `").append(COMMAND).append("`\n");
        Path out = Path.of("target", "bench", "waiting-alternatives.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, md);
        System.out.println(md);
    }

    /** One consumer route waiting on a topic and group of its own, and the handoff of its approach. */
    private final class Waiting implements AutoCloseable {
        final Approach approach;
        final String topic = "waiting-" + topics++;
        final String group = topic + "-group";
        final CamelContext camel = new DefaultCamelContext();
        final AtomicBoolean handedOff = new AtomicBoolean();
        volatile boolean held;
        volatile WakeableConsumer<Object, Object> wakeable;
        volatile long handoffNanos;
        volatile long firstAfterNanos;
        volatile int before;
        volatile int after;

        Waiting(Approach approach) throws Exception {
            this.approach = approach;
            TopicPartition tp = new TopicPartition(topic, 0);
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", ckafka.bootstrapServers()),
                    new StringSerializer(), new StringSerializer())) {
                for (int i = 0; i < RECORDS; i++) {
                    producer.send(new ProducerRecord<>(topic, "k", "v" + i));
                }
            }
            admin.alterConsumerGroupOffsets(group, Map.of(tp, new OffsetAndMetadata(0))).all().get(30, TimeUnit.SECONDS);
            KafkaComponent kafka = new KafkaComponent();
            kafka.getConfiguration().setBrokers(ckafka.bootstrapServers());
            if (approach.way() == Way.LISTENER_AND_WAKEUP) {
                kafka.setKafkaClientFactory(new DefaultKafkaClientFactory() {
                    @Override
                    public Consumer getConsumer(Properties props) {
                        wakeable = new WakeableConsumer<>(props);
                        return wakeable;
                    }
                });
            }
            camel.addComponent("kafka", kafka);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    RouteDefinition route = from("kafka:" + topic + "?groupId=" + group + "&autoOffsetReset=earliest"
                            + "&autoCommitEnable=false&maxPollIntervalMs=10000&pollTimeoutMs=" + approach.pollMs())
                            .routeId(ROUTE).autoStartup(false);
                    (approach.way() == Way.SUSPENDED_ROUTE ? route : route.pausable(new KafkaConsumerListener() {
                        @Override
                        public boolean afterConsume(Object polled) {
                            return holdUntilHandoff((Consumer<?, ?>) polled);
                        }
                    }, ignored -> true)).process(e -> delivered());
                }
            });
            camel.start();
            camel.getRouteController().startRoute(ROUTE);
            if (approach.way() == Way.SUSPENDED_ROUTE) {
                camel.getRouteController().suspendRoute(ROUTE);
            }
        }

        /**
         * Whether the member came to hold its partition with its pause in effect (then one more poll
         * timeout to settle). A route suspended before its poll task first ran never does: the task
         * sees the route suspended and ends, and nothing starts it again.
         */
        boolean awaitHolding() throws Exception {
            try {
                await().atMost(20, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(20)).ignoreExceptions().until(() -> {
                    boolean paused = approach.way() == Way.SUSPENDED_ROUTE
                            ? ((org.apache.camel.component.kafka.KafkaConsumer) camel.getRoute(ROUTE).getConsumer()).isKafkaPaused()
                            : held;
                    ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
                    return paused && d.state() == ConsumerGroupState.STABLE && d.members().size() == 1 && d.members()
                            .iterator().next().assignment().topicPartitions().contains(new TopicPartition(topic, 0));
                });
            } catch (ConditionTimeoutException e) {
                if (!memberIds().isEmpty()) {
                    throw new IllegalStateException(approach + ": joined " + group + " but did not come to hold its partition", e);
                }
                return false;
            }
            Thread.sleep(approach.pollMs() + 200L);
            return true;
        }

        /** B and C, after each poll: keeps the partitions paused at offset 0 until the handoff, then resumes them. */
        boolean holdUntilHandoff(Consumer<?, ?> consumer) {
            if (handedOff.get()) {
                consumer.resume(consumer.paused());
                return true;
            }
            consumer.pause(consumer.assignment());
            // A poll that fetched before the pause moved past its records: back to where the consumer waits.
            consumer.assignment().stream().filter(tp -> consumer.position(tp) != 0).forEach(tp -> consumer.seek(tp, 0));
            held = !consumer.assignment().isEmpty();
            return false;
        }

        Set<String> memberIds() throws Exception {
            return Set.copyOf(admin.describeConsumerGroups(List.of(group)).all().get().get(group).members().stream()
                    .map(m -> m.consumerId()).toList());
        }

        /** The handoff of this approach, and the time from it to the first record delivered (NaN: none within {@code atMost}). */
        double handoffMs(Duration atMost) throws Exception {
            handoffNanos = System.nanoTime();
            switch (approach.way()) {
                case SUSPENDED_ROUTE -> camel.getRouteController().resumeRoute(ROUTE);
                case LISTENER -> handedOff.set(true);
                case LISTENER_AND_WAKEUP -> {
                    handedOff.set(true);
                    wakeable.wakeForHandoff();
                }
            }
            try {
                await().atMost(atMost).pollInterval(Duration.ofMillis(5)).until(() -> after >= RECORDS);
            } catch (ConditionTimeoutException e) {
                // Reported by the caller: fewer records, or none.
            }
            return after == 0 ? Double.NaN : (firstAfterNanos - handoffNanos) / 1e6;
        }

        /** Counts deliveries before the handoff (leaked) and after it, and when the first after it came. */
        synchronized void delivered() {
            if (handoffNanos == 0) {
                before++;
            } else if (after++ == 0) {
                firstAfterNanos = System.nanoTime();
            }
        }

        @Override
        public void close() throws Exception {
            camel.close();
            admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        }
    }

    /** The long wait needs a member that joined: A's may not (see {@link Waiting#awaitHolding}). */
    private Waiting holding(Approach approach) throws Exception {
        for (int attempt = 1; ; attempt++) {
            Waiting waiting = new Waiting(approach);
            if (waiting.awaitHolding() || attempt == 3) {
                return waiting;
            }
            waiting.close();
        }
    }

    /** CPU ms per second over {@code window}: the whole JVM, and the threads of the consumer of {@code topic}. */
    private static double[] cpuMsPerSecond(Duration window, String topic) throws InterruptedException {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long process = os.getProcessCpuTime();
        long threads = threadCpu(topic);
        Thread.sleep(window.toMillis()); // the consumer waits idle: nothing else to wait for
        double seconds = window.toMillis() / 1000.0;
        return new double[] {(os.getProcessCpuTime() - process) / 1e6 / seconds, (threadCpu(topic) - threads) / 1e6 / seconds};
    }

    /** The consumer's threads: Camel's poll thread names the topic, the heartbeat thread the group. */
    private static long threadCpu(String topic) {
        var mx = ManagementFactory.getThreadMXBean();
        return Arrays.stream(mx.getThreadInfo(mx.getAllThreadIds())).filter(Objects::nonNull)
                .filter(t -> t.getThreadName().endsWith("[" + topic + "]") || t.getThreadName().endsWith("| " + topic + "-group"))
                .mapToLong(t -> Math.max(0, mx.getThreadCpuTime(t.getThreadId()))).sum();
    }

    private static String uptime() throws Exception {
        return new String(new ProcessBuilder("uptime").start().getInputStream().readAllBytes()).trim();
    }
}
