package io.ckafkamigrator.kafka;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.ckafkamigrator.config.ClusterSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
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
 *       tags its records only where that cannot fail a send.</li>
 * </ul>
 *
 * @param maxBatchBytes per topic, the largest batch in bytes that both the topic and the producer accept
 * @param headers       per topic, whether its records can carry headers
 */
public record TopicLimits(Map<String, Integer> maxBatchBytes, Map<String, RecordHeaderSupport> headers) {

    /** Kafka's own defaults, used when a broker (0.10 has no DescribeConfigs) cannot tell. */
    static final int DEFAULT_MAX_MESSAGE_BYTES = 1_000_012;
    static final int DEFAULT_MAX_REQUEST_SIZE = 1_048_576;

    /** The topic setting that says which message format its log is written in (gone in Kafka 4). */
    static final String MESSAGE_FORMAT_VERSION = "message.format.version";

    private static final Logger LOG = LoggerFactory.getLogger(TopicLimits.class);

    public TopicLimits {
        maxBatchBytes = Map.copyOf(maxBatchBytes);
        headers = Map.copyOf(headers);
    }

    public static TopicLimits read(ClusterSettings cluster, Collection<String> topics, int timeoutMs) {
        int producerLimit = intValue(cluster.clientProperties().get("max.request.size"), DEFAULT_MAX_REQUEST_SIZE);
        Map<String, Integer> limits = new HashMap<>();
        Map<String, RecordHeaderSupport> headers = new HashMap<>();
        topics.forEach(t -> limits.put(t, Math.min(producerLimit, DEFAULT_MAX_MESSAGE_BYTES)));
        Map<String, Object> props = new HashMap<>(cluster.clientProperties());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
        List<ConfigResource> resources = topics.stream()
                .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
        try (Admin admin = Admin.create(props)) {
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
            LOG.warn("Cannot read max.message.bytes of {} on the {} cluster ({}); assuming Kafka's default {}",
                    topics, cluster.name(), e.toString(), DEFAULT_MAX_MESSAGE_BYTES);
            topics.forEach(t -> headers.put(t, RecordHeaderSupport.ofFailure(e)));
        }
        return new TopicLimits(limits, headers);
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
