package io.ckafkamigrator.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Every topic's migration: the registry of {@link TopicMigration}s, their loading and start
 * at app start, and the monitor's round over all of them. The steps of one topic (switch,
 * cutover, handoff) are the {@link TopicMigration}'s.
 *
 * <p>Concurrency: the registry is fixed at construction; each topic guards itself (see
 * {@link TopicMigration}). {@link #tick} runs on the control route's timer thread and never
 * waits: it starts each topic's round on that topic's own monitor thread
 * ({@code migration-monitor-<topic>}, see {@link TopicRounds}), so a topic whose round is slow
 * or fails never delays another's. Every handoff runs on a thread of its own
 * ({@code migration-handoff-*}), so one topic's handoff never waits for another's.
 *
 * <p>Lifecycle: {@link #load} before any route starts, {@link #startConsumers} once all routes
 * started, {@link #shutDownGates} when the app begins to stop, {@link #close} after its routes
 * stopped (it waits for a handoff under way), before the state directory is let go.
 */
public final class MigrationControl implements AutoCloseable {

    private final Map<String, TopicMigration> migrations = new LinkedHashMap<>();
    private final ControlThreads threads = new ControlThreads();
    private final Map<String, TopicMigration> byGroup = new HashMap<>();
    /** Each topic's monitor rounds, on an executor of its own. */
    private final Map<String, TopicRounds> rounds = new LinkedHashMap<>();
    private final MonitorTick ticks = new MonitorTick();
    /** Topics whose consumers {@link #startConsumers} started. */
    private final java.util.concurrent.atomic.AtomicInteger resumedTopics = new java.util.concurrent.atomic.AtomicInteger();
    /** Topics loaded at once at start-up. */
    private static final int LOAD_PARALLELISM = 32;
    private final ConsumerIdentity identity;
    /** Which CKafka topics are missing; set once at start, before any request ({@link #watchCkafkaTopics}). */
    private volatile CkafkaTopicPresence ckafkaTopics = CkafkaTopicPresence.allPresent();

    public MigrationControl(Collection<TopicConfig> topics, MigrationServices services) {
        this(topics, services, null, null);
    }

    /** As the app's, but handoff attempts and monitor rounds run at once on the caller's thread. */
    MigrationControl(Collection<TopicConfig> topics, MigrationServices services, Executor handoffs) {
        this(topics, services, handoffs, topic -> handoffs);
    }

    /**
     * @param handoffs where handoff attempts run; null for threads of their own. The core's unit
     *                 tests pass one that runs them at once, on the caller's thread.
     * @param monitor  where each topic's rounds run, by topic name; null for a thread per topic
     */
    MigrationControl(Collection<TopicConfig> topics, MigrationServices services, Executor handoffs,
            Function<String, Executor> monitor) {
        this.identity = services.identity();
        Executor attempts = handoffs == null ? threads.handoffs() : handoffs;
        topics.forEach(t -> migrations.put(t.name(), new TopicMigration(t, services, threads.routeStopper(), attempts,
                threads.hooks())));
        Function<String, Executor> roundThreads = monitor == null ? threads::monitor : monitor;
        migrations.forEach((name, m) -> rounds.put(name, new TopicRounds(m, roundThreads.apply(name))));
        // Group ids are unique across topics (checked at start), so a consumer's group names its topic.
        migrations.values().forEach(m -> {
            byGroup.put(m.config().legacyGroup(), m);
            byGroup.put(m.config().ckafkaGroup(), m);
        });
    }

    /**
     * Reads every topic's saved phase (or saves LEGACY for a new topic) and sets its producer
     * and gates. Runs before any route starts, so no record is sent before its phase is known.
     *
     * @throws StateStoreException   if a saved state cannot be read
     * @throws StartRefusedException if a topic cannot start safely (see {@link TopicMigration#load})
     */
    public void load() {
        // Topics load at once, a few at a time: each load reads both clusters, and their reads go
        // together in the same calls (a start with a hundred topics waits for a few rounds of reads,
        // not a hundred). A topic that cannot load fails the start; the first in file order is thrown.
        InParallel.map(List.copyOf(migrations.values()), LOAD_PARALLELISM, "migration-load-", m -> {
            m.load();
            return m;
        });
    }

    /** Starts the consumer routes each topic's phase calls for; after {@link #load}, once Camel runs. */
    public void startConsumers() {
        try {
            for (TopicMigration migration : migrations.values()) {
                migration.startConsumers(ckafkaTopics.missing(migration.config().ckafkaTopic()));
                resumedTopics.incrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Why the app is not ready yet as a whole: the topics whose consumer routes have not been
     * started ({@link #startConsumers}); empty once every topic resumed.
     */
    public Optional<String> startProblem() {
        int resumed = resumedTopics.get();
        return resumed == migrations.size() ? Optional.empty()
                : Optional.of("starting the topics' consumers: " + resumed + " of " + migrations.size() + " resumed");
    }

    public List<TopicConfig> topics() {
        return migrations.values().stream().map(TopicMigration::config).toList();
    }

    /**
     * Whether some topic still needs the legacy cluster: any topic not {@code MIGRATED}. Once
     * false it stays false (no phase moves back), and nothing of this app asks legacy again.
     */
    public boolean needsLegacy() {
        return migrations.values().stream().anyMatch(m -> m.state() == null || m.state().phase() != Phase.MIGRATED);
    }

    /** @throws UnknownTopicException when no route file defines {@code name} */
    public TopicMigration migration(String name) {
        TopicMigration migration = migrations.get(name);
        if (migration == null) {
            throw new UnknownTopicException(name);
        }
        return migration;
    }

    /** How this instance names its CKafka consumers. */
    public ConsumerIdentity identity() {
        return identity;
    }

    /** The migration whose legacy or CKafka consumer group is {@code group}, if any. */
    public Optional<TopicMigration> byGroup(String group) {
        return Optional.ofNullable(byGroup.get(group));
    }

    public TopicConfig topic(String name) {
        return migration(name).config();
    }

    public MigrationState state(String topic) {
        return migration(topic).state();
    }

    /** @see TopicMigration#offsetReadProblem */
    public Optional<String> offsetReadProblem(String topic) {
        return migration(topic).offsetReadProblem();
    }

    /** The drain measured by the last tick, if the topic is draining. */
    public Optional<DrainReport> lastDrainReport(String topic) {
        return migration(topic).lastDrainReport();
    }

    /** The topic's legacy consumer gate; null for a topic no route file defines (its records wait). */
    public DeliveryGate legacyGate(String topic) {
        TopicMigration migration = migrations.get(topic);
        return migration == null ? null : migration.legacyGate();
    }

    /** The topic's CKafka consumer gate; null for a topic no route file defines (its records wait). */
    public DeliveryGate ckafkaGate(String topic) {
        TopicMigration migration = migrations.get(topic);
        return migration == null ? null : migration.ckafkaGate();
    }

    /**
     * @see TopicMigration#switchProducer
     * @throws CkafkaTopicMissingException for a LEGACY topic whose CKafka topic does not exist: nothing moved
     */
    public MigrationState switchProducer(String topic) throws InterruptedException {
        TopicMigration migration = migration(topic);
        if (migration.state().phase() == Phase.LEGACY) {
            ckafkaTopics.refuseSwitch(migration.config());
        }
        return migration.switchProducer();
    }

    /**
     * @see TopicMigration#prepare
     * @throws CkafkaTopicMissingException for a LEGACY topic whose CKafka topic does not exist: nothing moved
     */
    public MigrationState prepare(String topic) throws InterruptedException {
        TopicMigration migration = migration(topic);
        if (migration.state().phase() == Phase.LEGACY && migration.config().externalProducers()) {
            ckafkaTopics.refuseSwitch(migration.config());
        }
        return migration.prepare();
    }

    /** @see TopicMigration#producersSwitched */
    public MigrationState producersSwitched(String topic) throws InterruptedException {
        return migration(topic).producersSwitched();
    }

    /** From now on the switch and readiness know which CKafka topics are missing; set at start. */
    public void watchCkafkaTopics(CkafkaTopicPresence presence) {
        presence.onFound(this::ckafkaTopicFound);
        this.ckafkaTopics = presence;
    }

    /** Each topic of {@code ckafkaTopic} starts the waiting consumer it left for it, on the finder's thread. */
    private void ckafkaTopicFound(String ckafkaTopic) {
        try {
            for (TopicMigration migration : migrations.values()) {
                if (migration.config().ckafkaTopic().equals(ckafkaTopic)) {
                    migration.ckafkaTopicFound();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public CkafkaTopicPresence ckafkaTopics() {
        return ckafkaTopics;
    }

    /** Why the topic is not ready: its CKafka topic is missing, or {@link #offsetReadProblem}. */
    public Optional<String> readinessProblem(String topic) {
        return ckafkaTopics.problem(topic(topic)).or(() -> offsetReadProblem(topic));
    }

    /** @see TopicMigration#requestCutover */
    public MigrationState requestCutover(String topic) throws InterruptedException {
        return migration(topic).requestCutover();
    }

    /** @see TopicMigration#acceptStrayWrites */
    public MigrationState acceptStrayWrites(String topic) throws InterruptedException {
        return migration(topic).acceptStrayWrites();
    }

    /** @see TopicMigration#acceptExpiredBacklog */
    public MigrationState acceptExpiredBacklog(String topic) throws InterruptedException {
        return migration(topic).acceptExpiredBacklog();
    }

    /**
     * One monitoring round: starts each topic's round (measures its drain, hands it over once
     * ready) on the topic's own thread, skipping a topic whose previous round still runs.
     */
    public void tick() {
        MonitorTick.Span span = ticks.begin();
        rounds.values().forEach(r -> r.start(span));
        span.allStarted();
    }

    /**
     * How long the last tick took over all topics, from the tick to the end of the last round it
     * started; empty before the first tick ended.
     */
    public java.util.OptionalLong lastTickNanos() {
        return ticks.lastNanos();
    }

    /**
     * The app begins to stop: every gate gives its held record back at once
     * ({@link TopicMigration#shutDownGates}), and the legacy route stops still queued after
     * handoffs are skipped (the CamelContext stops those routes itself).
     */
    public void shutDownGates() {
        threads.skipQueuedRouteStops();
        migrations.values().forEach(TopicMigration::shutDownGates);
    }

    /** Stops the control's threads and waits for them: a handoff under way saves its outcome first ({@link ControlThreads}). */
    @Override
    public void close() {
        threads.close();
    }
}
