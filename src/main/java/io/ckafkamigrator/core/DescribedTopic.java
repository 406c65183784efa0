package io.ckafkamigrator.core;

import java.util.Map;
import java.util.TreeMap;

/**
 * A Kafka topic as its cluster describes it, for provisioning ({@link ProvisionPlan}).
 *
 * @param partitions        its partition count
 * @param replicationFactor the replicas of its first partition
 * @param setOnTopic        the configs set on the topic itself (DescribeConfigs source
 *                          {@code DYNAMIC_TOPIC_CONFIG}), not the broker's defaults
 * @param effective         every config's value as the topic has it, wherever it comes from
 */
public record DescribedTopic(int partitions, int replicationFactor, Map<String, String> setOnTopic,
                          Map<String, String> effective) {

    public DescribedTopic {
        setOnTopic = Map.copyOf(setOnTopic);
        effective = Map.copyOf(effective);
    }

    /** The configs set on the topic, sorted by name. */
    public Map<String, String> sortedSetOnTopic() {
        return new TreeMap<>(setOnTopic);
    }
}
