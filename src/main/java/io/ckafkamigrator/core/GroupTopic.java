package io.ckafkamigrator.core;

/** A group's offsets on a topic, as one entry of a read of many ({@link ClusterOffsets#groupOffsetsOf}). */
public record GroupTopic(String group, String topic) {
}
