package io.ckafkamigrator.core;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures every topic's lag, backlog and stray writes on a thread of its own, so that neither
 * a metrics scrape nor a Kafka consumer thread ever waits for a cluster. Keeps the last
 * {@link TopicSample} per topic; a failed sample keeps the previous one, counts an error and
 * never throws (the sample's age shows how stale it is).
 *
 * <p>While a topic drains, the monitor already measures the legacy group every 100 ms: its
 * last {@link DrainReport} is used instead of asking the legacy cluster again.
 */
public final class MetricsSampler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MetricsSampler.class);
    /** Samples the drain rate is measured over: 20 s at the default 2 s interval. */
    static final int RATE_WINDOW = 10;

    private final MigrationControl control;
    private final ClusterOffsets legacy;
    private final ClusterOffsets ckafka;
    private final RecordCounts delivered;
    private final Clock clock;
    private final Map<String, TopicSample> latest = new ConcurrentHashMap<>();
    private final Map<String, DrainEta> etas = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
    private final Map<String, String> lastErrors = new ConcurrentHashMap<>();
    /** The last rate of each topic's {@link DrainEta}, for readers on other threads (the preflight). */
    private final Map<String, Double> rates = new ConcurrentHashMap<>();
    private volatile Consumer<TopicSample> listener = sample -> { };
    private ScheduledExecutorService thread;

    /** @param delivered records delivered per topic and consumer route: the legacy group's consumption rate */
    public MetricsSampler(MigrationControl control, ClusterOffsets legacy, ClusterOffsets ckafka, RecordCounts delivered,
                          Clock clock) {
        this.control = control;
        this.legacy = legacy;
        this.ckafka = ckafka;
        this.delivered = delivered;
        this.clock = clock;
        control.topics().forEach(t -> {
            errors.put(t.name(), new AtomicLong());
            etas.put(t.name(), new DrainEta(RATE_WINDOW));
        });
    }

    /** Called on the sampler thread after each successful sample of a topic. */
    public void onSample(Consumer<TopicSample> listener) {
        this.listener = Objects.requireNonNull(listener);
    }

    /** Samples every {@code interval} on a daemon thread of its own, the first at once. */
    public synchronized void start(Duration interval) {
        if (thread != null) {
            throw new IllegalStateException("the metrics sampler is already started");
        }
        thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "migration-metrics-sampler");
            t.setDaemon(true);
            return t;
        });
        thread.scheduleWithFixedDelay(this::sampleAll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * One round over every topic; a topic that fails does not stop the others. What the round
     * reads of each cluster is read for all topics together ({@link ClusterOffsets#groupOffsetsOf}):
     * its round trips do not grow with the number of topics.
     */
    public void sampleAll() {
        List<Planned> plans = new ArrayList<>();
        for (TopicConfig topic : control.topics()) {
            MigrationState state = control.state(topic.name());
            plans.add(new Planned(topic, state, control.lastDrainReport(topic.name())));
        }
        Map<GroupTopic, Reading<GroupOffsets>> legacyRead = readAll(legacy, plans.stream()
                .filter(Planned::readsLegacy).map(p -> p.legacyGroup()).toList());
        Map<GroupTopic, Reading<GroupOffsets>> ckafkaRead = readAll(ckafka, plans.stream()
                .filter(Planned::readsCkafka).map(p -> p.ckafkaGroup()).toList());
        for (Planned plan : plans) {
            String name = plan.topic().name();
            try {
                TopicSample sample = sample(plan, legacyRead.get(plan.legacyGroup()), ckafkaRead.get(plan.ckafkaGroup()));
                latest.put(name, sample);
                if (lastErrors.remove(name) != null) {
                    LOG.info("Metrics sample recovered: topic={}", name);
                }
                listener.accept(sample);
            } catch (RuntimeException e) {
                errors.get(name).incrementAndGet();
                String message = String.valueOf(e.getMessage());
                // Logged once per distinct error, not every round while a cluster is away.
                if (!message.equals(lastErrors.put(name, message))) {
                    LOG.warn("Metrics sample failed, keeping the last values: topic={} error={}", name, e.toString());
                }
            }
        }
    }

    /**
     * One cluster's part of the round; a read that throws as a whole fails each entry with its
     * error, so the round goes on and counts it per topic (a task of the scheduled thread that
     * threw would never run again).
     */
    private static Map<GroupTopic, Reading<GroupOffsets>> readAll(ClusterOffsets cluster, List<GroupTopic> wanted) {
        try {
            return cluster.groupOffsetsOf(wanted);
        } catch (RuntimeException e) {
            Map<GroupTopic, Reading<GroupOffsets>> failed = new java.util.LinkedHashMap<>();
            wanted.forEach(item -> failed.put(item, new Reading<>(null, e)));
            return failed;
        }
    }

    /**
     * A topic's part of the round, decided before anything is read: whether it needs the
     * legacy group's offsets (no drain measurement to use) and the CKafka group's (switched).
     */
    private record Planned(TopicConfig topic, MigrationState state, Optional<DrainReport> report) {

        boolean usesReport() {
            return state.phase() != Phase.LEGACY && !state.drainTarget().isEmpty() && report.isPresent();
        }

        boolean readsLegacy() {
            return state.phase() != Phase.MIGRATED && !usesReport();
        }

        boolean readsCkafka() {
            return state.phase() != Phase.LEGACY;
        }

        GroupTopic legacyGroup() {
            return new GroupTopic(topic.legacyGroup(), topic.legacyTopic());
        }

        GroupTopic ckafkaGroup() {
            return new GroupTopic(topic.ckafkaGroup(), topic.ckafkaTopic());
        }
    }

    private TopicSample sample(Planned plan, Reading<GroupOffsets> legacyOffsets, Reading<GroupOffsets> ckafkaOffsets) {
        TopicConfig topic = plan.topic();
        MigrationState state = plan.state();
        long now = clock.millis();
        LegacyView view;
        if (state.phase() == Phase.MIGRATED) {
            view = afterHandoff(state);
        } else if (plan.usesReport()) {
            view = LegacyView.of(plan.report().get());
        } else {
            view = beforeSwitch(legacyOffsets.get());
        }
        // The rate comes from records delivered, not from committed offsets: a consumer commits
        // once per poll batch of a partition (up to max.poll.records), too coarse for a rate.
        // Recorded before the switch too, so the rate is known as soon as the drain begins.
        DrainEta eta = etas.get(topic.name());
        // External consumers deliver nothing through the app: their group's commits are all there is.
        eta.record(now, topic.externalConsumers() ? committedSum(plan, legacyOffsets)
                : delivered.get(topic.name(), topic.legacyConsumerRoute()));
        rates.put(topic.name(), eta.ratePerSecond());
        double etaSeconds = switch (state.phase()) {
            case LEGACY -> Double.NaN;
            case MIGRATED -> 0;
            default -> eta.secondsLeft(OffsetLag.sum(view.remaining()));
        };
        long backlog = plan.readsCkafka() ? ckafkaBacklog(ckafkaOffsets.get(), state) : 0;
        return new TopicSample(topic.name(), view.remaining(), view.strayWrites(), backlog, etaSeconds, now);
    }

    /** The legacy group's committed offsets summed: how far the old service has consumed. */
    private static long committedSum(Planned plan, Reading<GroupOffsets> legacyOffsets) {
        if (plan.usesReport()) {
            return plan.report().get().partitions().stream()
                    .mapToLong(p -> p.committed().isPresent() ? p.committed().getAsLong() : 0).sum();
        }
        if (plan.state().phase() == Phase.MIGRATED) {
            return 0;
        }
        return OffsetLag.sum(legacyOffsets.get().committed());
    }

    /**
     * What the legacy group must still read, per partition, and the records written after the
     * switch (empty: not measured).
     */
    private record LegacyView(Map<Integer, Long> remaining, OptionalLong strayWrites) {

        static LegacyView of(DrainReport report) {
            Map<Integer, Long> remaining = new java.util.TreeMap<>();
            report.partitions().forEach(p -> remaining.put(p.partition(), p.remaining()));
            return new LegacyView(remaining, OptionalLong.of(report.strayWrites()));
        }
    }

    /** Before the drain target exists, the plain group lag: end minus where the group reads. */
    private static LegacyView beforeSwitch(GroupOffsets offsets) {
        Map<Integer, Long> positions = OffsetLag.positions(offsets.end().keySet(), offsets.committed(),
                offsets.logStart(), Map.of());
        return new LegacyView(OffsetLag.lag(offsets.end(), positions), OptionalLong.of(0));
    }

    /**
     * After the handoff nothing is left to drain (the handoff verified it with the legacy
     * consumer stopped), and legacy is not asked any more: a migrated topic must not need it,
     * so that it can be switched off. Stray writes after the handoff are not measured: unknown,
     * never shown as 0.
     */
    private static LegacyView afterHandoff(MigrationState state) {
        Map<Integer, Long> remaining = new java.util.TreeMap<>();
        state.drainTarget().keySet().forEach(p -> remaining.put(p, 0L));
        return new LegacyView(remaining, OptionalLong.empty());
    }

    private static long ckafkaBacklog(GroupOffsets offsets, MigrationState state) {
        Map<Integer, Long> positions = OffsetLag.positions(offsets.end().keySet(), offsets.committed(),
                offsets.logStart(), state.ckafkaStartOffsets());
        return OffsetLag.sum(OffsetLag.lag(offsets.end(), positions));
    }

    public Optional<TopicSample> latest(String topic) {
        return Optional.ofNullable(latest.get(topic));
    }

    /**
     * Records per second the topic's legacy consumer delivered over the last samples; empty
     * before two samples were taken (or while the sampler does not run). Any thread.
     */
    public OptionalDouble drainRate(String topic) {
        Double rate = rates.get(topic);
        return rate == null || rate.isNaN() ? OptionalDouble.empty() : OptionalDouble.of(rate);
    }

    /**
     * The last sample's estimate of the seconds until the topic's legacy group has drained (the
     * drain ETA metric); empty before a sample, or while unknown. Any thread.
     */
    public OptionalDouble drainEtaSeconds(String topic) {
        TopicSample sample = latest.get(topic);
        return sample == null || Double.isNaN(sample.drainEtaSeconds()) ? OptionalDouble.empty()
                : OptionalDouble.of(sample.drainEtaSeconds());
    }

    /** Failed samples of the topic since start. */
    public long errors(String topic) {
        AtomicLong count = errors.get(topic);
        return count == null ? 0 : count.get();
    }

    @Override
    public synchronized void close() {
        if (thread != null) {
            thread.shutdownNow();
            try {
                // A sample in flight ends at its cluster call's timeout at the latest
                thread.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
