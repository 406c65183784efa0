package io.ckafkamigrator.core;

import java.util.Set;
import java.util.TreeSet;

/**
 * Partitions that either topic has now and did not have at the switch. A new legacy partition
 * has no drain target, so the drain rule would not see what is written to it; a new CKafka
 * partition has no start offset, so the waiting consumer never stands at all of its partitions.
 * Either holds the handoff until the operator takes them in (accept-stray-writes).
 */
public record PartitionChange(Set<Integer> newLegacy, Set<Integer> newCkafka) {

    public static final PartitionChange NONE = new PartitionChange(Set.of(), Set.of());

    public PartitionChange {
        newLegacy = java.util.Collections.unmodifiableSet(new TreeSet<>(newLegacy));
        newCkafka = java.util.Collections.unmodifiableSet(new TreeSet<>(newCkafka));
    }

    /** The partitions of {@code legacyNow} and {@code ckafkaNow} that {@code state} does not know. */
    public static PartitionChange of(MigrationState state, Set<Integer> legacyNow, Set<Integer> ckafkaNow) {
        Set<Integer> legacy = new TreeSet<>(legacyNow);
        if (state.drainTarget().isEmpty()) {
            // Not captured yet (external producers before producers-switched): the target, once
            // captured, covers every partition the legacy topic has then.
            legacy.clear();
        }
        legacy.removeAll(state.drainTarget().keySet());
        Set<Integer> ckafka = new TreeSet<>(ckafkaNow);
        ckafka.removeAll(state.ckafkaStartOffsets().keySet());
        return new PartitionChange(legacy, ckafka);
    }

    public boolean none() {
        return newLegacy.isEmpty() && newCkafka.isEmpty();
    }

    String describe(TopicConfig topic) {
        StringBuilder text = new StringBuilder("partitions were added since the switch of topic '" + topic.name() + "':");
        if (!newLegacy.isEmpty()) {
            text.append(" legacy topic '").append(topic.legacyTopic()).append("' partitions ").append(newLegacy);
        }
        if (!newCkafka.isEmpty()) {
            text.append(" ckafka topic '").append(topic.ckafkaTopic()).append("' partitions ").append(newCkafka);
        }
        return text.append("; POST /api/migrations/").append(topic.name())
                .append("/accept-stray-writes takes them in (see the README)").toString();
    }
}
