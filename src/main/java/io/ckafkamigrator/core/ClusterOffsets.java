package io.ckafkamigrator.core;

import java.util.Map;

/**
 * What the migration needs to read and write on one cluster. Offsets are per partition of
 * one topic. Every call may block on the network and throws on failure.
 */
public interface ClusterOffsets {

    /** The end offsets (high watermarks, past any transaction marker). */
    Map<Integer, Long> endOffsets(String topic);

    /** The first offsets still in the log. */
    Map<Integer, Long> logStartOffsets(String topic);

    /** The group's committed offsets; partitions without one are absent. */
    Map<Integer, Long> committedOffsets(String group, String topic);

    /**
     * The three reads of a drain measurement. Implementations may issue them at once (each is a
     * round trip of the handoff pause); the default reads them one after the other.
     */
    /** The topic's partitions; implementations may answer it without listing offsets. */
    default java.util.Set<Integer> partitions(String topic) {
        return endOffsets(topic).keySet();
    }

    default GroupOffsets groupOffsets(String group, String topic) {
        return new GroupOffsets(committedOffsets(group, topic), logStartOffsets(topic), endOffsets(topic));
    }

    /**
     * As {@link #groupOffsets(String, String)} for {@code partitions} (all of the topic's when
     * empty), which saves implementations the look-up of the topic's partitions.
     */
    default GroupOffsets groupOffsets(String group, String topic, java.util.Set<Integer> partitions) {
        return groupOffsets(group, topic);
    }

    /**
     * The offsets of many groups on many topics, as {@link #groupOffsets(String, String)} reads
     * each, every entry answering or failing alone. Implementations read them together, in a
     * number of round trips that does not grow with the entries; the default reads them one
     * after the other.
     */
    default java.util.Map<GroupTopic, Reading<GroupOffsets>> groupOffsetsOf(java.util.List<GroupTopic> wanted) {
        java.util.Map<GroupTopic, Reading<GroupOffsets>> result = new java.util.LinkedHashMap<>();
        wanted.forEach(item -> result.put(item, Reading.of(() -> groupOffsets(item.group(), item.topic()))));
        return result;
    }

    /** Whether a record a read_committed consumer would deliver has an offset in {@code [from, to)}. */
    boolean hasRecords(String topic, int partition, long from, long to);

    /**
     * Reads {@code [from, to)} of a partition as a read_committed consumer would, for at most
     * {@code maxMillis}: counts the records (transaction markers and aborted records are none)
     * and those whose header {@code tagHeader} holds {@code tag}. The default reads nothing and
     * counts every offset as an untagged record, the safe side for a stray-write count.
     */
    default RecordTally tally(String topic, int partition, long from, long to, String tagHeader, String tag,
                              long maxMillis) {
        return new RecordTally(to, Math.max(0, to - from), 0);
    }

    /**
     * This cluster as the handoff reads it: the same calls, but {@link #hasRecords} and
     * {@link #tally} read with probes never shared with anybody else's, so the handoff's last
     * check (under the topic's lock, the legacy gate closed) never waits behind a monitor's probe
     * of the same topic that waits for its timeout. The default is this cluster itself.
     */
    default ClusterOffsets forHandoff() {
        return this;
    }

    /** Commits offsets for a group that has no active members. */
    void commitOffsets(String group, String topic, Map<Integer, Long> offsets);

    /** The group's members right now, with the client id and host of each (one call). */
    GroupMembers members(String group);
}
