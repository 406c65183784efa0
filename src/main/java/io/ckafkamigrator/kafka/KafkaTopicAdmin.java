package io.ckafkamigrator.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.ckafkamigrator.config.ClusterSettings;
import io.ckafkamigrator.core.Clusters;
import io.ckafkamigrator.core.ProvisionFailedException;
import io.ckafkamigrator.core.ProvisionFailedException.Reason;
import io.ckafkamigrator.core.TopicAdmin;
import io.ckafkamigrator.core.DescribedTopic;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.UnsupportedVersionException;

/**
 * {@link TopicAdmin} on the two real clusters, through an admin client per cluster created at
 * its first use (a topic nobody provisions costs no connection). A topic is described with one
 * DescribeTopics and one DescribeConfigs; a creation is one CreateTopics, {@code validateOnly}
 * for a dry run (the broker then applies its policy, authorization and checks, and creates
 * nothing: CreateTopics v1, Kafka 0.10.2). A replication factor of -1 needs CreateTopics v4
 * (Kafka 2.4). Broker refusals are told apart ({@link Reason}); the message names the cluster.
 * Thread-safe, as the admin client is.
 */
public final class KafkaTopicAdmin implements TopicAdmin, AutoCloseable {

    private final Clusters<ClusterSettings> clusters;
    private final LazyAdmin legacy;
    private final LazyAdmin ckafka;
    private final long timeoutMs;

    public KafkaTopicAdmin(Clusters<ClusterSettings> clusters, long timeoutMs) {
        this.clusters = clusters;
        this.timeoutMs = timeoutMs;
        this.legacy = new LazyAdmin(props(clusters.legacy(), timeoutMs));
        this.ckafka = new LazyAdmin(props(clusters.ckafka(), timeoutMs));
    }

    private static Map<String, Object> props(ClusterSettings cluster, long timeoutMs) {
        Map<String, Object> props = new HashMap<>(cluster.clientProperties());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeoutMs);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeoutMs);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "ckafka-migrator-provision-" + cluster.name());
        return props;
    }

    @Override
    public DescribedTopic describeLegacy(String topic) {
        return describe(legacy, clusters.legacy(), topic).orElseThrow(() -> new ProvisionFailedException(
                Reason.LEGACY_TOPIC_MISSING, "topic '" + topic + "' does not exist on the legacy cluster at "
                        + clusters.legacy().bootstrapServers() + ": there is nothing to copy", null));
    }

    @Override
    public Optional<DescribedTopic> describeCkafka(String topic) {
        return describe(ckafka, clusters.ckafka(), topic);
    }

    @Override
    public boolean ckafkaTopicExists(String topic) {
        return describeTopic(ckafka, clusters.ckafka(), topic).isPresent();
    }

    @Override
    public void createCkafka(String topic, int partitions, int replicationFactor, Map<String, String> configs,
                             boolean validateOnly) {
        NewTopic request = new NewTopic(topic, Optional.of(partitions), Optional.of((short) replicationFactor))
                .configs(configs);
        ClusterSettings cluster = clusters.ckafka();
        get(ckafka.get().createTopics(List.of(request), new CreateTopicsOptions().validateOnly(validateOnly)).all(),
                cluster);
    }

    private Optional<DescribedTopic> describe(LazyAdmin admin, ClusterSettings cluster, String topic) {
        Optional<TopicDescription> description = describeTopic(admin, cluster, topic);
        if (description.isEmpty()) {
            return Optional.empty();
        }
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = get(admin.get().describeConfigs(List.of(resource)).values().get(resource), cluster);
        Map<String, String> setOnTopic = new HashMap<>();
        Map<String, String> effective = new HashMap<>();
        for (ConfigEntry entry : config.entries()) {
            if (entry.value() == null) {
                continue; // a sensitive or unknown value tells nothing to compare
            }
            effective.put(entry.name(), entry.value());
            if (entry.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG) {
                setOnTopic.put(entry.name(), entry.value());
            }
        }
        TopicDescription described = description.get();
        int replicas = described.partitions().isEmpty() ? 0 : described.partitions().get(0).replicas().size();
        return Optional.of(new DescribedTopic(described.partitions().size(), replicas, setOnTopic, effective));
    }

    private Optional<TopicDescription> describeTopic(LazyAdmin admin, ClusterSettings cluster, String topic) {
        try {
            return Optional.of(get(admin.get().describeTopics(List.of(topic)).topicNameValues().get(topic), cluster));
        } catch (ProvisionFailedException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private <T> T get(KafkaFuture<T> future, ClusterSettings cluster) {
        try {
            return future.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw failure(e.getCause(), cluster);
        } catch (TimeoutException e) {
            throw new ProvisionFailedException(Reason.UNAVAILABLE, "the " + cluster.name() + " cluster at "
                    + cluster.bootstrapServers() + " did not answer within " + timeoutMs + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProvisionFailedException(Reason.UNAVAILABLE, "interrupted", e);
        }
    }

    /** What the broker's answer means for the operator. */
    static ProvisionFailedException failure(Throwable cause, ClusterSettings cluster) {
        String where = "the " + cluster.name() + " cluster at " + cluster.bootstrapServers();
        String said = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        if (cause instanceof TopicAuthorizationException || cause instanceof ClusterAuthorizationException) {
            return new ProvisionFailedException(Reason.FORBIDDEN, where + " does not let "
                    + (cluster.saslUsername() == null ? "the migrator" : "user '" + cluster.saslUsername() + "'")
                    + " create topics (" + said + ")", cause);
        }
        if (cause instanceof PolicyViolationException) {
            return new ProvisionFailedException(Reason.REFUSED, where + " refused the topic by its topic creation "
                    + "policy (" + said + ")", cause);
        }
        if (cause instanceof InvalidReplicationFactorException) {
            return new ProvisionFailedException(Reason.REFUSED, where + " refused the replication factor (" + said
                    + "); set migration.provision.replication-factor", cause);
        }
        if (cause instanceof UnsupportedVersionException) {
            return new ProvisionFailedException(Reason.REFUSED, where + " cannot take the request (" + said + "); "
                    + "brokers before Kafka 2.4 need migration.provision.replication-factor set to a number", cause);
        }
        if (cause instanceof InvalidPartitionsException || cause instanceof InvalidConfigurationException
                || cause instanceof InvalidRequestException) {
            return new ProvisionFailedException(Reason.REFUSED, where + " refused the topic as asked (" + said + ")",
                    cause);
        }
        if (cause instanceof TopicExistsException) {
            return new ProvisionFailedException(Reason.ALREADY_EXISTS, where + ": " + said, cause);
        }
        if (cause instanceof UnknownTopicOrPartitionException) {
            return new ProvisionFailedException(Reason.UNAVAILABLE, where + ": " + said, cause);
        }
        return new ProvisionFailedException(Reason.UNAVAILABLE, where + " failed the request (" + said + ")", cause);
    }

    @Override
    public void close() {
        legacy.close(Duration.ofSeconds(5));
        ckafka.close(Duration.ofSeconds(5));
    }
}
