package io.ckafkamigrator.core;

import java.util.Optional;

/**
 * One topic's part of the monitor's round: finishes a saved switch, measures the drain through
 * the admin client, looks at the CKafka group of a requested ordered topic, queues the handoff
 * once the measurement finds the topic drained and nothing else holds it ({@link HandoffHolds},
 * looked at in the same unlocked step: an expired CKafka backlog, new partitions), on a handoff
 * thread as every other trigger of {@link HandoffTriggers} does, so a handoff that waits never
 * holds up the other topics' rounds; and saves a finished handoff's figures. A LEGACY topic's
 * round only reads, every two seconds, what its switch will need ({@link SwitchReadings#check}).
 * Which cluster each round could or could not read goes to the topic's {@link OffsetReadHealth}.
 *
 * <p>Concurrency: runs on the topic's own monitor thread ({@link TopicRounds}), one round at a
 * time, in three steps: prepare under the topic's lock, measure without it, act under the lock
 * again. Each locked step is skipped while another thread holds the lock
 * ({@link TopicLock#tryLocked}), so a topic busy with a request (a switch may wait for legacy
 * sends) skips its round rather than queue it; other topics' rounds run on threads of their
 * own and never wait for this one. {@link #lastReport} is written by the topic's monitor
 * thread alone and read by any; it is volatile.
 */
final class MonitorRound {

    // One logger for every line of a topic's migration, whichever step writes it.
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TopicMigration.class);

    // Shorter than OffsetReadHealth.GRACE, so that one failed read is followed by a good one
    // before readiness would report it; every LEGACY topic reads in the same tick (Cadence), so
    // the reads of all of them travel in the same calls.
    private static final long SWITCH_CHECK_INTERVAL_NANOS = 2_000_000_000L;

    private final TopicMigration migration;
    private final TopicConfig topic;
    private final SwitchToCkafka switching;
    private final Handoff handoff;
    private final DrainWatch drainWatch;
    private final VerifiedMembership membership;
    private final HandoffTriggers triggers;
    private final TopicLock lock;
    private final MigrationServices services;
    private final OffsetReadHealth health;
    /** The watch over external consumer services; null for hosted consumers. */
    private final ExternalConsumers external;
    private volatile DrainReport lastReport;
    /** When a LEGACY round reads what the switch will need (monitor thread only). */
    private final Cadence switchChecks = new Cadence(SWITCH_CHECK_INTERVAL_NANOS);

    MonitorRound(TopicMigration migration, SwitchToCkafka switching, Handoff handoff, DrainWatch drainWatch,
            VerifiedMembership membership, HandoffTriggers triggers, TopicLock lock, MigrationServices services,
            OffsetReadHealth health, ExternalConsumers external) {
        this.migration = migration;
        this.topic = migration.config();
        this.switching = switching;
        this.handoff = handoff;
        this.drainWatch = drainWatch;
        this.membership = membership;
        this.triggers = triggers;
        this.lock = lock;
        this.services = services;
        this.health = health;
        this.external = external;
    }

    /** The drain measured by the last round, if the topic is draining. */
    Optional<DrainReport> lastReport() {
        return Optional.ofNullable(lastReport);
    }

    /**
     * One round: measures the drain and hands the topic over once it is ready. A failure is
     * saved once per distinct error; a failed read of a cluster, and the next one that succeeds,
     * are told to the topic's {@link OffsetReadHealth}.
     */
    void tick() throws InterruptedException {
        long started = System.nanoTime();
        if (external != null) {
            lookAtExternalConsumers(started);
        }
        if (migration.state().phase() == Phase.LEGACY) {
            checkSwitchReadings(started);
            return;
        }
        Boolean measure = lock.tryLocked(() -> prepareRound(started));
        if (measure == null || !measure) {
            return;
        }
        // The admin calls run without the lock, so a handoff that a legacy commit or a request
        // starts meanwhile never waits for them.
        DrainReport report;
        try {
            report = handoff.measureDrainWhileMoving();
            health.read(Cluster.LEGACY);
            if (migration.holds().measure(migration.state(), report)) {
                health.read(Cluster.CKAFKA);
            }
            // External consumers have no waiting consumer of ours: their CKafka group is ExternalConsumers'.
            if (migration.state().phase() == Phase.CUTTING_OVER && topic.ordering() == Ordering.ORDERED
                    && external == null) {
                membership.verifyUnlessHolding();
            }
        } catch (RuntimeException e) {
            if (e instanceof ClusterReadException read) {
                health.failed(read, started);
            }
            lock.tryLocked(() -> {
                lock.recordFailure(e);
                return null;
            });
            return;
        }
        lastReport = report;
        lock.tryLocked(() -> {
            triggers.requestIfAutoCutover();
            // A measurement of a target the operator moved meanwhile says nothing of the new one.
            boolean current = report.targets().equals(migration.state().drainTarget());
            if (current && report.readyForHandoff() && !migration.holds().holding()) {
                // Only on the measurement's word: a handoff that the cross-check refused (stray
                // writes, say) is not retried, with the legacy gate closed each time, every round.
                drainWatch.reachedAt(report.targets(), System.nanoTime());
                triggers.queueHandoff();
            }
            return null;
        });
    }

    /**
     * External consumers: their groups looked at every two seconds, without the lock (reads
     * only); a failed look is logged and tried again at the next interval.
     */
    private void lookAtExternalConsumers(long now) {
        try {
            external.look(now);
        } catch (RuntimeException e) {
            LOG.debug("Consumer groups not looked at: topic={} error={}", topic.name(), e.toString());
        }
    }

    /**
     * A LEGACY topic reads, every two seconds and without the lock, what its switch will need: its
     * readiness then shows a switch that would be refused. Nothing is saved.
     */
    private void checkSwitchReadings(long now) {
        if (!switchChecks.due(now)) {
            return;
        }
        SwitchReadings.check(topic, services, health, now);
    }

    /**
     * The locked part of the round before it measures: records the handoff's figures, finishes
     * a switch.
     *
     * @return whether to measure the drain (through the admin client, the fallback for what
     *         commits alone cannot show: a target past a transaction marker or below the log
     *         start, a restart)
     */
    private Boolean prepareRound(long started) throws InterruptedException {
        Phase phase = migration.state().phase();
        if (phase == Phase.MIGRATED) {
            handoff.recordFigures();
            return false;
        }
        if (phase == Phase.LEGACY) {
            return false;
        }
        if (!switching.complete()) {
            try {
                switching.finish();
                health.read(Cluster.LEGACY); // the drain target could be captured
            } catch (ClusterReadException e) {
                health.failed(e, started); // a drain target that cannot be captured
                throw e;
            }
        }
        // Read after finish(), which may have captured the target. After a restart the target was
        // captured by the process before: watch it from here.
        MigrationState state = migration.state();
        drainWatch.watchIfIdle(state.drainTarget(), System.nanoTime());
        return !state.drainTarget().isEmpty();
    }
}
