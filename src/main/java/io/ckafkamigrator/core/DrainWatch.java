package io.ckafkamigrator.core;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Event-driven drain detection: the legacy consumer reports each offset commit it made, and
 * the watch notices the one that brings the last partition to its drain target, without any
 * polling round. The admin measurement ({@link DrainRule}) stays the cross-check before
 * MIGRATED is saved, and the monitor's fallback for what commits alone cannot show
 * (a partition whose target sits past a transaction marker, or below the log start).
 *
 * <p>Concurrency: {@link #committed} runs on the legacy consumer's thread, {@link #watch} and
 * the reads on control threads; the committed offsets are a concurrent map, and the moment
 * the drain was reached is set once per target, kept with the target it was reached for: a
 * thread that measured the target the operator has just moved marks that one, never the new.
 */
final class DrainWatch {

    private volatile Map<Integer, Long> target = Map.of();
    private final Map<Integer, Long> committed = new ConcurrentHashMap<>();
    private final AtomicReference<Reached> reached = new AtomicReference<>();

    /** The drain target {@code target} was reached at {@code nanos} ({@link System#nanoTime()}). */
    private record Reached(Map<Integer, Long> target, long nanos) {
    }

    /**
     * Starts watching for {@code drainTarget}, from the offsets the group had committed when it
     * was captured.
     *
     * @return true if the group had already reached it
     */
    boolean watch(Map<Integer, Long> drainTarget, Map<Integer, Long> committedNow, long nowNanos) {
        committedNow.forEach(this::merge);
        target = Map.copyOf(drainTarget);
        return check(nowNanos);
    }

    /**
     * The operator moved the drain target ({@link OperatorAcceptance}): watches {@code drainTarget}
     * from the commits seen so far; what was reached for the old target no longer counts.
     *
     * @return true if the group had already reached it
     */
    boolean retarget(Map<Integer, Long> drainTarget, long nowNanos) {
        target = Map.copyOf(drainTarget);
        return check(nowNanos);
    }

    /** Starts watching {@code drainTarget} unless a target is watched already. */
    void watchIfIdle(Map<Integer, Long> drainTarget, long nowNanos) {
        if (target.isEmpty() && !drainTarget.isEmpty()) {
            watch(drainTarget, Map.of(), nowNanos);
        }
    }

    /** @return true if this commit brought the group to its drain target */
    boolean committed(Map<Integer, Long> offsets, long nowNanos) {
        offsets.forEach(this::merge);
        return check(nowNanos);
    }

    /** The drain of {@code drainTarget} was seen by other means (the admin measurement) at {@code nowNanos}. */
    void reachedAt(Map<Integer, Long> drainTarget, long nowNanos) {
        mark(Map.copyOf(drainTarget), nowNanos);
    }

    /** {@link System#nanoTime()} when the current drain target was reached, 0 while not (or not seen). */
    long reachedNanos() {
        Reached mark = reached.get();
        return mark != null && mark.target().equals(target) ? mark.nanos() : 0;
    }

    private void merge(Integer partition, Long offset) {
        committed.merge(partition, offset, Math::max);
    }

    private boolean check(long nowNanos) {
        Map<Integer, Long> goal = target;
        if (goal.isEmpty() || reachedFor(goal)) {
            return false;
        }
        for (Map.Entry<Integer, Long> partition : goal.entrySet()) {
            if (partition.getValue() > 0 && committed.getOrDefault(partition.getKey(), -1L) < partition.getValue()) {
                return false;
            }
        }
        return mark(goal, nowNanos);
    }

    private boolean reachedFor(Map<Integer, Long> goal) {
        Reached mark = reached.get();
        return mark != null && mark.target().equals(goal);
    }

    /** @return true if this marked {@code goal} reached (it was not yet) */
    private boolean mark(Map<Integer, Long> goal, long nowNanos) {
        Reached before = reached.get();
        if (before != null && before.target().equals(goal)) {
            return false;
        }
        return reached.compareAndSet(before, new Reached(goal, nowNanos));
    }
}
