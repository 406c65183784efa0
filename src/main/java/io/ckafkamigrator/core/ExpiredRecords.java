package io.ckafkamigrator.core;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * Records retention removed before a consumer read them, per partition, counted once however
 * often they are seen: a partition whose log start passed the offset its consumer reads next
 * lost {@code logStart - next} records, and a consumer that then resumes at the log start no
 * longer shows the gap, so the count is kept, not measured again each time.
 *
 * <p>Concurrency: written by the monitor's thread and by an operator's acceptance, both under
 * this object's monitor; read by any thread.
 */
final class ExpiredRecords {

    /** Per partition: records counted, and the offset up to which they were counted. */
    private record Gap(long records, long countedUpTo) {
    }

    private final Map<Integer, Gap> gaps = new TreeMap<>();

    /**
     * The partition's consumer reads next at {@code next} (its committed or start offset) and the
     * log starts at {@code logStart}: anything between that was not counted yet is counted now.
     *
     * @return true if this is the first gap seen in the partition
     */
    synchronized boolean observe(int partition, long next, long logStart) {
        Gap gap = gaps.get(partition);
        long counted = gap == null ? 0 : gap.countedUpTo();
        long from = Math.max(next, counted);
        if (logStart <= from) {
            return false;
        }
        long before = gap == null ? 0 : gap.records();
        gaps.put(partition, new Gap(before + logStart - from, logStart));
        return before == 0;
    }

    /** Expired records per partition, partitions without any left out. */
    synchronized Map<Integer, Long> byPartition() {
        Map<Integer, Long> result = new TreeMap<>();
        gaps.forEach((p, gap) -> {
            if (gap.records() > 0) {
                result.put(p, gap.records());
            }
        });
        return result;
    }

    synchronized long total() {
        return gaps.values().stream().mapToLong(Gap::records).sum();
    }

    /** The operator accepted these partitions' expired records as lost: they no longer count. */
    synchronized void accept(Collection<Integer> partitions) {
        partitions.forEach(p -> gaps.computeIfPresent(p, (k, gap) -> new Gap(0, gap.countedUpTo())));
    }
}
