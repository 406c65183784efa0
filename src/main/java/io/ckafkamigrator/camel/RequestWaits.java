package io.ckafkamigrator.camel;

import io.ckafkamigrator.core.DaemonThreads;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Requests that wait for something (a cutover for MIGRATED) without a thread each: a
 * scheduler looks at every waiting condition every {@link #CHECK_INTERVAL} and completes the
 * request's future once it holds or its wait ended. The answer, which may read both clusters,
 * is written on {@link #answers()}, never on the scheduler or a stopping thread, so a slow
 * answer delays neither the other waits' checks nor the app's stop.
 *
 * <ol>
 *   <li>{@link #until} completes its future with {@code true} once the condition holds, with
 *       {@code false} once the wait ended before; at once, on the caller's thread, when the
 *       condition already holds or the wait is zero.</li>
 *   <li>{@link #endAll} (the app stops) completes every waiting future with whether its
 *       condition holds now, and makes later waits complete at once.</li>
 * </ol>
 */
final class RequestWaits {

    static final Duration CHECK_INTERVAL = Duration.ofMillis(20);
    private static final int THREADS = 2;

    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(THREADS,
            DaemonThreads.named("migration-api-wait-"));
    // Daemon threads, kept only while answers are written: never shut down, so an answer due
    // while the app stops is still written.
    private final ExecutorService answers = Executors.newCachedThreadPool(DaemonThreads.named("migration-api-answer-"));
    private final Set<Wait> waiting = ConcurrentHashMap.newKeySet();
    private volatile boolean ended;

    private final class Wait {
        private final BooleanSupplier condition;
        private final long deadlineNanos;
        private final CompletableFuture<Boolean> answer = new CompletableFuture<>();
        private volatile ScheduledFuture<?> checks;

        Wait(BooleanSupplier condition, long deadlineNanos) {
            this.condition = condition;
            this.deadlineNanos = deadlineNanos;
        }

        void check() {
            boolean holds = condition.getAsBoolean();
            if (holds || ended || System.nanoTime() >= deadlineNanos) {
                end(holds);
            }
        }

        void end(boolean holds) {
            if (!waiting.remove(this)) {
                return; // ended by another thread already
            }
            ScheduledFuture<?> scheduled = checks;
            if (scheduled != null) {
                scheduled.cancel(false);
            }
            answer.complete(holds);
        }
    }

    /** Completes with whether {@code condition} came to hold within {@code wait}. */
    CompletableFuture<Boolean> until(BooleanSupplier condition, Duration wait) {
        boolean holds = condition.getAsBoolean();
        if (holds || wait.isZero() || ended) {
            return CompletableFuture.completedFuture(holds);
        }
        Wait w = new Wait(condition, System.nanoTime() + wait.toNanos());
        waiting.add(w);
        long interval = CHECK_INTERVAL.toMillis();
        try {
            w.checks = scheduler.scheduleWithFixedDelay(() -> {
                try {
                    w.check();
                } catch (RuntimeException e) {
                    if (waiting.remove(w)) {
                        w.answer.completeExceptionally(e);
                    }
                    throw e; // no further checks of this wait
                }
            }, interval, interval, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            w.end(condition.getAsBoolean()); // endAll stopped the scheduler after the check above
            return w.answer;
        }
        if (!waiting.contains(w)) {
            w.checks.cancel(false); // ended before its checks were known to it
        }
        return w.answer;
    }

    /** Where the answers of ended waits are written (they may read the clusters). */
    Executor answers() {
        return answers;
    }

    /** How many requests wait now. */
    int waiting() {
        return waiting.size();
    }

    /** Answers every waiting request now and stops the scheduler. */
    void endAll() {
        ended = true;
        waiting.forEach(w -> w.end(w.condition.getAsBoolean()));
        scheduler.shutdown();
    }

}
