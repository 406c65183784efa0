package io.ckafkamigrator.core;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The durable state of one topic's migration: what must survive a restart so that the app
 * resumes in the right phase with the right offsets. Immutable; every change makes a copy.
 *
 * @param drainTarget        legacy end offset per partition, captured after the producer switch
 *                           completed: the legacy group is drained once it has consumed up to these
 * @param ckafkaStartOffsets CKafka end offset per partition captured before the switch: where
 *                           the CKafka consumer group starts, so it sees only migrated traffic
 * @param transitions        when each phase was entered
 * @param handoffPauseMs     what the handoff itself cost: from the moment it could start (legacy
 *                           drained and cutover requested) to the first CKafka delivery; empty
 *                           until measured, and for good if a crash interrupted the handoff
 * @param deliveryGapMs      last legacy delivery to first CKafka delivery, including the time the
 *                           operator let records heap up; empty as {@code handoffPauseMs}
 * @param lastError          why the last step failed, if it did; cleared by the next success
 * @param shape              the topics, groups and ordering the topic left LEGACY with; empty in
 *                           LEGACY (and in a state saved before shapes were kept)
 * @param hooksDone          the hook calls that succeeded ({@link HookCall#doneKey}), so that a
 *                           restart makes only those still owed
 */
public record MigrationState(String topic, Phase phase, Map<Integer, Long> drainTarget,
                             Map<Integer, Long> ckafkaStartOffsets, Map<Phase, Instant> transitions,
                             Optional<Long> handoffPauseMs, Optional<Long> deliveryGapMs,
                             Optional<String> lastError, Optional<TopicShape> shape, Set<String> hooksDone) {

    /** A state without hook calls made. */
    public MigrationState(String topic, Phase phase, Map<Integer, Long> drainTarget,
                          Map<Integer, Long> ckafkaStartOffsets, Map<Phase, Instant> transitions,
                          Optional<Long> handoffPauseMs, Optional<Long> deliveryGapMs, Optional<String> lastError,
                          Optional<TopicShape> shape) {
        this(topic, phase, drainTarget, ckafkaStartOffsets, transitions, handoffPauseMs, deliveryGapMs, lastError,
                shape, Set.of());
    }

    /** A state without a saved shape. */
    public MigrationState(String topic, Phase phase, Map<Integer, Long> drainTarget,
                          Map<Integer, Long> ckafkaStartOffsets, Map<Phase, Instant> transitions,
                          Optional<Long> handoffPauseMs, Optional<Long> deliveryGapMs, Optional<String> lastError) {
        this(topic, phase, drainTarget, ckafkaStartOffsets, transitions, handoffPauseMs, deliveryGapMs, lastError,
                Optional.empty());
    }

    public MigrationState {
        // Sorted by partition, so that logs, JSON and the audit trail list partitions in order.
        drainTarget = Collections.unmodifiableSortedMap(new TreeMap<>(drainTarget));
        ckafkaStartOffsets = Collections.unmodifiableSortedMap(new TreeMap<>(ckafkaStartOffsets));
        transitions = Map.copyOf(transitions);
        hooksDone = Collections.unmodifiableSortedSet(new TreeSet<>(hooksDone));
    }

    /** A topic that has not started migrating. */
    public static MigrationState initial(String topic, Instant now) {
        return new MigrationState(topic, Phase.LEGACY, Map.of(), Map.of(), Map.of(Phase.LEGACY, now),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** This state moved to {@code next}; refuses any move {@link Phase#canMoveTo} does not allow. */
    public MigrationState moveTo(Phase next, Instant now) {
        if (!phase.canMoveTo(next)) {
            throw new IllegalPhaseException(topic, phase, "moving to " + next);
        }
        Map<Phase, Instant> times = new EnumMap<>(Phase.class);
        times.putAll(transitions);
        times.put(next, now);
        return new MigrationState(topic, next, drainTarget, ckafkaStartOffsets, times, handoffPauseMs, deliveryGapMs, Optional.empty(),
                shape, hooksDone);
    }

    public MigrationState withDrainTarget(Map<Integer, Long> target) {
        return new MigrationState(topic, phase, target, ckafkaStartOffsets, transitions, handoffPauseMs, deliveryGapMs, lastError,
                shape, hooksDone);
    }

    public MigrationState withCkafkaStartOffsets(Map<Integer, Long> start) {
        return new MigrationState(topic, phase, drainTarget, start, transitions, handoffPauseMs, deliveryGapMs, lastError,
                shape, hooksDone);
    }

    /** The handoff's two figures; either may be unknown (empty), never made up as 0. */
    public MigrationState withHandoffFigures(Optional<Long> pauseMs, Optional<Long> gapMs) {
        return new MigrationState(topic, phase, drainTarget, ckafkaStartOffsets, transitions, pauseMs, gapMs, lastError,
                shape, hooksDone);
    }

    public MigrationState withError(String error) {
        return new MigrationState(topic, phase, drainTarget, ckafkaStartOffsets, transitions, handoffPauseMs,
                deliveryGapMs, Optional.ofNullable(error), shape, hooksDone);
    }

    /** The shape the topic is bound to from now on (see {@link TopicShape}). */
    public MigrationState withShape(TopicShape saved) {
        return new MigrationState(topic, phase, drainTarget, ckafkaStartOffsets, transitions, handoffPauseMs,
                deliveryGapMs, lastError, Optional.of(saved), hooksDone);
    }

    /** This state with the hook call {@code doneKey} recorded as made. */
    public MigrationState withHookDone(String doneKey) {
        Set<String> done = new TreeSet<>(hooksDone);
        done.add(doneKey);
        return new MigrationState(topic, phase, drainTarget, ckafkaStartOffsets, transitions, handoffPauseMs,
                deliveryGapMs, lastError, shape, done);
    }

    /** This state without the hook call {@code doneKey}: it is owed again. */
    public MigrationState withoutHookDone(String doneKey) {
        Set<String> done = new TreeSet<>(hooksDone);
        done.remove(doneKey);
        return new MigrationState(topic, phase, drainTarget, ckafkaStartOffsets, transitions, handoffPauseMs,
                deliveryGapMs, lastError, shape, done);
    }

    /** Transitions sorted by phase order, for display. */
    public Map<Phase, Instant> sortedTransitions() {
        return new TreeMap<>(transitions);
    }
}
