package io.ckafkamigrator.core;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One topic's migration: its saved state, its two delivery gates and the steps that move it
 * from phase to phase (the producer switch, the cutover request, the handoff). Each
 * transition is saved before it acts.
 *
 * <p>Concurrency: every step that changes the topic runs under the topic's lock, taken by
 * request threads ({@link #switchProducer}, {@link #requestCutover}), by a handoff thread when
 * the legacy consumer reports the commit that drained it ({@link #legacyCommitted}), and by
 * the monitor thread ({@link #tick}, which skips a round while another holds it), so two
 * concurrent cutover requests make one handoff. Reads ({@link #state}, {@link #lastDrainReport},
 * the gates) take no lock: the fields they read are volatile or final.
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
    private final Executor handoffs;
    private final DrainWatch drainWatch = new DrainWatch();
    private final WaitingConsumer waitingConsumer = new WaitingConsumer();
    private final VerifiedMembership membership;
    /** A handoff attempt is queued on {@link #handoffs}; one is enough however many commits ask. */
    private final AtomicBoolean attemptQueued = new AtomicBoolean();
    private final ReentrantLock lock = new ReentrantLock();
    private volatile MigrationState state;
    private volatile DrainReport lastReport;
    private volatile DeliveryGate legacyGate;
    private volatile DeliveryGate ckafkaGate;

    TopicMigration(TopicConfig topic, MigrationServices services, Executor routeStopper, Executor handoffs) {
        this.topic = topic;
        this.services = services;
        this.switching = new SwitchToCkafka(this, services);
        this.handoff = new Handoff(this, services, routeStopper);
        this.handoffs = handoffs;
        this.membership = new VerifiedMembership(topic, services, waitingConsumer);
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

    /** The ordered topic's CKafka consumer while it waits for the handoff (see {@link WaitingConsumer}). */
    public WaitingConsumer waitingConsumer() {
        return waitingConsumer;
    }

    /** The last look at the CKafka group that found no foreign member. */
    VerifiedMembership membership() {
        return membership;
    }

    /**
     * The legacy consumer committed {@code offsets} (partition to next offset); called on its
     * thread right after the commit returned. The commit that reaches the drain target queues
     * the handoff at once, without waiting for the monitor's next round.
     */
    public void legacyCommitted(Map<Integer, Long> offsets) {
        if (drainWatch.committed(offsets, System.nanoTime())) {
            queueHandoff();
        }
    }

    private void queueHandoff() {
        if (attemptQueued.compareAndSet(false, true)) {
            handoffs.execute(() -> {
                attemptQueued.set(false);
                try {
                    locked(() -> {
                        tryHandOver();
                        return null;
                    });
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }

    /** From now on the drain is watched against {@code target}; {@code committed} is what the group had. */
    void watchDrain(Map<Integer, Long> target, Map<Integer, Long> committed) {
        drainWatch.watch(target, committed, System.nanoTime());
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
            if (topic.ordering() == Ordering.ORDERED) {
                // Started in every phase: before the switch it waits in its group with its
                // partitions paused, so no group join is left for the handoff. No member check
                // here: after a crash our dead member lingers until its session times out.
                if (phase != Phase.LEGACY && phase != Phase.MIGRATED) {
                    waitingConsumer.positionAt(state.ckafkaStartOffsets());
                }
                services.routes().start(topic.ckafkaConsumerRoute());
            } else if (phase != Phase.LEGACY) {
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
            requestIfAutoCutover();
            return state;
        });
    }

    /**
     * DRAINING to CUTTING_OVER (ordered topics): from now on the handoff happens as soon as the
     * legacy group has drained. The CKafka consumer has been joined, and held, since the switch.
     */
    public MigrationState requestCutover() throws InterruptedException {
        return locked(() -> {
            handoff.request();
            tryHandOver();
            return state;
        });
    }

    /** An autoCutover topic whose switch is complete is requested at once, on the switch's thread. */
    private void requestIfAutoCutover() throws InterruptedException {
        if (topic.autoCutover() && state.phase() == Phase.DRAINING && switching.complete()) {
            handoff.request();
            tryHandOver();
        }
    }

    /** A handoff attempt under the lock: a failure is saved as lastError, the monitor retries. */
    private void tryHandOver() throws InterruptedException {
        try {
            handOverIfReady();
        } catch (RuntimeException e) {
            recordFailure(e);
        }
    }

    /**
     * Hands over if the topic is ready: switched completely, drained by the legacy consumer's
     * commits or by the monitor's measurement, and (ordered) requested.
     */
    private void handOverIfReady() throws InterruptedException {
        if (state.phase() == Phase.LEGACY || state.phase() == Phase.MIGRATED || !switching.complete()) {
            return;
        }
        long drained = drainWatch.reachedNanos();
        if (drained == 0) {
            return;
        }
        if (topic.ordering() == Ordering.UNORDERED) {
            handoff.retireLegacy();
        } else {
            handoff.handOver(drained);
        }
    }

    /**
     * One monitor round: measures the drain and hands the topic over once it is ready. A topic
     * busy with a request (a switch may wait for legacy sends) is skipped until the next round,
     * so it cannot hold up the other topics. A failure is saved once per distinct error.
     */
    void tick() throws InterruptedException {
        Boolean measure = tryLocked(this::prepareRound);
        if (measure == null || !measure) {
            return;
        }
        // The admin calls run without the lock, so a handoff that a legacy commit or a request
        // starts meanwhile never waits for them.
        DrainReport report;
        try {
            report = handoff.measureDrainWhileMoving();
            if (state.phase() == Phase.CUTTING_OVER && topic.ordering() == Ordering.ORDERED) {
                membership.verifyUnlessHolding();
            }
        } catch (RuntimeException e) {
            tryLocked(() -> {
                recordFailure(e);
                return null;
            });
            return;
        }
        lastReport = report;
        tryLocked(() -> {
            requestIfAutoCutover();
            if (report.readyForHandoff()) {
                // Only on the measurement's word: a handoff that the cross-check refused (stray
                // writes, say) is not retried, with the legacy gate closed each time, every round.
                drainWatch.reachedAt(System.nanoTime());
                handOverIfReady();
            }
            return null;
        });
    }

    /** Runs {@code step} under the lock unless another thread holds it; null if skipped or failed. */
    private <T> T tryLocked(LockedStep<T> step) throws InterruptedException {
        if (!lock.tryLock()) {
            return null;
        }
        try {
            return step.run();
        } catch (RuntimeException e) {
            recordFailure(e);
            return null;
        } finally {
            lock.unlock();
        }
    }

    /** Saves a failed step's error once per distinct error; the next round retries. */
    private void recordFailure(RuntimeException e) {
        if (!state.lastError().equals(Optional.ofNullable(e.getMessage()))) {
            LOG.warn("Migration step failed, will retry: topic={} error={}", topic.name(), e.toString());
            save(state.withError(e.getMessage()));
        }
    }

    /**
     * The locked part of the monitor's round before it measures: records the handoff's
     * figures, finishes a switch.
     *
     * @return whether to measure the drain (through the admin client, the fallback for what
     *         commits alone cannot show: a target past a transaction marker or below the log
     *         start, a restart)
     */
    private Boolean prepareRound() throws InterruptedException {
        Phase phase = state.phase();
        if (phase == Phase.MIGRATED) {
            handoff.recordFigures();
            return false;
        }
        if (phase == Phase.LEGACY) {
            return false;
        }
        if (!switching.complete()) {
            switching.finish();
        }
        // After a restart the target was captured by the process before: watch it from here.
        drainWatch.watchIfIdle(state.drainTarget(), System.nanoTime());
        return !state.drainTarget().isEmpty();
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
