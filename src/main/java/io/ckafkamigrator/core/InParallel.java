package io.ckafkamigrator.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * One piece of work per topic, a few topics at a time, on threads of their own: work that mostly
 * waits for the clusters (whose reads then travel in the same coalesced calls). Every piece ends
 * before the caller goes on or fails, so none is cut off half-way through a save; the results
 * keep the order of the items, and a failure is thrown as the first failed item's, in that order.
 */
final class InParallel {

    private InParallel() {
    }

    static <T, R> List<R> map(List<T> items, int parallelism, String threadPrefix, Function<T, R> work) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallelism, items.size())),
                DaemonThreads.named(threadPrefix));
        try {
            List<Future<R>> running = new ArrayList<>();
            items.forEach(item -> running.add(pool.submit(() -> work.apply(item))));
            List<R> results = new ArrayList<>();
            RuntimeException first = null;
            for (Future<R> piece : running) {
                try {
                    results.add(piece.get());
                } catch (ExecutionException e) {
                    RuntimeException failure = e.getCause() instanceof RuntimeException r ? r
                            : new IllegalStateException(e.getCause());
                    first = first == null ? failure : first;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    first = first == null ? new IllegalStateException("interrupted while waiting for " + threadPrefix, e) : first;
                }
            }
            if (first != null) {
                throw first;
            }
            return results;
        } finally {
            pool.shutdown();
        }
    }
}
