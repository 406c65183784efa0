package io.ckafkamigrator.camel;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.ckafkamigrator.config.ClusterSettings;
import io.ckafkamigrator.core.Clusters;
import io.ckafkamigrator.core.ConsumerIdentity;
import io.ckafkamigrator.core.TopicConfig;
import io.ckafkamigrator.kafka.RecordHeaderSupport;
import io.ckafkamigrator.kafka.TopicLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What each migrated topic takes over HTTP, read once at start-up:
 *
 * @param maxBatchBytes per migrated topic, the largest record batch in bytes: the smaller limit
 *                      of its two Kafka topics, so a record is refused (413) before the switch
 *                      rather than by CKafka after it
 * @param taggable      the migrated topics whose legacy topic carries record headers, so the
 *                      producer tags what it sends there ({@link ConsumerIdentity#RECORD_TAG_HEADER});
 *                      on the others a late append of ours counts as a stray write
 * @param partitions    per migrated topic, the partitions of its Kafka topics (the fewer of the
 *                      two where both exist); a topic whose count is not known is left out
 */
record IngestLimits(Map<String, Integer> maxBatchBytes, Set<String> taggable, Map<String, Integer> partitions) {

    private static final Logger LOG = LoggerFactory.getLogger(IngestLimits.class);
    private static final RecordHeaderSupport NOT_READ = new RecordHeaderSupport(false, "not described by the broker");

    IngestLimits {
        maxBatchBytes = Map.copyOf(maxBatchBytes);
        taggable = Set.copyOf(taggable);
        partitions = Map.copyOf(partitions);
    }

    /** @param topicsByCluster the Kafka topics the routes use, by cluster id */
    static IngestLimits read(Clusters<ClusterSettings> clusters, Map<String, Set<String>> topicsByCluster,
                             List<TopicConfig> topics, int timeoutMs) {
        // A cluster no topic needs (legacy once every topic is MIGRATED) is not asked.
        Clusters<TopicLimits> byCluster = Clusters.of(cluster -> topicsByCluster.get(cluster.id()).isEmpty()
                ? TopicLimits.none()
                : TopicLimits.read(clusters.get(cluster), topicsByCluster.get(cluster.id()), timeoutMs));
        Map<String, Integer> limits = new HashMap<>();
        Set<String> taggable = new TreeSet<>();
        Map<String, Integer> partitions = new HashMap<>();
        for (TopicConfig topic : topics) {
            Integer legacy = byCluster.legacy().partitions().get(topic.legacyTopic());
            Integer ckafka = byCluster.ckafka().partitions().get(topic.ckafkaTopic());
            if (legacy != null || ckafka != null) {
                partitions.put(topic.name(), Math.min(legacy == null ? Integer.MAX_VALUE : legacy,
                        ckafka == null ? Integer.MAX_VALUE : ckafka));
            }
            limits.put(topic.name(),
                    Math.min(byCluster.legacy().maxBatchBytes().getOrDefault(topic.legacyTopic(), Integer.MAX_VALUE),
                            byCluster.ckafka().maxBatchBytes().getOrDefault(topic.ckafkaTopic(), Integer.MAX_VALUE)));
            if (!byCluster.legacy().maxBatchBytes().containsKey(topic.legacyTopic())) {
                continue; // MIGRATED: nothing is sent to legacy
            }
            RecordHeaderSupport headers = byCluster.legacy().headers().getOrDefault(topic.legacyTopic(), NOT_READ);
            if (headers.carried()) {
                taggable.add(topic.name());
            } else {
                LOG.warn("Records to legacy not tagged: topic={} legacyTopic={} because {}; a late append of a send "
                        + "whose outcome was unknown then counts as a stray write and holds the handoff until "
                        + "accept-stray-writes", topic.name(), topic.legacyTopic(), headers.reason());
            }
        }
        return new IngestLimits(limits, taggable, partitions);
    }
}
