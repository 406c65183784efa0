package io.ckafkamigrator.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Decides whether the legacy group has consumed everything the legacy topic held at the
 * producer switch. A partition is drained when nothing consumable lies between where the
 * group will read next and the drain target. A plain {@code end - committed == 0} is wrong:
 * <ul>
 *   <li>a transaction marker after the last record puts the end offset one past anything a
 *       consumer can commit, so the committed offset never reaches it;</li>
 *   <li>compaction leaves offset gaps, so a committed offset below the target may have no
 *       records left to read;</li>
 *   <li>retention can move the log start past the committed offset: the group resumes at the
 *       log start, not at its old offset;</li>
 *   <li>a partition never written has target 0 and no committed offset, and is drained.</li>
 * </ul>
 * Where the committed offset is below the target, the {@link ConsumableProbe} says whether any
 * record really lies in between. Records written after the switch (end past target) are counted
 * by the {@link StrayProbe}: only records a consumer would deliver, and not this app's own late
 * appends, are stray writes; they do not count as remaining but hold the cutover back. Records
 * that retention removed before the group read them (committed below the log start) are
 * reported as expired, never counted as drained without a word.
 */
public final class DrainRule {

    /** Whether any record a consumer would deliver has an offset in {@code [from, to)}. */
    @FunctionalInterface
    public interface ConsumableProbe {
        boolean hasRecords(int partition, long from, long to);
    }

    /** What lies past the drain target, in {@code [target, end)}; called only where {@code end > target}. */
    @FunctionalInterface
    public interface StrayProbe {
        StrayCount count(int partition, long target, long end);

        /** Every offset past the target taken as a stray write: the count before any record was read. */
        StrayProbe OFFSETS = (partition, target, end) -> StrayCount.unread(target, end);
    }

    private DrainRule() {
    }

    /**
     * @param drainTarget per partition, the end offsets captured after the switch
     * @param committed   per partition, the group's committed offsets (absent: never committed)
     * @param logStart    per partition, the first offset still in the log
     * @param end         per partition, the current end offset
     */
    public static DrainReport evaluate(Map<Integer, Long> drainTarget, Map<Integer, Long> committed,
                                       Map<Integer, Long> logStart, Map<Integer, Long> end, ConsumableProbe probe) {
        return evaluate(drainTarget, committed, logStart, end, probe, StrayProbe.OFFSETS);
    }

    /** As above, with {@code strays} to count what lies past the target. */
    public static DrainReport evaluate(Map<Integer, Long> drainTarget, Map<Integer, Long> committed,
                                       Map<Integer, Long> logStart, Map<Integer, Long> end, ConsumableProbe probe,
                                       StrayProbe strays) {
        List<PartitionDrain> partitions = new ArrayList<>();
        for (Map.Entry<Integer, Long> entry : new java.util.TreeMap<>(drainTarget).entrySet()) {
            int partition = entry.getKey();
            long target = entry.getValue();
            long start = logStart.getOrDefault(partition, 0L);
            long current = end.getOrDefault(partition, target);
            Long groupOffset = committed.get(partition);
            // The group resumes at its committed offset, or at the log start when it has none or
            // retention removed what it had not read yet (auto.offset.reset=earliest).
            long next = groupOffset == null ? start : Math.max(groupOffset, start);
            long remaining = 0;
            if (next < target && probe.hasRecords(partition, next, target)) {
                remaining = target - next;
            }
            StrayCount past = current > target ? strays.count(partition, target, current) : StrayCount.NONE;
            long expired = groupOffset == null ? 0 : Math.max(0, start - groupOffset);
            partitions.add(new PartitionDrain(partition, target,
                    groupOffset == null ? OptionalLong.empty() : OptionalLong.of(groupOffset),
                    start, current, remaining, past.strays(), past.lateAppends(), expired));
        }
        return new DrainReport(partitions);
    }
}
