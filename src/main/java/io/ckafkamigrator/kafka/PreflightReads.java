package io.ckafkamigrator.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.ckafkamigrator.config.ClusterSettings;
import io.ckafkamigrator.core.ClusterFacts;
import io.ckafkamigrator.core.ClusterOffsets;
import io.ckafkamigrator.core.ClusterTopicFacts;
import io.ckafkamigrator.core.GroupMembers;
import io.ckafkamigrator.core.GroupOffsets;
import io.ckafkamigrator.core.Known;
import io.ckafkamigrator.core.TopicLayout;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.UnsupportedVersionException;

/**
 * What the preflight reads of one cluster ({@link ClusterTopicFacts}), through an admin client of
 * its own for the topic's layout, configs and authorized operations and the group's members, and
 * the app's {@link ClusterOffsets} for offsets (which knows how to list them on brokers before
 * 0.11, {@link BrokerFit}). Only describes and lists: nothing is created, committed or changed.
 *
 * <p>Old brokers: authorized operations need Kafka 2.3 (a describe without them is retried and
 * the operations are reported unknown); the admin client's metadata request needs 0.11 (on
 * 0.10.2 the partitions come from {@link ClusterOffsets#partitions}, whose consumer-based reads
 * work there, and the replication factor is unknown). A read that fails is a fact unknown with
 * its reason, never an exception. Thread-safe, as the admin client is.
 */
public final class PreflightReads implements ClusterFacts, AutoCloseable {

    private static final String NO_OPERATIONS = "the brokers report no authorized operations (Kafka before 2.3)";

    private final String name;
    private final ClusterOffsets offsets;
    private final LazyAdmin admin;
    private final long timeoutMs;

    public PreflightReads(ClusterSettings cluster, ClusterOffsets offsets, long timeoutMs) {
        this.name = cluster.name();
        this.offsets = offsets;
        this.timeoutMs = timeoutMs;
        Map<String, Object> props = new HashMap<>();
        // As AdminOffsetReads: a classic group's describe on 3.8+ retries after this backoff.
        props.put(AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, 5);
        props.putAll(cluster.clientProperties());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeoutMs);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeoutMs);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "ckafka-migrator-preflight-" + name);
        this.admin = new LazyAdmin(props);
    }

    /** Everything about {@code topic} and {@code group} on this cluster, each fact known or why not. */
    @Override
    public ClusterTopicFacts read(String topic, String group) {
        TopicRead described = describeTopic(topic);
        boolean exists = described.layout().known() && described.layout().value().isPresent();
        String missing = "the " + name + " topic '" + topic + "' does not exist";
        Known<Map<String, String>> configs = exists ? Known.read(() -> configs(topic)) : Known.unknown(missing);
        Known<GroupOffsets> groupOffsets = exists ? Known.read(() -> offsets.groupOffsets(group, topic))
                : Known.unknown(missing);
        Known<Set<Integer>> unread = groupOffsets.known() ? Known.read(() -> unreadWithRecords(topic, groupOffsets.value()))
                : Known.unknown(groupOffsets.whyUnknown());
        GroupRead members = describeGroup(group);
        return new ClusterTopicFacts(name, topic, group, described.layout(), configs, described.operations(),
                groupOffsets, unread, members.members(), members.operations());
    }

    private record TopicRead(Known<Optional<TopicLayout>> layout, Known<Set<String>> operations) {
    }

    private TopicRead describeTopic(String topic) {
        try {
            TopicDescription description = describe(topic, true);
            return new TopicRead(Known.of(Optional.of(layout(description))), operations(description.authorizedOperations(),
                    "the " + name + " broker reported no authorized operations for the topic"));
        } catch (UnsupportedVersionException tooOld) {
            return describeWithoutOperations(topic);
        } catch (UnknownTopicOrPartitionException e) {
            return new TopicRead(Known.of(Optional.empty()), Known.unknown("the topic does not exist"));
        } catch (RuntimeException e) {
            String why = describe(e);
            return new TopicRead(Known.unknown(why), Known.unknown(why));
        }
    }

    private TopicRead describeWithoutOperations(String topic) {
        Known<Set<String>> operations = Known.unknown(NO_OPERATIONS);
        try {
            return new TopicRead(Known.of(Optional.of(layout(describe(topic, false)))), operations);
        } catch (UnknownTopicOrPartitionException e) {
            return new TopicRead(Known.of(Optional.empty()), operations);
        } catch (UnsupportedVersionException beforeMetadataV4) {
            // 0.10.2: the offset reads' consumer finds the partitions; a topic without any does not exist.
            Known<Optional<TopicLayout>> layout = Known.read(() -> {
                Set<Integer> partitions = offsets.partitions(topic);
                return partitions.isEmpty() ? Optional.<TopicLayout>empty() : Optional.of(new TopicLayout(partitions.size(), 0));
            });
            return new TopicRead(layout, operations);
        } catch (RuntimeException e) {
            return new TopicRead(Known.unknown(describe(e)), operations);
        }
    }

    private TopicDescription describe(String topic, boolean withOperations) {
        return get(admin.get().describeTopics(List.of(topic), new DescribeTopicsOptions()
                .includeAuthorizedOperations(withOperations)).allTopicNames()).get(topic);
    }

    private static TopicLayout layout(TopicDescription description) {
        int replicas = description.partitions().isEmpty() ? 0 : description.partitions().get(0).replicas().size();
        return new TopicLayout(description.partitions().size(), replicas);
    }

    private Map<String, String> configs(String topic) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = get(admin.get().describeConfigs(List.of(resource)).all()).get(resource);
        Map<String, String> values = new TreeMap<>();
        config.entries().forEach(entry -> {
            if (entry.value() != null) {
                values.put(entry.name(), entry.value());
            }
        });
        return values;
    }

    /** Partitions without a committed offset whose log holds a record a consumer would deliver. */
    private Set<Integer> unreadWithRecords(String topic, GroupOffsets group) {
        Set<Integer> unread = new TreeSet<>();
        group.end().forEach((partition, end) -> {
            long start = group.logStart().getOrDefault(partition, 0L);
            if (!group.committed().containsKey(partition) && start < end && offsets.hasRecords(topic, partition, start, end)) {
                unread.add(partition);
            }
        });
        return unread;
    }

    private record GroupRead(Known<GroupMembers> members, Known<Set<String>> operations) {
    }

    private GroupRead describeGroup(String group) {
        try {
            ConsumerGroupDescription description = describeGroup(group, true);
            return new GroupRead(Known.of(members(description)), operations(description.authorizedOperations(),
                    "the " + name + " broker reported no authorized operations for the group"));
        } catch (UnsupportedVersionException tooOld) {
            return new GroupRead(Known.read(() -> offsets.members(group)), Known.unknown(NO_OPERATIONS));
        } catch (GroupAuthorizationException e) {
            // Refused a describe: the credentials may not even DESCRIBE the group.
            return new GroupRead(Known.unknown(describe(e)), Known.of(Set.of()));
        } catch (RuntimeException e) {
            String why = describe(e);
            return new GroupRead(Known.unknown(why), Known.unknown(why));
        }
    }

    private ConsumerGroupDescription describeGroup(String group, boolean withOperations) {
        return get(admin.get().describeConsumerGroups(List.of(group), new DescribeConsumerGroupsOptions()
                .includeAuthorizedOperations(withOperations)).all()).get(group);
    }

    private static GroupMembers members(ConsumerGroupDescription description) {
        return new GroupMembers(description.members().stream()
                .map(m -> new GroupMembers.Member(m.clientId(), m.host(), m.consumerId())).toList());
    }

    private static Known<Set<String>> operations(Set<AclOperation> operations, String none) {
        if (operations == null) {
            return Known.unknown(none);
        }
        Set<String> names = new TreeSet<>();
        operations.forEach(op -> names.add(op.name()));
        return Known.of(names);
    }

    /** The future's value; its failure's cause is thrown as it is, so callers can tell its kind. */
    private <T> T get(KafkaFuture<T> future) {
        try {
            return future.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException(name + " cluster: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(name + " cluster: no answer within " + timeoutMs + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(name + " cluster: interrupted", e);
        }
    }

    private String describe(RuntimeException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.startsWith(name + " cluster") ? message : name + " cluster: " + message;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
