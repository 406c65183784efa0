package io.ckafkamigrator.core;

import java.util.Map;
import java.util.TreeMap;

/**
 * Records a consumer group has still to read, from offsets alone. Where a group reads next is
 * its committed offset; without one, the offset it was told to start from, else the log start
 * ({@code auto.offset.reset=earliest}); never below the log start, which retention may have
 * moved past what the group had not read.
 */
public final class OffsetLag {

    private OffsetLag() {
    }

    /**
     * @param partitions      the partitions to report (usually the keys of the end offsets)
     * @param committed       the group's committed offsets; absent: never committed
     * @param logStart        the first offsets still in the log; absent: 0
     * @param uncommittedFrom where an uncommitted partition starts, if known (the CKafka start offsets)
     * @return per partition, the next offset the group reads
     */
    public static Map<Integer, Long> positions(Iterable<Integer> partitions, Map<Integer, Long> committed,
                                               Map<Integer, Long> logStart, Map<Integer, Long> uncommittedFrom) {
        Map<Integer, Long> positions = new TreeMap<>();
        for (int partition : partitions) {
            long start = logStart.getOrDefault(partition, 0L);
            Long from = committed.getOrDefault(partition, uncommittedFrom.get(partition));
            positions.put(partition, from == null ? start : Math.max(from, start));
        }
        return positions;
    }

    /** Per partition of {@code end}, the records between {@code positions} and the end; never negative. */
    public static Map<Integer, Long> lag(Map<Integer, Long> end, Map<Integer, Long> positions) {
        Map<Integer, Long> lag = new TreeMap<>();
        end.forEach((partition, last) -> lag.put(partition, Math.max(0, last - positions.getOrDefault(partition, 0L))));
        return lag;
    }

    public static long sum(Map<Integer, Long> perPartition) {
        return perPartition.values().stream().mapToLong(Long::longValue).sum();
    }
}
