package io.ckafkamigrator.core;

import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * One topic's offsets-derived numbers at one moment, as the {@link MetricsSampler} measured them.
 *
 * @param legacyRemaining  per legacy partition, records the legacy group still has to consume
 *                         (to the drain target while draining, to the end before the switch, 0 after)
 * @param strayWrites      records written to legacy after the drain target was captured; empty
 *                         once MIGRATED, when legacy is not measured any more
 * @param ckafkaBacklog    records in CKafka the CKafka group has not consumed yet
 * @param drainEtaSeconds  estimated seconds until the legacy group has drained; 0 when drained,
 *                         NaN when unknown (not draining yet, or no progress measured)
 * @param sampledAtMillis  when the sample was taken
 */
public record TopicSample(String topic, Map<Integer, Long> legacyRemaining, OptionalLong strayWrites, long ckafkaBacklog,
                          double drainEtaSeconds, long sampledAtMillis) {

    public TopicSample {
        legacyRemaining = Map.copyOf(new TreeMap<>(legacyRemaining));
    }

    public long legacyRemainingTotal() {
        return OffsetLag.sum(legacyRemaining);
    }
}
