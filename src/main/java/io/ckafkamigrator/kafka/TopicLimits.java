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
 * The largest record each topic accepts on one cluster: the topic's {@code max.message.bytes}
 * (the broker default when the topic does not override it), capped by our producer's
 * {@code max.request.size}. Read once at start-up so that HTTP ingest can refuse a record that
 * is too large (413) before anything is sent.
 */
public final class TopicLimits {

    /** Kafka's own defaults, used when a broker (0.10 has no DescribeConfigs) cannot tell. */
    static final int DEFAULT_MAX_MESSAGE_BYTES = 1_000_012;
    static final int DEFAULT_MAX_REQUEST_SIZE = 1_048_576;

    private static final Logger LOG = LoggerFactory.getLogger(TopicLimits.class);

    private TopicLimits() {
    }

    /** Per topic, the largest batch in bytes that both the topic and the producer accept. */
    public static Map<String, Integer> read(ClusterSettings cluster, Collection<String> topics, int timeoutMs) {
        int producerLimit = intValue(cluster.clientProperties().get("max.request.size"), DEFAULT_MAX_REQUEST_SIZE);
        Map<String, Integer> limits = new HashMap<>();
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
            });
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warn("Cannot read max.message.bytes of {} on the {} cluster ({}); assuming Kafka's default {}",
                    topics, cluster.name(), e.toString(), DEFAULT_MAX_MESSAGE_BYTES);
        }
        return limits;
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
