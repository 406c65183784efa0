package io.ckafkamigrator.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One cluster's offsets and groups for the core's unit tests, set by the test; one topic, any group. */
class FakeClusterOffsets implements ClusterOffsets {

    final Map<Integer, Long> end = new HashMap<>(Map.of(0, 0L));
    final Map<Integer, Long> committed = new HashMap<>();
    final List<Map<Integer, Long>> commits = new ArrayList<>();
    final List<GroupMembers.Member> members = new ArrayList<>();
    /** How many of the next end-offset reads fail, as a cluster that does not answer. */
    int endOffsetFailures;
    /** Offsets below this hold no record a consumer would deliver (markers, compaction gaps). */
    long recordsUpTo = Long.MAX_VALUE;
    int probes;
    final Map<Integer, Long> logStart = new HashMap<>(Map.of(0, 0L));
    /**
     * Partition 0's records by offset, each with the instance tag its writer set ("" for none);
     * an offset not in it is a transaction marker or an aborted record. Null: every offset is
     * an untagged record.
     */
    Map<Long, String> recordTags;
    /** Offsets one tally reads at most, as a read whose time ran out. */
    long perTally = Long.MAX_VALUE;
    int tallies;
    /** Run once, at the start of the next end-offset read: something that happens while a read is under way. */
    Runnable duringNextEndOffsets;

    @Override
    public Map<Integer, Long> endOffsets(String topic) {
        Runnable during = duringNextEndOffsets;
        duringNextEndOffsets = null;
        if (during != null) {
            during.run();
        }
        if (endOffsetFailures > 0) {
            endOffsetFailures--;
            throw new IllegalStateException("cluster did not answer");
        }
        return Map.copyOf(end);
    }

    @Override
    public Map<Integer, Long> logStartOffsets(String topic) {
        return Map.copyOf(logStart);
    }

    @Override
    public Map<Integer, Long> committedOffsets(String group, String topic) {
        return Map.copyOf(committed);
    }

    @Override
    public boolean hasRecords(String topic, int partition, long from, long to) {
        probes++;
        return from < Math.min(to, recordsUpTo);
    }

    @Override
    public RecordTally tally(String topic, int partition, long from, long to, String tagHeader, String tag,
                             long maxMillis) {
        tallies++;
        if (recordTags == null) {
            return ClusterOffsets.super.tally(topic, partition, from, to, tagHeader, tag, maxMillis);
        }
        long records = 0;
        long tagged = 0;
        long reached = to - from <= perTally ? to : from + perTally;
        for (long offset = from; offset < reached; offset++) {
            if (recordTags.containsKey(offset)) {
                records++;
                tagged += recordTags.get(offset).equals(tag) ? 1 : 0;
            }
        }
        return new RecordTally(reached, records, tagged);
    }

    @Override
    public void commitOffsets(String group, String topic, Map<Integer, Long> offsets) {
        commits.add(Map.copyOf(offsets));
        committed.putAll(offsets);
    }

    @Override
    public GroupMembers members(String group) {
        return new GroupMembers(members);
    }
}
