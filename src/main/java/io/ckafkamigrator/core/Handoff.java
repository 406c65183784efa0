package io.ckafkamigrator.core;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last steps of one topic's migration: the cutover request, measuring the legacy group's
 * drain, retiring the legacy consumer's gate, saving MIGRATED and letting the CKafka consumer
 * deliver; and the handoff's two figures, measured once the first CKafka record is delivered.
 *
 * <p>Nothing on the path from "drained and requested" to the first CKafka delivery waits for a
 * group join or a polling round: the CKafka consumer has stood at its start offsets since the
 * switch ({@link WaitingConsumer}), the drain is reported by the legacy consumer's own commit
 * ({@link DrainWatch}), and a request hands over on its own thread.
 *
 * <p>Concurrency: every method but {@link #measureDrain} and {@link #measureDrainWhileMoving}
 * runs on the thread that holds the topic's lock (see {@link TopicMigration}), and the fields
 * below are guarded by it, but {@link #lastCommitted}: the topic's monitor thread alone uses it, in
 * {@link #measureDrainWhileMoving}, which the monitor runs without the lock.
 */
final class Handoff {

    // One logger for every line of a topic's migration, whichever step writes it.
    private static final Logger LOG = LoggerFactory.getLogger(TopicMigration.class);
    private static final Duration GATE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final TopicMigration migration;
    private final TopicConfig topic;
    private final MigrationServices services;
    private final Executor routeStopper;
    private final StrayScan strays;
    /** The legacy group's committed offsets of the previous round (monitor thread only). */
    private Map<Integer, Long> lastCommitted;
    /** {@link System#nanoTime()} of the cutover request in this process; 0 if it came before a restart. */
    private long requestedNanos;
    /** A handoff of this process whose figures wait for the first CKafka delivery; null when none. */
    private Measuring measuring;

    /** What a handoff of this process knew when it opened the CKafka gate (nanoTime, 0 = unknown). */
    private record Measuring(long couldStartNanos, long lastLegacyDeliveryNanos, long drainedNanos, long migratedNanos) {
    }

    Handoff(TopicMigration migration, MigrationServices services, Executor routeStopper) {
        this.migration = migration;
        this.topic = migration.config();
        this.services = services;
        this.routeStopper = routeStopper;
        this.strays = new StrayScan(topic.legacyTopic(), services.legacy(), services.identity());
    }

    /**
     * DRAINING to CUTTING_OVER (ordered topics): from now on the handoff happens as soon as the
     * legacy group has drained; refused while a foreign member is in the CKafka group. Our own
     * members are expected, a dead one from before a crash included.
     *
     * @return the topic's state after the request
     * @throws IllegalPhaseException before the producer switch
     */
    MigrationState request() {
        MigrationState state = migration.state();
        if (state.phase() == Phase.LEGACY) {
            throw new IllegalPhaseException(topic.name(), Phase.LEGACY, "a cutover (switch the producer first)");
        }
        if (state.phase() == Phase.MIGRATED) {
            return state;
        }
        // Refused at once, with its code, rather than accepted and held without a word.
        migration.refuseRecorded(migration.holds()::verify);
        if (state.phase() != Phase.DRAINING || topic.ordering() == Ordering.UNORDERED) {
            return state;
        }
        migration.refuseRecorded(migration.membership()::verify);
        MigrationState cuttingOver = migration.save(state.moveTo(Phase.CUTTING_OVER, services.clock().instant()));
        requestedNanos = System.nanoTime();
        LOG.info("Cutover requested: topic={} phase=CUTTING_OVER ckafkaGroup={} ckafkaStart={}", topic.name(),
                topic.ckafkaGroup(), cuttingOver.ckafkaStartOffsets());
        return cuttingOver;
    }

    /**
     * As {@link #measureDrain}, but a partition whose committed offset moved since the previous
     * round counts as not drained without probing: its consumer is still delivering, and the
     * probe (a fetch from the committed offset) would only slow the round that sees the last
     * commit. A partition stopped short of its target (transaction markers, compaction gaps)
     * is probed the round after it stopped. What lies past the target is read here, within
     * {@link StrayScan#READ_BUDGET_MS}, and only here: every other measurement uses what this read.
     */
    DrainReport measureDrainWhileMoving() {
        String legacyTopic = topic.legacyTopic();
        ClusterOffsets legacy = services.legacy();
        Map<Integer, Long> target = migration.state().drainTarget();
        GroupOffsets offsets = legacy.groupOffsets(topic.legacyGroup(), legacyTopic, target.keySet());
        Map<Integer, Long> committed = offsets.committed();
        Map<Integer, Long> previous = lastCommitted;
        lastCommitted = committed;
        long deadline = System.nanoTime() + StrayScan.READ_BUDGET_MS * 1_000_000;
        return DrainRule.evaluate(target, committed, offsets.logStart(), offsets.end(),
                (p, from, to) -> previous == null || !Objects.equals(previous.get(p), committed.get(p))
                        || legacy.hasRecords(legacyTopic, p, from, to),
                (p, from, to) -> strays.read(p, from, to, deadline));
    }

    /**
     * The legacy group against the drain target of {@code state}, right now; records past the
     * target count as the monitor's last read found them (unread ones as stray writes), so this
     * never reads them itself: it runs under the lock in the handoff, and on request threads.
     */
    DrainReport measureDrain(MigrationState state) {
        String legacyTopic = topic.legacyTopic();
        ClusterOffsets legacy = services.legacy().forHandoff();
        GroupOffsets offsets = legacy.groupOffsets(topic.legacyGroup(), legacyTopic, state.drainTarget().keySet());
        return DrainRule.evaluate(state.drainTarget(), offsets.committed(), offsets.logStart(), offsets.end(),
                (p, from, to) -> legacy.hasRecords(legacyTopic, p, from, to), strays::known);
    }

    /**
     * Ordered topics, requested and drained ({@code drainedNanos}, 0 if the moment is unknown):
     * hands over once the waiting CKafka consumer holds every partition at its start offsets and
     * no foreign member is in its group ({@link VerifiedMembership}). The legacy consumer
     * delivers until then.
     */
    void handOver(long drainedNanos) throws InterruptedException {
        MigrationState state = migration.state();
        if (state.phase() != Phase.CUTTING_OVER || !migration.waitingConsumer().holdsAt(state.ckafkaStartOffsets())) {
            return;
        }
        migration.holds().verify();
        long couldStart = drainedNanos == 0 ? 0 : Math.max(drainedNanos, requestedNanos);
        long started = System.nanoTime();
        // Looked at by the request or the monitor for this generation, normally: no round trip here.
        migration.membership().verifyUnlessHolding();
        if (!retireLegacyAndMigrate(state)) {
            return;
        }
        long migrated = System.nanoTime();
        DeliveryGate ckafkaGate = migration.ckafkaGate();
        ckafkaGate.markFirstDelivery();
        ckafkaGate.open();
        migration.waitingConsumer().wake();
        // Drain detection is measured only when the drain came after the request (in this
        // process, or after a restart in CUTTING_OVER); otherwise the request started the handoff.
        measuring = new Measuring(couldStart, migration.legacyGate().lastDeliveryNanos(),
                drainedNanos >= requestedNanos ? drainedNanos : 0, migrated);
        LOG.info("Handoff done: topic={} phase=MIGRATED legacyCommitted={} ckafkaStart={} startedAfterMs={} tookMs={}",
                topic.name(), state.drainTarget(), state.ckafkaStartOffsets(), millis(couldStart, started),
                millis(started, migrated));
    }

    /** Unordered topics: CKafka already delivers; legacy stops once drained. */
    void retireLegacy() throws InterruptedException {
        MigrationState state = migration.state();
        if (state.phase() != Phase.DRAINING) {
            return;
        }
        migration.holds().verify();
        if (retireLegacyAndMigrate(state)) {
            LOG.info("Legacy drained: topic={} phase=MIGRATED ordering=UNORDERED drainTarget={}", topic.name(),
                    state.drainTarget());
        }
    }

    /**
     * Closes the legacy gate for good, verifies the drain with the legacy consumer unable to
     * deliver (what it committed is then final) and that no partition was added meanwhile, saves
     * MIGRATED and stops the legacy route. If any step fails or refuses, or the drain is not
     * complete, the gate is reopened and nothing changed.
     */
    private boolean retireLegacyAndMigrate(MigrationState state) throws InterruptedException {
        DeliveryGate legacyGate = migration.legacyGate();
        boolean migrated = false;
        try {
            if (!legacyGate.retire(GATE_TIMEOUT)) {
                throw new IllegalStateException("the legacy consumer did not finish its delivery within " + GATE_TIMEOUT);
            }
            services.faultHook().reached(topic.name(), HandoffFaultHook.Step.LEGACY_RETIRED);
            if (!measureDrain(state).readyForHandoff()) {
                return false;
            }
            // The drain measurement looks at the target's partitions only.
            migration.holds().verifyPartitionsNow(state);
            migration.save(state.moveTo(Phase.MIGRATED, services.clock().instant()));
            migrated = true;
        } finally {
            if (!migrated) {
                legacyGate.reopen();
            }
        }
        services.faultHook().reached(topic.name(), HandoffFaultHook.Step.MIGRATED_SAVED);
        routeStopper.execute(() -> services.routes().stop(topic.legacyConsumerRoute(), STOP_TIMEOUT));
        return true;
    }

    /**
     * Once MIGRATED and the first CKafka record delivered: saves the handoff's figures. Only a
     * handoff of this process is measured; one a restart interrupted keeps both figures unknown.
     */
    void recordFigures() {
        long firstCkafka = migration.ckafkaGate().firstDeliveryNanos();
        Measuring m = measuring;
        if (m == null || firstCkafka == 0) {
            return;
        }
        measuring = null;
        Optional<Long> pause = since(m.couldStartNanos(), firstCkafka);
        Optional<Long> gap = since(m.lastLegacyDeliveryNanos(), firstCkafka);
        Optional<Long> detection = since(m.drainedNanos(), m.migratedNanos());
        MigrationState measured = migration.save(migration.state().withHandoffFigures(pause, gap));
        services.audit().record(AuditEvent.handoffMeasured(measured, detection, services.clock().instant()));
        LOG.info("Handoff measured: topic={} handoffPauseMs={} deliveryGapMs={} drainDetectionMs={} "
                + "migratedToFirstDeliveryMs={}", topic.name(), pause.orElse(null), gap.orElse(null),
                detection.orElse(null), millis(m.migratedNanos(), firstCkafka));
    }

    private static String millis(long fromNanos, long toNanos) {
        return fromNanos == 0 ? "unknown" : String.format(java.util.Locale.ROOT, "%.1f", (toNanos - fromNanos) / 1e6);
    }

    private static Optional<Long> since(long fromNanos, long toNanos) {
        return fromNanos == 0 ? Optional.empty() : Optional.of(Duration.ofNanos(toNanos - fromNanos).toMillis());
    }
}
