package io.ckafkamigrator.kafka;

import java.util.List;
import java.util.Map;

import io.ckafkamigrator.core.GroupMembers;
import io.ckafkamigrator.core.GroupOffsets;

/**
 * Where {@link KafkaClusterOffsets} reads one cluster's partitions and offsets and writes group
 * offsets: the admin client ({@link AdminOffsetReads}), or a consumer for the log offsets of
 * brokers whose release the admin client cannot list them on ({@link ConsumerOffsetReads}). Implementations are thread-safe,
 * throw {@link KafkaClusterOffsets.KafkaCallException} naming the cluster on failure, and create
 * their clients at first use.
 */
interface OffsetReads extends AutoCloseable {

    /** The topic's partitions, in order. */
    List<Integer> partitions(String topic);

    /** The log end offsets ({@code end}) or log start offsets of {@code partitions}. */
    Map<Integer, Long> offsets(String topic, List<Integer> partitions, boolean end);

    /** The group's committed offsets on the topic's partitions; those without one are absent. */
    Map<Integer, Long> committed(String group, String topic);

    /** Committed offsets, log start and end offsets of {@code partitions}, read as close together as the client allows. */
    GroupOffsets groupOffsets(String group, String topic, List<Integer> partitions);

    /** Commits offsets for a group that has no active members. */
    void commit(String group, String topic, Map<Integer, Long> offsets);

    /** The group's members right now. */
    GroupMembers members(String group);

    @Override
    void close();
}
