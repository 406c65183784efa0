package io.ckafkamigrator.kafka;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.ckafkamigrator.config.ClusterSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What each topic accepts on one cluster, read once at start-up with one DescribeConfigs:
 * <ul>
 *   <li>the largest record batch: the topic's {@code max.message.bytes} (the broker default
 *       when the topic does not override it), capped by our producer's {@code max.request.size},
 *       so that HTTP ingest can refuse a record that is too large (413) before anything is sent;</li>
 *   <li>whether its records can carry headers ({@link RecordHeaderSupport}), so that the producer
 *       tags its records only where that cannot fail a send;</li>
 *   <li>its partition count (one DescribeTopics), so that a record of a bridge request naming a
 *       partition the topic lacks is refused at once: the producer would wait for that partition
 *       in its metadata for {@code max.block.ms}.</li>
 * </ul>
 *
 * @param maxBatchBytes per topic, the largest batch in bytes that both the topic and the producer accept
 * @param headers       per topic, whether its records can carry headers
 * @param partitions    per topic that exists, its partition count
 */
public record TopicLimits(Map<String, Integer> maxBatchBytes, Map<String, RecordHeaderSupport> headers,
                          Map<String, Integer> partitions) {

    /** Kafka's own defaults, used when a broker (0.10 has no DescribeConfigs) cannot tell. */
    static final int DEFAULT_MAX_MESSAGE_BYTES = 1_000_012;
    static final int DEFAULT_MAX_REQUEST_SIZE = 1_048_576;

    /** The topic setting that says which message format its log is written in (gone in Kafka 4). */
    static final String MESSAGE_FORMAT_VERSION = "message.format.version";

    private static final Logger LOG = LoggerFactory.getLogger(TopicLimits.class);

    public TopicLimits {
        maxBatchBytes = Map.copyOf(maxBatchBytes);
        headers = Map.copyOf(headers);
        partitions = Map.copyOf(partitions);
    }

    /** Nothing read: a cluster no topic needs. */
    public static TopicLimits none() {
        return new TopicLimits(Map.of(), Map.of(), Map.of());
    }

    public static TopicLimits read(ClusterSettings cluster, Collection<String> topics, int timeoutMs) {
        int producerLimit = intValue(cluster.clientProperties().get("max.request.size"), DEFAULT_MAX_REQUEST_SIZE);
        Map<String, Integer> limits = new HashMap<>();
        Map<String, RecordHeaderSupport> headers = new HashMap<>();
        Map<String, Integer> partitions = new HashMap<>();
        topics.forEach(t -> limits.put(t, Math.min(producerLimit, DEFAULT_MAX_MESSAGE_BYTES)));
        Map<String, Object> props = new HashMap<>(cluster.clientProperties());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
        try (Admin admin = Admin.create(props)) {
            readConfigs(admin, cluster, topics, timeoutMs, producerLimit, limits, headers);
            // Apart from the configs: brokers before 0.11 describe topics, not their configs.
            readPartitions(admin, cluster, topics, timeoutMs, partitions);
        } catch (RuntimeException e) {
            // The client itself could not be made: nothing is read.
            configsUnread(cluster, topics, e, headers);
        }
        return new TopicLimits(limits, headers, partitions);
    }

    private static void readConfigs(Admin admin, ClusterSettings cluster, Collection<String> topics, int timeoutMs,
                                    int producerLimit, Map<String, Integer> limits, Map<String, RecordHeaderSupport> headers) {
        List<ConfigResource> resources = topics.stream()
                .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
        try {
            Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(timeoutMs, TimeUnit.MILLISECONDS);
            configs.forEach((resource, config) -> {
                ConfigEntry entry = config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
                if (entry != null && entry.value() != null) {
                    limits.put(resource.name(), Math.min(producerLimit, Integer.parseInt(entry.value())));
                }
                ConfigEntry format = config.get(MESSAGE_FORMAT_VERSION);
                headers.put(resource.name(), RecordHeaderSupport.ofMessageFormat(format == null ? null : format.value()));
            });
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            configsUnread(cluster, topics, e, headers);
        }
    }

    private static void configsUnread(ClusterSettings cluster, Collection<String> topics, Exception e,
                                      Map<String, RecordHeaderSupport> headers) {
        LOG.warn("Cannot read max.message.bytes of {} on the {} cluster ({}); assuming Kafka's default {}",
                topics, cluster.name(), e.toString(), DEFAULT_MAX_MESSAGE_BYTES);
        topics.forEach(t -> headers.put(t, RecordHeaderSupport.ofFailure(e)));
    }

    private static void readPartitions(Admin admin, ClusterSettings cluster, Collection<String> topics, int timeoutMs,
                                       Map<String, Integer> partitions) {
        try {
            partitions.putAll(partitionCounts(admin, topics, timeoutMs));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("Cannot read the partitions of {} on the {} cluster ({}); the partitions bridge records name "
                    + "are not checked before the send", topics, cluster.name(), e.toString());
        }
    }

    /** Each topic's partition count; a topic missing or not described is left out (its records are not checked). */
    private static Map<String, Integer> partitionCounts(Admin admin, Collection<String> topics, int timeoutMs)
            throws InterruptedException {
        Map<String, Integer> counts = new HashMap<>();
        for (Map.Entry<String, KafkaFuture<TopicDescription>> topic
                : admin.describeTopics(topics).topicNameValues().entrySet()) {
            try {
                counts.put(topic.getKey(), topic.getValue().get(timeoutMs, TimeUnit.MILLISECONDS).partitions().size());
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                LOG.debug("Partitions of topic {} not read: {}", topic.getKey(), e.toString());
            }
        }
        return counts;
    }

    private static int intValue(Object raw, int defaultValue) {
        if (raw == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(raw.toString().trim());
        } catch (NumberFormatException e) {
            return defaultValue;
        }
    }
}
