package io.ckafkamigrator.core;

/**
 * Where the preflight reads one cluster: a topic and its group, each fact known or why not.
 * Implementations only read (nothing is created, committed or changed) and never throw for a
 * failed read: it becomes a {@link Known#unknown} fact. Thread-safe.
 */
@FunctionalInterface
public interface ClusterFacts {

    ClusterTopicFacts read(String topic, String group);
}
