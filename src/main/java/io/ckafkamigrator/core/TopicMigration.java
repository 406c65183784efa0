package io.ckafkamigrator.core;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One topic's migration: its saved state, its two delivery gates and the steps that move it
 * from phase to phase (the producer switch, the cutover request, the handoff). Each
 * transition is saved before it acts.
 *
 * <p>Concurrency: every step that changes the topic runs under the topic's lock, taken by
 * request threads ({@link #switchProducer}, {@link #requestCutover}) and by the monitor thread
 * ({@link #tick}, which skips a round while a request holds it), so two concurrent cutover
 * requests make one handoff. Reads ({@link #state}, {@link #lastDrainReport}, the gates) take
 * no lock: the fields they read are volatile or final.
 *
 * <p>Lifecycle: {@link #load} once before any route starts, {@link #startConsumers} once all
 * routes started, {@link #shutDownGates} when the app begins to stop.
 */
public final class TopicMigration {

    private static final Logger LOG = LoggerFactory.getLogger(TopicMigration.class);
    // How long a switch waits for the legacy sends under way before capturing the drain target.
    private static final Duration LEGACY_SENDS_TIMEOUT = Duration.ofSeconds(30);

    private final TopicConfig topic;
    private final MigrationServices services;
    private final Handoff handoff;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile MigrationState state;
    private volatile DrainReport lastReport;
    private volatile DeliveryGate legacyGate;
    private volatile DeliveryGate ckafkaGate;
    private boolean ckafkaStarted; // guarded by lock

    TopicMigration(TopicConfig topic, MigrationServices services, Executor routeStopper) {
        this.topic = topic;
        this.services = services;
        this.handoff = new Handoff(this, services, routeStopper);
    }

    public TopicConfig config() {
        return topic;
    }

    public MigrationState state() {
        return state;
    }

    /** The drain measured by the last monitor round, if the topic is draining. */
    public Optional<DrainReport> lastDrainReport() {
        return Optional.ofNullable(lastReport);
    }

    public DeliveryGate legacyGate() {
        return legacyGate;
    }

    public DeliveryGate ckafkaGate() {
        return ckafkaGate;
    }

    /**
     * Reads the saved phase (or saves LEGACY for a new topic) and sets the producer and the
     * gates. Runs before any route starts, so no record is sent before its phase is known.
     *
     * @throws StateStoreException if the saved state cannot be read, or was lost after a switch
     */
    void load() {
        MigrationState loaded = services.store().load(topic.name()).orElseGet(() -> {
            // The CKafka group gets offsets only at the switch: with offsets but no state file,
            // the state was lost (wrong folder, lost volume), and starting in LEGACY would send
            // the producer back to legacy.
            if (!services.ckafka().committedOffsets(topic.ckafkaGroup(), topic.ckafkaTopic()).isEmpty()) {
                throw new StateStoreException("no migration state for topic '" + topic.name() + "' although CKafka "
                        + "group '" + topic.ckafkaGroup() + "' has committed offsets, so it was switched before: "
                        + "restore its state file into migration.state-dir (or, to start over, delete that group)", null);
            }
            return save(MigrationState.initial(topic.name(), services.clock().instant()));
        });
        state = loaded;
        Phase phase = loaded.phase();
        services.producers().initialise(topic.name(), phase);
        legacyGate = new DeliveryGate(topic.legacyConsumerRoute(),
                phase == Phase.MIGRATED ? DeliveryGate.State.RETIRED : DeliveryGate.State.OPEN);
        boolean ckafkaDelivers = phase == Phase.MIGRATED || (phase == Phase.DRAINING && topic.ordering() == Ordering.UNORDERED);
        ckafkaGate = new DeliveryGate(topic.ckafkaConsumerRoute(),
                ckafkaDelivers ? DeliveryGate.State.OPEN : DeliveryGate.State.HOLD);
    }

    /** Starts the consumer routes the saved phase calls for. */
    void startConsumers() {
        lock.lock();
        try {
            Phase phase = state.phase();
            if (phase != Phase.MIGRATED) {
                services.routes().start(topic.legacyConsumerRoute());
            }
            if (phase != Phase.LEGACY) {
                // No member check here: after a crash the dead instance's membership lingers until
                // its session times out, and the group's offsets were committed at the switch.
                CkafkaGroupCheck.ensureStartOffsets(topic, state, services.ckafka(), false);
                services.routes().start(topic.ckafkaConsumerRoute());
                ckafkaStarted = true;
            }
        } finally {
            lock.unlock();
        }
        LOG.info("Migration resumed: topic={} phase={} producer={} ordering={}", topic.name(), state.phase(),
                state.phase().producerCluster(), topic.ordering());
    }

    /**
     * LEGACY to DRAINING: new records go to CKafka. Once DRAINING is saved the switch cannot be
     * undone; a step after that which fails is reported in {@code lastError} and finished by a
     * repeated request or by the monitor, never answered as if nothing changed.
     */
    public MigrationState switchProducer() throws InterruptedException {
        lock.lock();
        try {
            if (state.phase() == Phase.LEGACY) {
                // Captured before the switch: everything after these offsets is migrated traffic.
                Map<Integer, Long> ckafkaStart = services.ckafka().endOffsets(topic.ckafkaTopic());
                MigrationState switched = state.moveTo(Phase.DRAINING, services.clock().instant())
                        .withCkafkaStartOffsets(ckafkaStart);
                refuseRecorded(() -> CkafkaGroupCheck.ensureStartOffsets(topic, switched, services.ckafka(), true));
                save(switched);
                services.producers().switchToCkafka(topic.name());
                LOG.info("Producer switched: topic={} producer=ckafka ckafkaStart={}", topic.name(),
                        switched.ckafkaStartOffsets());
            }
            try {
                completeSwitch();
            } catch (RuntimeException e) {
                LOG.warn("Switch of topic={} saved but not finished, will retry: {}", topic.name(), e.toString());
                save(state.withError(e.getMessage()));
            }
            return state;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The steps after a saved switch, safe to repeat: capture the drain target once no legacy
     * send is under way, and start the CKafka consumer (held at its gate if ordered, so the
     * handoff later need not wait for its group join). Caller holds the lock.
     */
    private void completeSwitch() throws InterruptedException {
        if (state.phase() == Phase.LEGACY || state.phase() == Phase.MIGRATED) {
            return;
        }
        if (state.drainTarget().isEmpty() && services.producers().awaitNoLegacySends(topic.name(), LEGACY_SENDS_TIMEOUT)) {
            save(state.withDrainTarget(services.legacy().endOffsets(topic.legacyTopic())));
            LOG.info("Drain target captured: topic={} drainTarget={}", topic.name(), state.drainTarget());
        }
        if (!ckafkaStarted) {
            if (topic.ordering() == Ordering.UNORDERED) {
                ckafkaGate.open();
            } else if (state.phase() == Phase.DRAINING) {
                ckafkaGate.hold();
            }
            services.routes().start(topic.ckafkaConsumerRoute());
            ckafkaStarted = true;
        }
    }

    /**
     * DRAINING to CUTTING_OVER (ordered topics): from now on the handoff happens as soon as the
     * legacy group has drained. The CKafka consumer has been joined, and held, since the switch.
     */
    public MigrationState requestCutover() throws InterruptedException {
        lock.lock();
        try {
            return requestCutoverLocked();
        } finally {
            lock.unlock();
        }
    }

    private MigrationState requestCutoverLocked() {
        if (state.phase() == Phase.LEGACY) {
            throw new IllegalPhaseException(topic.name(), Phase.LEGACY, "a cutover (switch the producer first)");
        }
        if (state.phase() != Phase.DRAINING || topic.ordering() == Ordering.UNORDERED) {
            return state;
        }
        refuseRecorded(() -> CkafkaGroupCheck.refuseForeignMembers(topic, services.ckafka().activeMembers(topic.ckafkaGroup())));
        save(state.moveTo(Phase.CUTTING_OVER, services.clock().instant()));
        LOG.info("Cutover requested: topic={} phase=CUTTING_OVER ckafkaGroup={} ckafkaStart={}", topic.name(),
                topic.ckafkaGroup(), state.ckafkaStartOffsets());
        return state;
    }

    /**
     * One monitor round: measures the drain and hands the topic over once it is ready. A topic
     * busy with a request (a switch may wait for legacy sends) is skipped until the next round,
     * so it cannot hold up the other topics. A failure is saved once per distinct error.
     */
    void tick() throws InterruptedException {
        if (!lock.tryLock()) {
            return;
        }
        try {
            tickLocked();
        } catch (RuntimeException e) {
            if (!state.lastError().equals(Optional.ofNullable(e.getMessage()))) {
                LOG.warn("Migration step failed, will retry: topic={} error={}", topic.name(), e.toString());
                save(state.withError(e.getMessage()));
            }
        } finally {
            lock.unlock();
        }
    }

    private void tickLocked() throws InterruptedException {
        Phase phase = state.phase();
        if (phase == Phase.MIGRATED) {
            handoff.recordPause();
            return;
        }
        if (phase == Phase.LEGACY) {
            return;
        }
        if (state.drainTarget().isEmpty() || !ckafkaStarted) {
            completeSwitch();
            return;
        }
        DrainReport report = handoff.measureDrainWhileMoving();
        lastReport = report;
        if (topic.ordering() == Ordering.UNORDERED) {
            if (report.readyForHandoff()) {
                handoff.retireLegacy();
            }
        } else if (phase == Phase.DRAINING && topic.autoCutover()) {
            requestCutoverLocked();
        } else if (phase == Phase.CUTTING_OVER && report.readyForHandoff()) {
            handoff.handOverWhenCkafkaHolds();
        }
    }

    /** The legacy group against the drain target, right now (no lock: reads only). */
    public DrainReport measureDrain() {
        return handoff.measureDrain(state);
    }

    /**
     * Called when the app begins to stop, before its routes stop: a consumer held at its gate
     * gives its record back (uncommitted, so it is delivered after the restart) instead of
     * keeping the shutdown waiting.
     */
    void shutDownGates() {
        legacyGate.shutDown();
        ckafkaGate.shutDown();
    }

    /** Saves {@code next} as the topic's state and records a transition or a captured drain target. */
    MigrationState save(MigrationState next) {
        MigrationState before = state;
        services.store().save(next);
        state = next;
        if (before == null || before.phase() != next.phase()) {
            services.audit().record(AuditEvent.transition("transition", before == null ? null : before.phase(), next,
                    services.clock().instant()));
        } else if (before.drainTarget().isEmpty() && !next.drainTarget().isEmpty()) {
            services.audit().record(AuditEvent.transition("drain-target", next.phase(), next, services.clock().instant()));
        }
        return next;
    }

    /** Runs a safety check; a refusal is saved as the topic's last error before it reaches the caller. */
    private void refuseRecorded(Runnable check) {
        try {
            check.run();
        } catch (HandoffRefusedException e) {
            save(state.withError(e.getMessage()));
            throw e;
        }
    }
}
