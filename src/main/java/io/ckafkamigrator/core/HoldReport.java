package io.ckafkamigrator.core;

import java.util.Map;

/**
 * What the monitor found that holds a topic's handoff or that was lost, for the status and the
 * metrics (see {@link HandoffHolds}).
 *
 * @param ckafkaExpired   CKafka records expired below the start offsets, per partition, not accepted
 * @param legacyExpired   legacy records removed by retention before the legacy group read them
 * @param partitionChange partitions added to either topic since the switch
 */
public record HoldReport(Map<Integer, Long> ckafkaExpired, Map<Integer, Long> legacyExpired,
                         PartitionChange partitionChange) {

    public HoldReport {
        ckafkaExpired = Map.copyOf(ckafkaExpired);
        legacyExpired = Map.copyOf(legacyExpired);
    }

    public long ckafkaExpiredTotal() {
        return ckafkaExpired.values().stream().mapToLong(Long::longValue).sum();
    }

    public long legacyExpiredTotal() {
        return legacyExpired.values().stream().mapToLong(Long::longValue).sum();
    }
}
