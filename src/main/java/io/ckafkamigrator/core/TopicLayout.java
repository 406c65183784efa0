package io.ckafkamigrator.core;

/**
 * How a topic is laid out on its cluster.
 *
 * @param partitions        its partition count
 * @param replicationFactor the replicas of its first partition; 0 when the broker did not say
 */
public record TopicLayout(int partitions, int replicationFactor) {
}
