package io.ckafkamigrator.core;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fault injection, for the test suite only: stops the ordered handoff at one named step, so a
 * test can kill the process exactly there and check that a restart finishes the migration.
 * {@link #NONE} (the default) never stops; only {@code migration.test.pause-handoff-at}
 * selects a step. Not to be confused with the handoff pause, the delivery gap that the
 * migration measures and reports as {@code handoffPauseMs}.
 */
@FunctionalInterface
public interface HandoffFaultHook {

    /** The points of the handoff between which a crash leaves a different state behind. */
    enum Step {
        /** The legacy gate is retired (nothing more is delivered from legacy); MIGRATED is not saved yet. */
        LEGACY_RETIRED,
        /** MIGRATED is saved; the legacy route is not stopped and the CKafka gate not opened yet. */
        MIGRATED_SAVED
    }

    HandoffFaultHook NONE = (topic, step) -> { };

    /** Called by the handoff when it reaches {@code step}, with the topic's lock held. */
    void reached(String topic, Step step) throws InterruptedException;

    /** Stops at {@code step} for at most {@code maxStop}, after a log line the test waits for. */
    static HandoffFaultHook stopAt(Step step, Duration maxStop) {
        Logger log = LoggerFactory.getLogger(HandoffFaultHook.class);
        return (topic, reached) -> {
            if (reached == step) {
                log.warn("Handoff paused for fault injection: topic={} step={} maxPauseMs={}", topic, step,
                        maxStop.toMillis());
                Thread.sleep(maxStop.toMillis());
            }
        };
    }
}
