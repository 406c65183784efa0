package io.ckafkamigrator.camel;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.ckafkamigrator.config.ClusterSettings;
import io.ckafkamigrator.core.Clusters;
import io.ckafkamigrator.core.TopicConfig;
import io.ckafkamigrator.kafka.TopicLimits;

/**
 * The largest record each migrated topic takes over HTTP: the smaller limit of its two Kafka
 * topics, so a record is refused (413) before the switch rather than by CKafka after it.
 */
final class IngestLimits {

    private IngestLimits() {
    }

    /**
     * @param topicsByCluster the Kafka topics the routes use, by cluster id
     * @return the largest record batch in bytes, per migrated topic name
     */
    static Map<String, Integer> read(Clusters<ClusterSettings> clusters, Map<String, Set<String>> topicsByCluster,
                                     List<TopicConfig> topics, int timeoutMs) {
        // A cluster no topic needs (legacy once every topic is MIGRATED) is not asked.
        Clusters<Map<String, Integer>> byCluster = Clusters.of(cluster -> topicsByCluster.get(cluster.id()).isEmpty()
                ? Map.of() : TopicLimits.read(clusters.get(cluster), topicsByCluster.get(cluster.id()), timeoutMs));
        Map<String, Integer> limits = new HashMap<>();
        for (TopicConfig topic : topics) {
            limits.put(topic.name(), Math.min(byCluster.legacy().getOrDefault(topic.legacyTopic(), Integer.MAX_VALUE),
                    byCluster.ckafka().getOrDefault(topic.ckafkaTopic(), Integer.MAX_VALUE)));
        }
        return limits;
    }
}
