package io.ckafkamigrator.core;

import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What hands one topic over the moment it is ready, without waiting for the monitor's next
 * round: the legacy consumer's commit that reaches the drain target, the cutover request, and
 * the producer switch of an autoCutover topic. Each queues an attempt on a handoff thread
 * ({@code migration-handoff-*}), which hands over only if the topic is
 * ready (switched completely, drained, and requested if ordered); the monitor's round
 * ({@link MonitorRound}) queues one again when its measurement finds the topic drained.
 *
 * <p>Concurrency: {@link #legacyCommitted} runs on the legacy consumer's thread and takes no
 * lock: it only queues an attempt on a handoff thread, which takes the topic's lock
 * ({@link TopicLock#locked}). Every other method runs on the thread that holds the lock; a
 * request queues its attempt and returns, so no request thread waits for a handoff.
 */
final class HandoffTriggers {

    private final TopicMigration migration;
    private final TopicConfig topic;
    private final SwitchToCkafka switching;
    private final Handoff handoff;
    /** The handoff of external consumers; null for hosted ones. */
    private final ExternalHandoff external;
    private final DrainWatch drainWatch;
    private final TopicLock lock;
    private final Executor handoffs;
    /** A handoff attempt is queued on {@link #handoffs}; one is enough however many commits ask. */
    private final AtomicBoolean attemptQueued = new AtomicBoolean();

    HandoffTriggers(TopicMigration migration, SwitchToCkafka switching, Handoff handoff, ExternalHandoff external,
            DrainWatch drainWatch, TopicLock lock, Executor handoffs) {
        this.migration = migration;
        this.topic = migration.config();
        this.switching = switching;
        this.handoff = handoff;
        this.external = external;
        this.drainWatch = drainWatch;
        this.lock = lock;
        this.handoffs = handoffs;
    }

    /** @see TopicMigration#legacyCommitted */
    void legacyCommitted(Map<Integer, Long> offsets) {
        if (drainWatch.committed(offsets, System.nanoTime())) {
            queueHandoff();
        }
    }

    /** Queues a handoff attempt on a handoff thread; one queued attempt serves every trigger until it runs. */
    void queueHandoff() {
        if (attemptQueued.compareAndSet(false, true)) {
            handoffs.execute(() -> {
                try {
                    lock.locked(() -> {
                        // Cleared once the lock is held: a trigger before this point is served by
                        // this attempt, which reads the topic as it is now; a later one queues anew.
                        attemptQueued.set(false);
                        tryHandOver();
                        return null;
                    });
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }

    /**
     * The cutover request (see {@link Handoff#request}), and a handoff attempt queued at once:
     * it runs on a handoff thread as soon as the request lets go of the lock, so the request is
     * answered without waiting for the handoff (which may wait up to 30 s for a legacy delivery
     * under way).
     */
    void requestCutover() {
        handoff.request();
        queueHandoff();
    }

    /** An autoCutover topic whose switch is complete is requested at once, on the switch's thread. */
    void requestIfAutoCutover() throws InterruptedException {
        if (topic.autoCutover() && migration.state().phase() == Phase.DRAINING && switching.complete()) {
            requestCutover();
        }
    }

    /** A handoff attempt under the lock: a failure is saved as lastError, the monitor retries. */
    private void tryHandOver() throws InterruptedException {
        try {
            handOverIfReady();
        } catch (RuntimeException e) {
            lock.recordFailure(e);
        }
    }

    /**
     * Hands over if the topic is ready: switched completely, drained by the legacy consumer's
     * commits or by the monitor's measurement, and (ordered) requested; external consumers by
     * {@link ExternalHandoff}, which verifies everything again itself.
     */
    private void handOverIfReady() throws InterruptedException {
        Phase phase = migration.state().phase();
        if (phase == Phase.LEGACY || phase == Phase.MIGRATED || !switching.complete()) {
            return;
        }
        long drained = drainWatch.reachedNanos();
        if (drained == 0) {
            return;
        }
        if (external != null) {
            external.handOver();
        } else if (topic.ordering() == Ordering.UNORDERED) {
            handoff.retireLegacy();
        } else {
            handoff.handOver(drained);
        }
    }
}
