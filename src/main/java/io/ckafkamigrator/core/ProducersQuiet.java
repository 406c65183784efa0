package io.ckafkamigrator.core;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * External producers without the operator's word: once the legacy end offsets have not moved for
 * the quiet period after {@code prepare}, every producer is taken to write to CKafka. Looked at
 * once a second. The clock starts at the first look in this process, so a restart only makes
 * the wait longer. A producer that writes to legacy after the target was captured is a stray
 * write, held and reported as for hosted producers.
 *
 * <p>Concurrency: used by the thread that holds the topic's lock; {@link #unchangedFor} is read
 * by any thread (the fields it reads are volatile).
 */
final class ProducersQuiet {

    private static final long LOOK_INTERVAL_NANOS = 1_000_000_000L;

    private final Duration period;
    private final Cadence looks = new Cadence(LOOK_INTERVAL_NANOS);
    private volatile Map<Integer, Long> lastEnd;
    /** {@link System#nanoTime()} since the end offsets last moved; 0 before the first look. */
    private volatile long unchangedSinceNanos;

    ProducersQuiet(Duration period) {
        this.period = period;
    }

    /** Whether the quiet period is on and has elapsed at {@code nowNanos}; reads the legacy end offsets when due. */
    boolean elapsed(ClusterOffsets legacy, String legacyTopic, long nowNanos) {
        if (period.isZero() || !looks.due(nowNanos)) {
            return false;
        }
        return observe(SwitchReadings.endOffsets(Cluster.LEGACY, legacy, legacyTopic), nowNanos);
    }

    /** Records the end offsets read at {@code nowNanos}; whether they have not moved for the period. */
    boolean observe(Map<Integer, Long> end, long nowNanos) {
        if (!end.equals(lastEnd)) {
            lastEnd = Map.copyOf(end);
            unchangedSinceNanos = nowNanos;
            return false;
        }
        return nowNanos - unchangedSinceNanos >= period.toNanos();
    }

    /** How long the end offsets have not moved, as last looked at; empty when off or not looked at yet. */
    Optional<Duration> unchangedFor(long nowNanos) {
        long since = unchangedSinceNanos;
        return period.isZero() || since == 0 ? Optional.empty() : Optional.of(Duration.ofNanos(nowNanos - since));
    }
}
