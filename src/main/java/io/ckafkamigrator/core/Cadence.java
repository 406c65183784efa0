package io.ckafkamigrator.core;

/**
 * Something a topic's monitor round does once per interval (reading what a switch will need,
 * looking at both topics' partitions), due in the first round of each interval of the shared
 * {@link System#nanoTime()} clock rather than an interval after the topic's own last time: every
 * topic does it in the same tick, so their reads travel in the same coalesced calls to the
 * cluster instead of spreading over every tick. The first call is always due.
 *
 * <p>Concurrency: used by one topic's monitor thread alone.
 */
final class Cadence {

    private final long intervalNanos;
    private long lastInterval = Long.MIN_VALUE;

    Cadence(long intervalNanos) {
        this.intervalNanos = intervalNanos;
    }

    /** Whether it is due at {@code nowNanos}; it is then not due again until the next interval. */
    boolean due(long nowNanos) {
        long interval = Math.floorDiv(nowNanos, intervalNanos);
        if (interval == lastInterval) {
            return false;
        }
        lastInterval = interval;
        return true;
    }
}
