package io.ckafkamigrator.core;

import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One topic's lock, under which every step that changes the topic runs, and the record of a
 * step that failed: saved as the topic's {@code lastError} once per distinct error, so a step
 * that fails round after round is logged and saved once.
 *
 * <p>Concurrency: {@link #locked} waits for the lock (the start, request threads, a handoff
 * thread); {@link #tryLocked} skips its step while another thread holds it (the monitor, which
 * never waits for a topic busy with a request). {@link #recordFailure} runs holding the lock.
 */
final class TopicLock {

    // One logger for every line of a topic's migration, whichever step writes it.
    private static final Logger LOG = LoggerFactory.getLogger(TopicMigration.class);

    private final TopicMigration migration;
    private final ReentrantLock lock = new ReentrantLock();

    TopicLock(TopicMigration migration) {
        this.migration = migration;
    }

    /** A step run while holding the topic's lock. */
    @FunctionalInterface
    interface LockedStep<T> {
        T run() throws InterruptedException;
    }

    /** Runs {@code step} under the lock, waiting while another thread holds it. */
    <T> T locked(LockedStep<T> step) throws InterruptedException {
        lock.lock();
        try {
            return step.run();
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code step} under the lock unless another thread holds it; null if skipped or failed. */
    <T> T tryLocked(LockedStep<T> step) throws InterruptedException {
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
    void recordFailure(RuntimeException e) {
        MigrationState state = migration.state();
        if (!state.lastError().equals(Optional.ofNullable(e.getMessage()))) {
            LOG.warn("Migration step failed, will retry: topic={} error={}", migration.config().name(), e.toString());
            migration.save(state.withError(e.getMessage()));
        }
    }
}
