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
    /** How many of the next committed-offset reads fail, as a cluster that does not answer. */
    int committedFailures;
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
    /** The partitions each tally read, in order. */
    final List<Integer> talliedPartitions = new ArrayList<>();
    /** Partitions whose tally reads nothing and takes all the time it is given, as an open transaction does. */
    final java.util.Set<Integer> stalled = new java.util.HashSet<>();
    /** Run once, at the start of the next end-offset read: something that happens while a read is under way. */
    Runnable duringNextEndOffsets;

    /**
     * The next end-offset read answers, the one after it fails: a switch measures, then cannot
     * capture its drain target.
     */
    void failEndOffsetsAfterNextRead() {
        duringNextEndOffsets = () -> duringNextEndOffsets = () -> endOffsetFailures++;
    }

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
        if (committedFailures > 0) {
            committedFailures--;
            throw new IllegalStateException("cluster did not answer");
        }
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
        talliedPartitions.add(partition);
        if (stalled.contains(partition)) {
            long until = System.nanoTime() + maxMillis * 1_000_000;
            while (System.nanoTime() < until) {
                java.util.concurrent.locks.LockSupport.parkNanos(until - System.nanoTime());
            }
            return new RecordTally(from, 0, 0);
        }
        // Retention deleted what lies below the log start: skipped, counted as expired.
        long expired = Math.max(0, Math.min(to, logStart.getOrDefault(partition, 0L)) - from);
        long start = from + expired;
        if (recordTags == null) {
            RecordTally read = ClusterOffsets.super.tally(topic, partition, start, to, tagHeader, tag, maxMillis);
            return new RecordTally(read.next(), read.records(), read.tagged(), expired);
        }
        long records = 0;
        long tagged = 0;
        long reached = to - start <= perTally ? to : start + perTally;
        for (long offset = start; offset < reached; offset++) {
            if (recordTags.containsKey(offset)) {
                records++;
                tagged += recordTags.get(offset).equals(tag) ? 1 : 0;
            }
        }
        return new RecordTally(reached, records, tagged, expired);
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
