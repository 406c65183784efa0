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
    default GroupOffsets groupOffsets(String group, String topic) {
        return new GroupOffsets(committedOffsets(group, topic), logStartOffsets(topic), endOffsets(topic));
    }

    /** Whether a record a read_committed consumer would deliver has an offset in {@code [from, to)}. */
    boolean hasRecords(String topic, int partition, long from, long to);

    /** Commits offsets for a group that has no active members. */
    void commitOffsets(String group, String topic, Map<Integer, Long> offsets);

    /** Members of the group right now. */
    int activeMembers(String group);

    /** Whether the group has members and no rebalance under way: its consumers hold their partitions. */
    boolean hasStableMembers(String group);

    /** Both of the above from one look at the group (implementations make it one call). */
    default GroupMembers members(String group) {
        return new GroupMembers(activeMembers(group), hasStableMembers(group));
    }
}
