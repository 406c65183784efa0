package io.ckafkamigrator.core;

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

    private final TopicConfig topic;
    private final MigrationServices services;
    private final SwitchToCkafka switching;
    private final Handoff handoff;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile MigrationState state;
    private volatile DrainReport lastReport;
    private volatile DeliveryGate legacyGate;
    private volatile DeliveryGate ckafkaGate;

    TopicMigration(TopicConfig topic, MigrationServices services, Executor routeStopper) {
        this.topic = topic;
        this.services = services;
        this.switching = new SwitchToCkafka(this, services);
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
            CkafkaGroupCheck.refuseLostState(topic, services.ckafka());
            return save(MigrationState.initial(topic.name(), services.clock().instant()));
        });
        state = loaded;
        Phase phase = loaded.phase();
        services.producers().initialise(topic.name(), phase);
        legacyGate = DeliveryGate.ofLegacyConsumer(topic, phase);
        ckafkaGate = DeliveryGate.ofCkafkaConsumer(topic, phase);
    }

    /** Starts the consumer routes the saved phase calls for. */
    void startConsumers() throws InterruptedException {
        locked(() -> {
            Phase phase = state.phase();
            if (phase != Phase.MIGRATED) {
                services.routes().start(topic.legacyConsumerRoute());
            }
            if (phase != Phase.LEGACY) {
                // No member check here: after a crash the dead instance's membership lingers until
                // its session times out, and the group's offsets were committed at the switch.
                CkafkaGroupCheck.ensureStartOffsets(topic, state, services.ckafka(), false);
                services.routes().start(topic.ckafkaConsumerRoute());
                switching.ckafkaStarted();
            }
            return phase;
        });
        LOG.info("Migration resumed: topic={} phase={} producer={} ordering={}", topic.name(), state.phase(),
                state.phase().producerCluster(), topic.ordering());
    }

    /**
     * LEGACY to DRAINING: new records go to CKafka. Once DRAINING is saved the switch cannot be
     * undone; a step after that which fails is reported in {@code lastError} and finished by a
     * repeated request or by the monitor, never answered as if nothing changed.
     */
    public MigrationState switchProducer() throws InterruptedException {
        return locked(() -> {
            switching.run();
            return state;
        });
    }

    /**
     * DRAINING to CUTTING_OVER (ordered topics): from now on the handoff happens as soon as the
     * legacy group has drained. The CKafka consumer has been joined, and held, since the switch.
     */
    public MigrationState requestCutover() throws InterruptedException {
        return locked(handoff::request);
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
        if (!switching.complete()) {
            switching.finish();
            return;
        }
        DrainReport report = handoff.measureDrainWhileMoving();
        lastReport = report;
        if (topic.ordering() == Ordering.UNORDERED) {
            if (report.readyForHandoff()) {
                handoff.retireLegacy();
            }
        } else if (phase == Phase.DRAINING && topic.autoCutover()) {
            handoff.request();
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
        AuditEvent.ofSave(before, next, services.clock().instant()).ifPresent(services.audit()::record);
        return next;
    }

    /** A step run while holding the topic's lock. */
    @FunctionalInterface
    private interface LockedStep<T> {
        T run() throws InterruptedException;
    }

    private <T> T locked(LockedStep<T> step) throws InterruptedException {
        lock.lock();
        try {
            return step.run();
        } finally {
            lock.unlock();
        }
    }

    /** Runs a safety check; a refusal is saved as the topic's last error before it reaches the caller. */
    void refuseRecorded(Runnable check) {
        try {
            check.run();
        } catch (HandoffRefusedException e) {
            save(state.withError(e.getMessage()));
            throw e;
        }
    }
}
