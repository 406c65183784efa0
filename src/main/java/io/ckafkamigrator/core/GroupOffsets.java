package io.ckafkamigrator.core;

import java.util.Map;

/**
 * What a drain measurement reads of one group on one topic, per partition.
 *
 * @param committed the group's committed offsets; partitions without one are absent
 * @param logStart  the first offsets still in the log
 * @param end       the end offsets
 */
public record GroupOffsets(Map<Integer, Long> committed, Map<Integer, Long> logStart, Map<Integer, Long> end) {

    public GroupOffsets {
        committed = Map.copyOf(committed);
        logStart = Map.copyOf(logStart);
        end = Map.copyOf(end);
    }
}
