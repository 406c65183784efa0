package io.ckafkamigrator.core;

/**
 * One way an existing CKafka topic differs from what provisioning would have created.
 *
 * @param setting {@code partitions}, {@code replicationFactor} or a topic config's name
 * @param wanted  what provisioning would have created (the legacy topic's value, or the
 *                configured replication factor); null when unknown
 * @param ckafka  what the CKafka topic has
 */
public record TopicDifference(String setting, String wanted, String ckafka) {
}
