package io.ckafkamigrator.core;

import java.util.Map;

/**
 * What the handoff of a topic will need to read, read once before its producer moves: the
 * legacy end offsets and the legacy group's committed offsets (the drain target and the drain
 * watch, captured again once the switch is done), and the CKafka end offsets (the new consumer's
 * start offsets). A switch that cannot be measured is not made: nothing after it could tell when
 * the legacy group has drained, and the records sent to CKafka would never be delivered.
 *
 * <p>An answer without any partition is no measurement: an empty drain target reads as drained
 * at once, an empty start leaves the new consumer nowhere to begin.
 *
 * @param ckafkaStart the CKafka end offsets, the start offsets the switch saves
 */
record SwitchReadings(Map<Integer, Long> legacyEnd, Map<Integer, Long> legacyCommitted,
                      Map<Integer, Long> ckafkaStart) {

    /**
     * Reads the three; reads only.
     *
     * @throws ClusterReadException naming the cluster, the topic and the read that failed
     */
    static SwitchReadings take(TopicConfig topic, ClusterOffsets legacy, ClusterOffsets ckafka) {
        Map<Integer, Long> legacyEnd = endOffsets(Cluster.LEGACY, legacy, topic.legacyTopic());
        Map<Integer, Long> committed = legacy.committedOffsets(topic.legacyGroup(), topic.legacyTopic());
        Map<Integer, Long> ckafkaEnd = endOffsets(Cluster.CKAFKA, ckafka, topic.ckafkaTopic());
        return new SwitchReadings(legacyEnd, committed, ckafkaEnd);
    }

    /**
     * What a LEGACY topic's readiness shows: reads each cluster's part of {@link #take} apart,
     * and tells {@code health} which could be read. Reads only.
     */
    static void check(TopicConfig topic, MigrationServices services, OffsetReadHealth health, long nowNanos) {
        try {
            endOffsets(Cluster.LEGACY, services.legacy(), topic.legacyTopic());
            services.legacy().committedOffsets(topic.legacyGroup(), topic.legacyTopic());
            health.read(Cluster.LEGACY);
        } catch (ClusterReadException e) {
            health.failed(e, nowNanos);
        }
        try {
            endOffsets(Cluster.CKAFKA, services.ckafka(), topic.ckafkaTopic());
            health.read(Cluster.CKAFKA);
        } catch (ClusterReadException e) {
            health.failed(e, nowNanos);
        }
    }

    /**
     * The topic's end offsets, one per partition.
     *
     * @throws ClusterReadException if the read failed or answered no partition
     */
    static Map<Integer, Long> endOffsets(Cluster cluster, ClusterOffsets offsets, String topic) {
        Map<Integer, Long> end = offsets.endOffsets(topic);
        if (end.isEmpty()) {
            throw new ClusterReadException(cluster, "end offsets of topic '" + topic + "'",
                    "the cluster answered no partition", null);
        }
        return end;
    }
}
