package io.ckafkamigrator.core;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one topic's monitor rounds ({@link MonitorRound}) on an executor of that topic alone,
 * one at a time, so a topic whose round is slow (an admin call or a drain probe waiting for its
 * timeout) or failing never delays another topic's round or handoff.
 *
 * <ol>
 *   <li>{@link #start} never waits: it queues a round, or skips it while the previous round of
 *       this topic still runs (rounds of a topic never overlap or pile up).</li>
 *   <li>A round that throws ends there: the error is logged once per distinct message, on this
 *       topic only; the next timer tick runs the next round.</li>
 * </ol>
 *
 * <p>Concurrency: {@link #start} runs on the control route's timer thread, the round on the
 * topic's executor; {@link #running} is the only state they share.
 */
final class TopicRounds {

    // One logger for every line of a topic's migration, whichever step writes it.
    private static final Logger LOG = LoggerFactory.getLogger(TopicMigration.class);

    private final TopicMigration migration;
    private final Executor executor;
    private final AtomicBoolean running = new AtomicBoolean();
    /** The message of the last failed round, cleared by a round that succeeds (the topic's executor only). */
    private String lastFailure;

    TopicRounds(TopicMigration migration, Executor executor) {
        this.migration = migration;
        this.executor = executor;
    }

    /**
     * Queues the topic's next round unless its previous one still runs; returns at once. A round
     * queued is part of {@code tick}'s span until it ends.
     */
    void start(MonitorTick.Span tick) {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        tick.enter();
        try {
            executor.execute(() -> run(tick));
        } catch (RejectedExecutionException e) {
            running.set(false); // the app is stopping
            tick.exit();
        }
    }

    private void run(MonitorTick.Span tick) {
        try {
            migration.tick();
            if (lastFailure != null) {
                LOG.info("Monitor round recovered: topic={}", migration.config().name());
                lastFailure = null;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // Saving the failure as lastError failed too (a state directory that cannot be written).
            if (!Objects.equals(lastFailure, String.valueOf(e.getMessage()))) {
                LOG.warn("Monitor round failed, will retry: topic={} error={}", migration.config().name(), e.toString());
            }
            lastFailure = String.valueOf(e.getMessage());
        } finally {
            running.set(false);
            tick.exit();
        }
    }
}
