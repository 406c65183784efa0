package io.ckafkamigrator.support;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import static org.awaitility.Awaitility.await;

/**
 * One named Kafka cluster of the test fixture ({@code legacy} or {@code ckafka}), however it
 * was provisioned, with the admin helpers the tests need.
 */
public interface KafkaTestCluster extends AutoCloseable {

    String name();

    String bootstrapServers();

    @Override
    void close();

    /** A cluster reached at {@code bootstrapServers} with plain clients; {@code onClose} stops it. */
    static KafkaTestCluster of(String name, java.util.function.Supplier<String> bootstrapServers, Runnable onClose) {
        return of(name, bootstrapServers, () -> Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers.get()), onClose);
    }

    static KafkaTestCluster of(String name, java.util.function.Supplier<String> bootstrapServers,
                               java.util.function.Supplier<Map<String, Object>> clientProperties, Runnable onClose) {
        return new KafkaTestCluster() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String bootstrapServers() {
                return bootstrapServers.get();
            }

            @Override
            public Map<String, Object> clientProperties() {
                return clientProperties.get();
            }

            @Override
            public void close() {
                onClose.run();
            }
        };
    }

    /** Client settings that reach the cluster with full rights. */
    default Map<String, Object> clientProperties() {
        return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    }

    default Admin admin() {
        return Admin.create(clientProperties());
    }

    /** Deletes the topic and the groups, then creates the topic empty: a clean slate per test. */
    default void recreateTopic(String topic, int partitions, String... groups) {
        recreateTopics(Map.of(topic, List.of(groups)), partitions);
    }

    /** {@link #recreateTopic} of many topics (each with its groups) in a few requests. */
    default void recreateTopics(Map<String, List<String>> groupsByTopic, int partitions) {
        try (Admin admin = admin()) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<String> present = groupsByTopic.keySet().stream().filter(existing::contains).toList();
            if (!present.isEmpty()) {
                admin.deleteTopics(present).all().get(30, TimeUnit.SECONDS);
            }
            List<String> groups = groupsByTopic.values().stream().flatMap(List::stream).toList();
            if (!groups.isEmpty()) {
                for (var deleted : admin.deleteConsumerGroups(groups).deletedGroups().values()) {
                    try {
                        deleted.get(30, TimeUnit.SECONDS);
                    } catch (java.util.concurrent.ExecutionException e) {
                        if (!(e.getCause() instanceof org.apache.kafka.common.errors.GroupIdNotFoundException)) {
                            throw e;
                        }
                    }
                }
            }
            // A deleted topic may take a moment to go: its creation is tried again until it succeeds.
            Set<String> missing = new java.util.HashSet<>(groupsByTopic.keySet());
            await().atMost(30, TimeUnit.SECONDS).until(() -> {
                var created = admin.createTopics(missing.stream().map(t -> new NewTopic(t, partitions, (short) 1)).toList());
                created.values().forEach((topic, future) -> {
                    try {
                        future.get(10, TimeUnit.SECONDS);
                        missing.remove(topic);
                    } catch (Exception e) {
                        // still being deleted
                    }
                });
                return missing.isEmpty();
            });
        } catch (Exception e) {
            throw new IllegalStateException("cannot recreate topics " + groupsByTopic.keySet() + " on " + name(), e);
        }
    }

    /**
     * Commits {@code group}'s offsets at the end of every partition of {@code topic}: the legacy
     * group as the migrator finds the old consumer's on a live topic, having read everything
     * written so far (the migrator refuses to start a legacy group without offsets).
     */
    default void commitAtEnd(String group, String topic) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new java.util.HashMap<>();
        offsets(topic, OffsetSpec.latest()).forEach((p, offset) -> offsets.put(new TopicPartition(topic, p), new OffsetAndMetadata(offset)));
        try (Admin admin = admin()) {
            admin.alterConsumerGroupOffsets(group, offsets).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot commit offsets of group " + group + " on " + name(), e);
        }
    }

    default void deleteTopicIfExists(String topic) {
        try (Admin admin = admin()) {
            if (admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) {
                admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
            }
            await().atMost(30, TimeUnit.SECONDS)
                    .until(() -> !admin.listTopics().names().get(10, TimeUnit.SECONDS).contains(topic));
        } catch (Exception e) {
            throw new IllegalStateException("cannot delete topic " + topic + " on " + name(), e);
        }
    }

    default void deleteTopic(String topic) {
        try (Admin admin = admin()) {
            admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot delete topic " + topic + " on " + name(), e);
        }
    }

    /** Sets (value) or removes (null) topic-level configuration entries, such as {@code retention.ms}. */
    default void setTopicConfig(String topic, Map<String, String> entries) {
        var resource = new org.apache.kafka.common.config.ConfigResource(
                org.apache.kafka.common.config.ConfigResource.Type.TOPIC, topic);
        List<org.apache.kafka.clients.admin.AlterConfigOp> ops = entries.entrySet().stream()
                .map(e -> new org.apache.kafka.clients.admin.AlterConfigOp(
                        new org.apache.kafka.clients.admin.ConfigEntry(e.getKey(), e.getValue()),
                        e.getValue() == null ? org.apache.kafka.clients.admin.AlterConfigOp.OpType.DELETE
                                : org.apache.kafka.clients.admin.AlterConfigOp.OpType.SET))
                .toList();
        try (Admin admin = admin()) {
            admin.incrementalAlterConfigs(Map.of(resource, ops)).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot configure topic " + topic + " on " + name(), e);
        }
    }

    /** Grows the topic to {@code partitions} partitions. */
    default void addPartitions(String topic, int partitions) {
        try (Admin admin = admin()) {
            admin.createPartitions(Map.of(topic, org.apache.kafka.clients.admin.NewPartitions.increaseTo(partitions)))
                    .all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot add partitions to " + topic + " on " + name(), e);
        }
    }

    /** The first offset still in each partition of the topic. */
    default Map<Integer, Long> logStartOffsets(String topic) {
        return offsets(topic, OffsetSpec.earliest());
    }

    /** The sum of the end offsets of every partition of the topic. */
    default long endOffsetSum(String topic) {
        return offsets(topic, OffsetSpec.latest()).values().stream().mapToLong(Long::longValue).sum();
    }

    /** Each partition's offset of the given kind (log start, end), by partition. */
    default Map<Integer, Long> offsets(String topic, OffsetSpec spec) {
        try (Admin admin = admin()) {
            var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(topic).partitions();
            Map<TopicPartition, OffsetSpec> request = new java.util.HashMap<>();
            partitions.forEach(p -> request.put(new TopicPartition(topic, p.partition()), spec));
            Map<Integer, Long> result = new java.util.TreeMap<>();
            admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).forEach((tp, info) -> result.put(tp.partition(), info.offset()));
            return result;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read offsets of " + topic + " on " + name(), e);
        }
    }

    /** The group's committed offsets summed over the topic's partitions (0 when none). */
    default long committedOffsetSum(String group, String topic) {
        return committedOffsets(group, topic).values().stream().mapToLong(Long::longValue).sum();
    }

    /** The group's committed offset per partition of {@code topic}; partitions without one are absent. */
    default Map<Integer, Long> committedOffsets(String group, String topic) {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            Map<Integer, Long> offsets = new java.util.TreeMap<>();
            committed.forEach((tp, offset) -> {
                if (tp.topic().equals(topic) && offset != null) {
                    offsets.put(tp.partition(), offset.offset());
                }
            });
            return offsets;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read offsets of group " + group + " on " + name(), e);
        }
    }

    /** How many members the consumer group has right now. */
    default int groupMembers(String group) {
        return describeMembers(group).size();
    }

    /** The broker's member ids of {@code group} right now (a member that left and rejoined gets a new one). */
    default java.util.Set<String> groupMemberIds(String group) {
        return describeMembers(group).stream().map(MemberDescription::consumerId)
                .collect(java.util.stream.Collectors.toSet());
    }

    /** The client ids of {@code group}'s members right now. */
    default List<String> groupClientIds(String group) {
        return describeMembers(group).stream().map(MemberDescription::clientId).toList();
    }

    /** The members of {@code group} as the broker describes them right now. */
    private java.util.Collection<MemberDescription> describeMembers(String group) {
        try (Admin admin = admin()) {
            return admin.describeConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS).get(group).members();
        } catch (Exception e) {
            throw new IllegalStateException("cannot describe group " + group + " on " + name(), e);
        }
    }
}
