package io.ckafkamigrator.core;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The CKafka consumer of an ordered topic while it waits for the handoff, as the control and
 * the consumer's own thread see it. The consumer never blocks: it polls with its partitions
 * paused, so it stays a live member that heartbeats and joins every rebalance however long
 * the drain takes. It runs from the app's start, so its group join is long over when the
 * handoff comes.
 *
 * <p>At the switch the control asks it to stand at the captured CKafka start offsets
 * ({@link #positionAt}); the consumer thread seeks there and commits them as a member of its
 * group (an admin client cannot commit for a group that has members), and reports it. It does
 * so again after every change of its assignment, and the handoff goes ahead only while it
 * {@link #holdsAt holds every partition at the start offsets}.
 *
 * <p>Concurrency: {@link #assigned(Set, int)}, {@link #positionToTake}, {@link #wantedPosition} and
 * {@link #positioned} run on the consumer's thread after each poll; {@link #positionAt},
 * {@link #holdsAt} and {@link #awaitHolding} on control threads. All state is guarded by this.
 */
public final class WaitingConsumer {

    /** Where the consumer must stand; empty before the switch (nothing to stand at yet). */
    private Map<Integer, Long> wanted = Map.of();
    private Set<Integer> assigned = Set.of();
    /** The group generation of the assignment; -1 before the first join. Every join or leave of a member changes it. */
    private int generation = -1;
    /** The assignment the consumer last positioned, and where it stood then. */
    private Set<Integer> positionedFor = Set.of();
    private Map<Integer, Long> positionedAt = Map.of();
    /** The member id the broker gave the consumer, as it last reported it; null before it joined. */
    private String memberId;
    /** Ends the consumer's current poll early; replaced whenever the route creates a new client. */
    private Runnable waker = () -> { };

    /** From now on the consumer stands at {@code start} (partition to offset). */
    public synchronized void positionAt(Map<Integer, Long> start) {
        wanted = Map.copyOf(start);
        notifyAll();
    }

    /** Where the consumer must stand, if the topic was switched. */
    public synchronized Optional<Map<Integer, Long>> wantedPosition() {
        return wanted.isEmpty() ? Optional.empty() : Optional.of(wanted);
    }

    /** The consumer's current assignment (partition numbers) and group generation, reported after each poll. */
    public synchronized void assigned(Set<Integer> partitions, int groupGeneration) {
        generation = groupGeneration;
        if (!partitions.equals(assigned)) {
            assigned = Set.copyOf(partitions);
            notifyAll();
        }
    }

    /** The consumer's member id in its group, reported after each poll (empty until it joined). */
    public synchronized void joinedAs(String id) {
        String joined = id == null || id.isEmpty() ? null : id;
        if (!java.util.Objects.equals(joined, memberId)) {
            memberId = joined;
            notifyAll();
        }
    }

    /**
     * Waits up to {@code timeout} for the consumer to have joined its group and returns its
     * member id, null if it has not joined by then.
     */
    public synchronized String awaitMemberId(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (memberId == null) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return memberId;
    }

    /** The group generation the consumer last reported: unchanged means no member joined or left since. */
    public synchronized int generation() {
        return generation;
    }

    /**
     * The offsets the consumer must seek to and commit for its current assignment; empty when
     * it already stands there, or has nothing to stand at.
     */
    public synchronized Map<Integer, Long> positionToTake() {
        if (wanted.isEmpty() || assigned.isEmpty()) {
            return Map.of();
        }
        Map<Integer, Long> take = wantedFor(assigned);
        return positionedFor.equals(assigned) && positionedAt.equals(take) ? Map.of() : take;
    }

    /** The wanted offsets of {@code partitions}; a partition created after the switch starts at 0. */
    private Map<Integer, Long> wantedFor(Set<Integer> partitions) {
        Map<Integer, Long> offsets = new TreeMap<>();
        partitions.forEach(p -> offsets.put(p, wanted.getOrDefault(p, 0L)));
        return offsets;
    }

    /** The consumer sought to and committed {@code at} for the assignment {@code partitions}. */
    public synchronized void positioned(Set<Integer> partitions, Map<Integer, Long> at) {
        positionedFor = Set.copyOf(partitions);
        positionedAt = Map.copyOf(at);
        notifyAll();
    }

    /** Whether the consumer holds every partition of {@code start} and stands at it. */
    public synchronized boolean holdsAt(Map<Integer, Long> start) {
        return !start.isEmpty() && start.equals(wanted) && assigned.equals(start.keySet())
                && positionedFor.equals(assigned) && positionedAt.equals(wanted);
    }

    /** Waits up to {@code timeout} for {@link #holdsAt}; false if it does not hold then. */
    public synchronized boolean awaitHolding(Map<Integer, Long> start, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!holdsAt(start)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    /** How to end the consumer's poll early: set by each new client of the route. */
    public synchronized void wakeWith(Runnable wake) {
        waker = wake;
    }

    /**
     * Ends the consumer's current poll, so it reads its gate at once instead of after its poll
     * timeout (its partitions are paused, so the poll would wait all of it).
     */
    public void wake() {
        Runnable wake;
        synchronized (this) {
            wake = waker;
        }
        wake.run();
    }

    /** Whether the consumer has any partition assigned (it joined its group). */
    public synchronized boolean hasAssignment() {
        return !assigned.isEmpty();
    }

    @Override
    public synchronized String toString() {
        return "generation=" + generation + " assigned=" + new java.util.TreeSet<>(assigned) + " positionedAt=" + new TreeMap<>(positionedAt);
    }
}
