package io.ckafkamigrator.core;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Facts of a healthy topic as the preflight reads them (two 3-partition topics alike, groups at
 * the end, every operation allowed, no saved state), which each test changes in one place.
 */
final class PreflightFacts {

    static final TopicConfig ORDERS = new TopicConfig("orders", "orders", "orders", "orders-consumer",
            "orders-consumer-ckafka", Ordering.ORDERED, false);
    static final ConsumerIdentity OURS = new ConsumerIdentity("a1b2c3d4e5f6", "run0000001");
    static final Set<String> ALL_OPERATIONS = Set.of("READ", "WRITE", "DESCRIBE", "DESCRIBE_CONFIGS");

    TopicConfig topic = ORDERS;
    Map<String, String> legacyConfigs = defaults();
    Map<String, String> ckafkaConfigs = defaults();
    Known<Optional<TopicLayout>> legacyLayout = Known.of(Optional.of(new TopicLayout(3, 3)));
    Known<Optional<TopicLayout>> ckafkaLayout = Known.of(Optional.of(new TopicLayout(3, 3)));
    GroupOffsets legacyOffsets = new GroupOffsets(Map.of(0, 100L, 1, 100L, 2, 100L), Map.of(0, 0L, 1, 0L, 2, 0L),
            Map.of(0, 100L, 1, 100L, 2, 100L));
    GroupOffsets ckafkaOffsets = new GroupOffsets(Map.of(), Map.of(0, 0L, 1, 0L, 2, 0L), Map.of(0, 0L, 1, 0L, 2, 0L));
    Set<Integer> legacyUnreadWithRecords = Set.of();
    GroupMembers legacyMembers = new GroupMembers(List.of());
    GroupMembers ckafkaMembers = new GroupMembers(List.of());
    Known<Set<String>> legacyTopicOperations = Known.of(ALL_OPERATIONS);
    Known<Set<String>> groupOperations = Known.of(Set.of("READ", "DESCRIBE"));
    Known<Optional<MigrationState>> saved = Known.of(Optional.empty());
    OptionalDouble legacyRate = OptionalDouble.empty();

    private static Map<String, String> defaults() {
        Map<String, String> configs = new HashMap<>();
        configs.put("cleanup.policy", "delete");
        configs.put("max.message.bytes", "1048588");
        configs.put("retention.ms", "604800000");
        configs.put("retention.bytes", "-1");
        configs.put("min.insync.replicas", "2");
        return configs;
    }

    static GroupMembers.Member ourMember() {
        return new GroupMembers.Member(OURS.clientId("orders", 1), "/10.0.0.1", "m-1");
    }

    static GroupMembers.Member oldService() {
        return new GroupMembers.Member("orders-service-7", "/10.0.0.9", "m-2");
    }

    TopicFacts facts() {
        ClusterTopicFacts legacy = new ClusterTopicFacts("legacy", topic.legacyTopic(), topic.legacyGroup(), legacyLayout,
                Known.of(legacyConfigs), legacyTopicOperations, Known.of(legacyOffsets), Known.of(legacyUnreadWithRecords),
                Known.of(legacyMembers), groupOperations);
        ClusterTopicFacts ckafka = new ClusterTopicFacts("ckafka", topic.ckafkaTopic(), topic.ckafkaGroup(), ckafkaLayout,
                Known.of(ckafkaConfigs), Known.of(ALL_OPERATIONS), Known.of(ckafkaOffsets), Known.of(Set.of()),
                Known.of(ckafkaMembers), groupOperations);
        return new TopicFacts(topic, legacy, ckafka, saved, legacyRate, Optional.of(OURS));
    }
}
