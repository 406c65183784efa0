package io.ckafkamigrator.core;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads of one {@link MigrationControl}: each topic's monitor thread, the handoff threads
 * and the route stopper; and their shutdown, which waits for them.
 *
 * <ol>
 *   <li>{@link #close} returns once every thread ended, or after {@link #CLOSE_TIMEOUT} over all
 *       of them: a handoff under way (its gate wait is 30 s) finishes and saves its outcome
 *       first, so whatever lets go of the state directory after it cannot let another instance
 *       in while this one still saves.</li>
 *   <li>Monitor rounds are interrupted (one may wait in an admin call); handoffs are not, and the
 *       route stopper stops last, as a finished handoff still queues its legacy route's stop.
 *       A thread still running at the timeout is interrupted, with a warning.</li>
 * </ol>
 *
 * <p>Concurrency: {@link #monitor} runs while the control is built, {@link #close} once on the
 * thread that stops the app; the list of monitor threads is concurrent.
 */
final class ControlThreads {

    private static final Logger LOG = LoggerFactory.getLogger(MigrationControl.class);
    /** How long {@link #close} waits, over all threads: a handoff's gate wait and a little more. */
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(35);

    /** Stops a legacy route after its handoff without keeping the topic's lock for the stop. */
    private final ExecutorService routeStopper =
            Executors.newSingleThreadExecutor(r -> new Thread(r, "migration-route-stopper"));
    /** Set once the app begins to stop (any thread), read by the route stopper. */
    private volatile boolean skipRouteStops;
    private final AtomicInteger handoffThreadCount = new AtomicInteger();
    /** Handoff attempts (a legacy commit, a cutover request, an autoCutover switch); idle threads end after a minute. */
    private final ExecutorService handoffs = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "migration-handoff-" + handoffThreadCount.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });
    private final List<ExecutorService> monitors = new CopyOnWriteArrayList<>();
    /**
     * Hook calls and their retries, every topic's ({@link TopicHooks}): a few threads, so that one
     * slow webhook does not hold up another topic's hook. Not waited for at close: a call left is
     * made again after the restart.
     */
    private final java.util.concurrent.ScheduledExecutorService hooks =
            Executors.newScheduledThreadPool(4, DaemonThreads.named("migration-hook-"));

    /**
     * Runs a legacy route's stop after its handoff, one at a time; once the app stops
     * ({@link #skipQueuedRouteStops}) the stops still queued are skipped: the CamelContext stops
     * every route itself, and a hundred topics cut over at once queue a hundred stops of about a
     * consumer poll each, which would otherwise hold the app's stop for minutes.
     */
    Executor routeStopper() {
        return stop -> routeStopper.execute(() -> {
            if (!skipRouteStops) {
                stop.run();
            }
        });
    }

    /** The app begins to stop: the legacy route stops not yet begun are skipped. */
    void skipQueuedRouteStops() {
        skipRouteStops = true;
    }

    Executor handoffs() {
        return handoffs;
    }

    java.util.concurrent.ScheduledExecutorService hooks() {
        return hooks;
    }

    /** A new thread for {@code topic}'s monitor rounds ({@code migration-monitor-<topic>}). */
    Executor monitor(String topic) {
        ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "migration-monitor-" + topic);
            t.setDaemon(true);
            return t;
        });
        monitors.add(thread);
        return thread;
    }

    void close() {
        long deadline = System.nanoTime() + CLOSE_TIMEOUT.toNanos();
        hooks.shutdownNow();
        monitors.forEach(ExecutorService::shutdownNow);
        monitors.forEach(thread -> await("migration-monitor-*", thread, deadline));
        handoffs.shutdown();
        await("migration-handoff-*", handoffs, deadline);
        routeStopper.shutdown();
        await("migration-route-stopper", routeStopper, deadline);
    }

    private static void await(String threads, ExecutorService executor, long deadlineNanos) {
        try {
            if (!executor.awaitTermination(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                LOG.warn("Still running at shutdown, interrupted: threads={} afterMs={}", threads,
                        CLOSE_TIMEOUT.toMillis());
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
