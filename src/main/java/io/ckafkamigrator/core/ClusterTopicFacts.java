package io.ckafkamigrator.core;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the preflight read about one topic and its group on one cluster. Each fact is
 * {@link Known known} or says why not; nothing here was changed on the cluster to learn it.
 *
 * @param cluster           the cluster's name ({@code legacy}, {@code ckafka})
 * @param topic             the topic's name on that cluster
 * @param group             the topic's consumer group on that cluster
 * @param layout            the topic's layout; an empty optional when the topic does not exist
 * @param configs           the topic's configs ({@code cleanup.policy}, {@code retention.ms}, ...)
 * @param topicOperations   what the credentials may do on the topic (Kafka ACL operation names);
 *                          unknown where the broker does not report it
 * @param offsets           the group's committed offsets with the topic's log start and end offsets
 * @param unreadWithRecords partitions that hold records but have no offset committed by the group
 * @param members           the group's members now
 * @param groupOperations   what the credentials may do on the group, as {@code topicOperations}
 */
public record ClusterTopicFacts(String cluster, String topic, String group, Known<Optional<TopicLayout>> layout,
                                Known<Map<String, String>> configs, Known<Set<String>> topicOperations,
                                Known<GroupOffsets> offsets, Known<Set<Integer>> unreadWithRecords,
                                Known<GroupMembers> members, Known<Set<String>> groupOperations) {

    /** Nothing known: the cluster could not be asked at all ({@code why}). */
    public static ClusterTopicFacts unreadable(String cluster, String topic, String group, String why) {
        return new ClusterTopicFacts(cluster, topic, group, Known.unknown(why), Known.unknown(why), Known.unknown(why),
                Known.unknown(why), Known.unknown(why), Known.unknown(why), Known.unknown(why));
    }

    /** Whether the topic is known to exist. */
    boolean exists() {
        return layout.known() && layout.value().isPresent();
    }

    /** A config's value, empty when the configs are unknown or the broker did not report it. */
    Optional<String> config(String name) {
        return configs.known() ? Optional.ofNullable(configs.value().get(name)) : Optional.empty();
    }
}
