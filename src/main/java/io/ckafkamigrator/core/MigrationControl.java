package io.ckafkamigrator.core;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every topic's migration: the producer switch, drain detection and the single-consumer
 * handoff. Each transition is saved to the {@link StateStore} before it acts.
 *
 * <p>Concurrency: requests (HTTP threads) and {@link #tick} (the control route's timer thread)
 * change a topic only while holding that topic's lock, so two concurrent cutover requests
 * make one handoff; {@link #tick} skips a topic whose lock is busy. Reads of the current state
 * take no lock.
 */
public final class MigrationControl implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MigrationControl.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration GATE_TIMEOUT = Duration.ofSeconds(30);

    private final Map<String, TopicConfig> topics = new LinkedHashMap<>();
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final StateStore store;
    private final ClusterOffsets legacy;
    private final ClusterOffsets ckafka;
    private final RouteControl routes;
    private final ProducerSwitch producers;
    private final Clock clock;
    private final Map<String, MigrationState> states = new ConcurrentHashMap<>();
    private final Map<String, DrainReport> lastReports = new ConcurrentHashMap<>();
    /** Per topic, the legacy group's committed offsets of the previous round (under the topic lock). */
    private final Map<String, Map<Integer, Long>> lastCommitted = new ConcurrentHashMap<>();
    private final Map<String, DeliveryGate> legacyGates = new ConcurrentHashMap<>();
    private final Map<String, DeliveryGate> ckafkaGates = new ConcurrentHashMap<>();
    private final Map<String, Long> pendingPause = new ConcurrentHashMap<>();
    private final java.util.Set<String> ckafkaStarted = ConcurrentHashMap.newKeySet();
    private final AuditTrail audit;
    private volatile HandoffPause handoffPause = HandoffPause.NONE;
    private final ExecutorService stopper = Executors.newSingleThreadExecutor(r -> new Thread(r, "migration-route-stopper"));

    public MigrationControl(Collection<TopicConfig> topics, StateStore store, ClusterOffsets legacy,
                            ClusterOffsets ckafka, RouteControl routes, ProducerSwitch producers, Clock clock) {
        this(topics, store, legacy, ckafka, routes, producers, clock, AuditTrail.NONE);
    }

    /** @param audit where every phase transition and captured drain target is recorded, after it is saved */
    public MigrationControl(Collection<TopicConfig> topics, StateStore store, ClusterOffsets legacy,
                            ClusterOffsets ckafka, RouteControl routes, ProducerSwitch producers, Clock clock,
                            AuditTrail audit) {
        this.audit = audit;
        topics.forEach(t -> {
            this.topics.put(t.name(), t);
            this.locks.put(t.name(), new ReentrantLock());
        });
        this.store = store;
        this.legacy = legacy;
        this.ckafka = ckafka;
        this.routes = routes;
        this.producers = producers;
        this.clock = clock;
    }

    /** Fault injection only (see {@link HandoffPause}); set before {@link #load}. */
    public void pauseHandoff(HandoffPause pause) {
        this.handoffPause = pause;
    }

    /**
     * Reads every topic's saved phase (or saves LEGACY for a new topic) and sets its producer
     * and gates. Runs before any route starts, so no record is sent before its phase is known.
     *
     * @throws StateStoreException if a saved state cannot be read
     */
    public void load() {
        for (TopicConfig topic : topics.values()) {
            MigrationState state = store.load(topic.name()).orElseGet(() -> {
                // The CKafka group gets offsets only at the switch: with offsets but no state file,
                // the state was lost (wrong folder, lost volume), and starting in LEGACY would send
                // the producer back to legacy.
                if (!ckafka.committedOffsets(topic.ckafkaGroup(), topic.ckafkaTopic()).isEmpty()) {
                    throw new StateStoreException("no migration state for topic '" + topic.name() + "' although CKafka "
                            + "group '" + topic.ckafkaGroup() + "' has committed offsets, so it was switched before: "
                            + "restore its state file into migration.state-dir (or, to start over, delete that group)", null);
                }
                MigrationState initial = MigrationState.initial(topic.name(), clock.instant());
                return save(initial);
            });
            states.put(topic.name(), state);
            producers.initialise(topic.name(), state.phase());
            Phase phase = state.phase();
            legacyGates.put(topic.name(), new DeliveryGate(topic.legacyConsumerRoute(),
                    phase == Phase.MIGRATED ? DeliveryGate.State.RETIRED : DeliveryGate.State.OPEN));
            boolean ckafkaDelivers = phase == Phase.MIGRATED || (phase == Phase.DRAINING && topic.ordering() == Ordering.UNORDERED);
            ckafkaGates.put(topic.name(), new DeliveryGate(topic.ckafkaConsumerRoute(),
                    ckafkaDelivers ? DeliveryGate.State.OPEN : DeliveryGate.State.HOLD));
        }
    }

    /** Starts the consumer routes each topic's phase calls for; after {@link #load}, once Camel runs. */
    public void startConsumers() {
        for (TopicConfig topic : topics.values()) {
            MigrationState state = states.get(topic.name());
            Phase phase = state.phase();
            if (phase != Phase.MIGRATED) {
                routes.start(topic.legacyConsumerRoute());
            }
            if (phase != Phase.LEGACY) {
                // No member check here: after a crash the dead instance's membership lingers until
                // its session times out, and the group's offsets were committed at the switch.
                ensureCkafkaStart(topic, state, false);
                routes.start(topic.ckafkaConsumerRoute());
                ckafkaStarted.add(topic.name());
            }
            LOG.info("Migration resumed: topic={} phase={} producer={} ordering={}", topic.name(), phase,
                    phase.producerCluster(), topic.ordering());
        }
    }

    public Collection<TopicConfig> topics() {
        return topics.values();
    }

    public TopicConfig topic(String name) {
        TopicConfig topic = topics.get(name);
        if (topic == null) {
            throw new UnknownTopicException(name);
        }
        return topic;
    }

    public MigrationState state(String topic) {
        topic(topic);
        return states.get(topic);
    }

    /** The drain measured by the last tick, if the topic is draining. */
    public Optional<DrainReport> lastDrainReport(String topic) {
        return Optional.ofNullable(lastReports.get(topic));
    }

    public DeliveryGate legacyGate(String topic) {
        return legacyGates.get(topic);
    }

    public DeliveryGate ckafkaGate(String topic) {
        return ckafkaGates.get(topic);
    }

    /**
     * LEGACY to DRAINING: new records go to CKafka. Once DRAINING is saved the switch cannot be
     * undone; a step after that which fails is reported in {@code lastError} and finished by a
     * repeated request or by the monitor, never answered as if nothing changed.
     */
    public MigrationState switchProducer(String name) throws InterruptedException {
        TopicConfig topic = topic(name);
        return underLock(name, () -> {
            MigrationState state = states.get(name);
            if (state.phase() == Phase.LEGACY) {
                // Captured before the switch: everything after these offsets is migrated traffic.
                Map<Integer, Long> ckafkaStart = ckafka.endOffsets(topic.ckafkaTopic());
                MigrationState switched = state.moveTo(Phase.DRAINING, clock.instant()).withCkafkaStartOffsets(ckafkaStart);
                refuseRecorded(state, () -> ensureCkafkaStart(topic, switched, true));
                save(switched);
                producers.switchToCkafka(name);
                LOG.info("Producer switched: topic={} producer=ckafka ckafkaStart={}", name, ckafkaStart);
            }
            try {
                completeSwitch(topic);
            } catch (RuntimeException e) {
                LOG.warn("Switch of topic={} saved but not finished, will retry: {}", name, e.toString());
                save(states.get(name).withError(e.getMessage()));
            }
            return states.get(name);
        });
    }

    /**
     * The steps after a saved switch, safe to repeat: capture the drain target once no legacy
     * send is under way, and start the CKafka consumer (held at its gate if ordered, so the
     * handoff later need not wait for its group join). Caller holds the topic lock.
     */
    private void completeSwitch(TopicConfig topic) throws InterruptedException {
        String name = topic.name();
        MigrationState state = states.get(name);
        if (state.phase() == Phase.LEGACY || state.phase() == Phase.MIGRATED) {
            return;
        }
        if (state.drainTarget().isEmpty() && producers.awaitNoLegacySends(name, GATE_TIMEOUT)) {
            state = save(state.withDrainTarget(legacy.endOffsets(topic.legacyTopic())));
            LOG.info("Drain target captured: topic={} drainTarget={}", name, state.drainTarget());
        }
        if (!ckafkaStarted.contains(name)) {
            if (topic.ordering() == Ordering.UNORDERED) {
                ckafkaGates.get(name).open();
            } else if (state.phase() == Phase.DRAINING) {
                ckafkaGates.get(name).hold();
            }
            routes.start(topic.ckafkaConsumerRoute());
            ckafkaStarted.add(name);
        }
    }

    /**
     * DRAINING to CUTTING_OVER (ordered topics): from now on the handoff happens as soon as the
     * legacy group has drained. The CKafka consumer has been joined, and held, since the switch.
     */
    public MigrationState requestCutover(String name) throws InterruptedException {
        TopicConfig topic = topic(name);
        return underLock(name, () -> {
            MigrationState state = states.get(name);
            if (state.phase() == Phase.LEGACY) {
                throw new IllegalPhaseException(name, Phase.LEGACY, "a cutover (switch the producer first)");
            }
            if (state.phase() != Phase.DRAINING || topic.ordering() == Ordering.UNORDERED) {
                return state;
            }
            refuseRecorded(state, () -> refuseForeignMembers(topic));
            MigrationState cuttingOver = save(state.moveTo(Phase.CUTTING_OVER, clock.instant()));
            LOG.info("Cutover requested: topic={} phase=CUTTING_OVER ckafkaGroup={} ckafkaStart={}", name,
                    topic.ckafkaGroup(), cuttingOver.ckafkaStartOffsets());
            return cuttingOver;
        });
    }

    /** One monitoring round: measures drains, and hands over the topics that are ready. */
    public void tick() {
        for (TopicConfig topic : topics.values()) {
            ReentrantLock topicLock = lock(topic.name());
            // A topic busy with a request (a switch may wait for legacy sends) is measured in the
            // next round, so it cannot hold up the other topics.
            if (!topicLock.tryLock()) {
                continue;
            }
            try {
                tick(topic);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                MigrationState state = states.get(topic.name());
                // Saved once per distinct error, not on every round while it lasts.
                if (!state.lastError().equals(Optional.ofNullable(e.getMessage()))) {
                    LOG.warn("Migration step failed, will retry: topic={} error={}", topic.name(), e.toString());
                    save(state.withError(e.getMessage()));
                }
            } finally {
                topicLock.unlock();
            }
        }
    }

    /** One topic's round; the caller holds the topic's lock. */
    private void tick(TopicConfig topic) throws InterruptedException {
        String name = topic.name();
        MigrationState state = states.get(name);
        if (state.phase() == Phase.MIGRATED) {
            recordPause(name);
            return;
        }
        if (state.phase() == Phase.LEGACY) {
            return;
        }
        if (state.drainTarget().isEmpty() || !ckafkaStarted.contains(name)) {
            completeSwitch(topic);
            return;
        }
        DrainReport report = measureDrainWhileMoving(topic, state);
        lastReports.put(name, report);
        if (topic.ordering() == Ordering.UNORDERED) {
            if (report.readyForHandoff()) {
                retireLegacy(topic);
            }
        } else if (state.phase() == Phase.DRAINING && topic.autoCutover()) {
            requestCutover(name);
        } else if (state.phase() == Phase.CUTTING_OVER && report.readyForHandoff()) {
            // Waiting for the CKafka consumer to hold its partitions keeps its group join (3 s on
            // a real cluster) out of the delivery pause; the legacy consumer delivers meanwhile.
            // One look at the group serves both checks: each costs a round trip of the pause.
            GroupMembers group = ckafka.members(topic.ckafkaGroup());
            if (group.holdingPartitions()) {
                refuseForeignMembers(topic, group.count());
                handOver(topic);
            }
        }
    }

    /**
     * As {@link #measureDrain}, but a partition whose committed offset moved since the topic's
     * previous round counts as not drained without probing: its consumer is still delivering,
     * and the probe (a fetch from the committed offset) would only slow the round that sees the
     * last commit. A partition stopped short of its target (transaction markers, compaction gaps)
     * is probed the round after it stopped. Caller holds the topic lock.
     */
    private DrainReport measureDrainWhileMoving(TopicConfig topic, MigrationState state) {
        String t = topic.legacyTopic();
        GroupOffsets offsets = legacy.groupOffsets(topic.legacyGroup(), t);
        Map<Integer, Long> committed = offsets.committed();
        Map<Integer, Long> previous = lastCommitted.put(topic.name(), committed);
        return DrainRule.evaluate(state.drainTarget(), committed, offsets.logStart(), offsets.end(),
                (p, from, to) -> previous == null || !Objects.equals(previous.get(p), committed.get(p))
                        || legacy.hasRecords(t, p, from, to));
    }

    /** The legacy group against the drain target, right now. */
    public DrainReport measureDrain(TopicConfig topic, MigrationState state) {
        String t = topic.legacyTopic();
        GroupOffsets offsets = legacy.groupOffsets(topic.legacyGroup(), t);
        return DrainRule.evaluate(state.drainTarget(), offsets.committed(), offsets.logStart(), offsets.end(),
                (p, from, to) -> legacy.hasRecords(t, p, from, to));
    }

    /** Ordered topics: the legacy consumer stops delivering, the held CKafka consumer starts. Caller holds the topic lock. */
    private void handOver(TopicConfig topic) throws InterruptedException {
        String name = topic.name();
        MigrationState state = states.get(name);
        if (state.phase() != Phase.CUTTING_OVER || !retireLegacyAndMigrate(topic, state)) {
            return;
        }
        DeliveryGate ckafkaGate = ckafkaGates.get(name);
        ckafkaGate.markFirstDelivery();
        ckafkaGate.open();
        pendingPause.put(name, legacyGates.get(name).lastDeliveryNanos());
        LOG.info("Handoff done: topic={} phase=MIGRATED legacyCommitted={} ckafkaStart={}", name,
                state.drainTarget(), state.ckafkaStartOffsets());
    }

    /** Unordered topics: CKafka already delivers; legacy stops once drained. Caller holds the topic lock. */
    private void retireLegacy(TopicConfig topic) throws InterruptedException {
        MigrationState state = states.get(topic.name());
        if (state.phase() == Phase.DRAINING && retireLegacyAndMigrate(topic, state)) {
            LOG.info("Legacy drained: topic={} phase=MIGRATED ordering=UNORDERED drainTarget={}", topic.name(),
                    state.drainTarget());
        }
    }

    /**
     * Closes the legacy gate for good, verifies the drain with the legacy consumer unable to
     * deliver (what it committed is then final), saves MIGRATED and stops the legacy route.
     * If any step fails or the drain is not complete, the gate is reopened and nothing changed.
     * Caller holds the topic lock.
     */
    private boolean retireLegacyAndMigrate(TopicConfig topic, MigrationState state) throws InterruptedException {
        DeliveryGate legacyGate = legacyGates.get(topic.name());
        boolean migrated = false;
        try {
            if (!legacyGate.retire(GATE_TIMEOUT)) {
                throw new IllegalStateException("the legacy consumer did not finish its delivery within " + GATE_TIMEOUT);
            }
            handoffPause.reached(topic.name(), HandoffPause.Step.LEGACY_RETIRED);
            if (!measureDrain(topic, state).readyForHandoff()) {
                return false;
            }
            save(state.moveTo(Phase.MIGRATED, clock.instant()));
            migrated = true;
        } finally {
            if (!migrated) {
                legacyGate.reopen();
            }
        }
        handoffPause.reached(topic.name(), HandoffPause.Step.MIGRATED_SAVED);
        stopper.submit(() -> routes.stop(topic.legacyConsumerRoute(), STOP_TIMEOUT));
        return true;
    }

    /** Caller holds the topic lock. */
    private void recordPause(String name) {
        Long lastLegacy = pendingPause.get(name);
        long firstCkafka = ckafkaGates.get(name).firstDeliveryNanos();
        if (lastLegacy == null || firstCkafka == 0) {
            return;
        }
        pendingPause.remove(name);
        long pauseMs = lastLegacy == 0 ? 0 : Duration.ofNanos(firstCkafka - lastLegacy).toMillis();
        save(states.get(name).withHandoffPause(pauseMs));
        LOG.info("Handoff pause measured: topic={} pauseMs={}", name, pauseMs);
    }

    /**
     * Makes sure the CKafka group starts at the captured offsets. At the switch the group must
     * have no active member (another consumer would break the order) and gets the offsets
     * whatever it had before; after a restart it keeps what it has committed since.
     */
    private void ensureCkafkaStart(TopicConfig topic, MigrationState state, boolean atSwitch) {
        if (atSwitch) {
            int members = ckafka.activeMembers(topic.ckafkaGroup());
            if (members > 0) {
                throw new HandoffRefusedException("ckafka_group_active", "CKafka group '" + topic.ckafkaGroup()
                        + "' has " + members + " active member(s); stop them (another instance of this app?) first");
            }
        }
        if (atSwitch || ckafka.committedOffsets(topic.ckafkaGroup(), topic.ckafkaTopic()).isEmpty()) {
            ckafka.commitOffsets(topic.ckafkaGroup(), topic.ckafkaTopic(), state.ckafkaStartOffsets());
        }
    }

    /** Our ordered topic has exactly one CKafka consumer; any further member would share its partitions. */
    private void refuseForeignMembers(TopicConfig topic) {
        refuseForeignMembers(topic, ckafka.activeMembers(topic.ckafkaGroup()));
    }

    private void refuseForeignMembers(TopicConfig topic, int members) {
        if (members > 1) {
            throw new HandoffRefusedException("ckafka_group_active", "CKafka group '" + topic.ckafkaGroup() + "' has "
                    + members + " active members but this topic's only consumer should be alone in it; stop the "
                    + "others (another instance of this app?) before the handoff");
        }
    }

    private MigrationState save(MigrationState state) {
        MigrationState before = states.get(state.topic());
        store.save(state);
        states.put(state.topic(), state);
        if (before == null || before.phase() != state.phase()) {
            audit.record(AuditEvent.transition("transition", before == null ? null : before.phase(), state, clock.instant()));
        } else if (before.drainTarget().isEmpty() && !state.drainTarget().isEmpty()) {
            audit.record(AuditEvent.transition("drain-target", state.phase(), state, clock.instant()));
        }
        return state;
    }

    private ReentrantLock lock(String topic) {
        return locks.get(topic);
    }

    /** A step of a request, run while holding the topic's lock. */
    @FunctionalInterface
    private interface LockedStep<T> {
        T run() throws InterruptedException;
    }

    private <T> T underLock(String topic, LockedStep<T> step) throws InterruptedException {
        ReentrantLock topicLock = lock(topic);
        topicLock.lock();
        try {
            return step.run();
        } finally {
            topicLock.unlock();
        }
    }

    /** Runs a safety check; a refusal is saved as the topic's last error before it reaches the caller. */
    private void refuseRecorded(MigrationState state, Runnable check) {
        try {
            check.run();
        } catch (HandoffRefusedException e) {
            save(state.withError(e.getMessage()));
            throw e;
        }
    }

    /**
     * Called when the app begins to stop, before its routes stop: a consumer held at its gate
     * gives its record back (uncommitted, so it is delivered after the restart) instead of
     * keeping the shutdown waiting.
     */
    public void shutDownGates() {
        legacyGates.values().forEach(DeliveryGate::shutDown);
        ckafkaGates.values().forEach(DeliveryGate::shutDown);
    }

    @Override
    public void close() {
        stopper.shutdown();
    }
}
