package io.ckafkamigrator.core;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every topic's migration: the registry of {@link TopicMigration}s, their loading and start
 * at app start, and the monitor's round over all of them. The steps of one topic (switch,
 * cutover, handoff) are the {@link TopicMigration}'s.
 *
 * <p>Concurrency: the registry is fixed at construction; each topic guards itself (see
 * {@link TopicMigration}). {@link #tick} runs on the control route's timer thread and never
 * waits for a topic busy with a request; a handoff that a legacy commit makes possible runs on
 * a thread of its own ({@code migration-handoff-*}), so one topic's handoff never waits for
 * another's.
 *
 * <p>Lifecycle: {@link #load} before any route starts, {@link #startConsumers} once all routes
 * started, {@link #shutDownGates} when the app begins to stop, {@link #close} after its routes
 * stopped.
 */
public final class MigrationControl implements AutoCloseable {

    private final Map<String, TopicMigration> migrations = new LinkedHashMap<>();
    /** Stops a legacy route after its handoff without keeping the topic's lock for the stop. */
    private final ExecutorService routeStopper =
            Executors.newSingleThreadExecutor(r -> new Thread(r, "migration-route-stopper"));
    private final AtomicInteger handoffThreadCount = new AtomicInteger();
    /** Handoff attempts (a legacy commit, a cutover request, an autoCutover switch); idle threads end after a minute. */
    private final ExecutorService handoffThreads = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "migration-handoff-" + handoffThreadCount.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, TopicMigration> byGroup = new HashMap<>();
    private final ConsumerIdentity identity;

    public MigrationControl(Collection<TopicConfig> topics, MigrationServices services) {
        this(topics, services, null);
    }

    /**
     * @param handoffs where handoff attempts run; null for threads of their own. The core's unit
     *                 tests pass one that runs them at once, on the caller's thread.
     */
    MigrationControl(Collection<TopicConfig> topics, MigrationServices services, Executor handoffs) {
        this.identity = services.identity();
        Executor attempts = handoffs == null ? handoffThreads : handoffs;
        topics.forEach(t -> migrations.put(t.name(), new TopicMigration(t, services, routeStopper, attempts)));
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
        migrations.values().forEach(TopicMigration::load);
    }

    /** Starts the consumer routes each topic's phase calls for; after {@link #load}, once Camel runs. */
    public void startConsumers() {
        try {
            for (TopicMigration migration : migrations.values()) {
                migration.startConsumers();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public List<TopicConfig> topics() {
        return migrations.values().stream().map(TopicMigration::config).toList();
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

    /** @see TopicMigration#switchProducer */
    public MigrationState switchProducer(String topic) throws InterruptedException {
        return migration(topic).switchProducer();
    }

    /** @see TopicMigration#requestCutover */
    public MigrationState requestCutover(String topic) throws InterruptedException {
        return migration(topic).requestCutover();
    }

    /** One monitoring round: measures drains, and hands over the topics that are ready. */
    public void tick() {
        for (TopicMigration migration : migrations.values()) {
            try {
                migration.tick();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** @see TopicMigration#shutDownGates */
    public void shutDownGates() {
        migrations.values().forEach(TopicMigration::shutDownGates);
    }

    @Override
    public void close() {
        routeStopper.shutdown();
        handoffThreads.shutdown();
    }
}
