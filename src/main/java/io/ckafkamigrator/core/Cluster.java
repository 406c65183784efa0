package io.ckafkamigrator.core;

import java.util.Arrays;
import java.util.List;

/**
 * The two clusters of every migration. {@link #id()} is the cluster's name wherever a user
 * meets it: the property prefix ({@code legacy.*}), the Camel component ({@code legacy:orders}),
 * JSON answers, metrics labels and log lines.
 */
public enum Cluster {
    /** The self-built cluster the topics move away from. */
    LEGACY("legacy"),
    /** The target cluster (CKafka or any Kafka-compatible one). */
    CKAFKA("ckafka");

    private final String id;

    Cluster(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** Every cluster's id, legacy first. */
    public static List<String> ids() {
        return Arrays.stream(values()).map(Cluster::id).toList();
    }

    /** The cluster named {@code id}; throws for any other name. */
    public static Cluster of(String id) {
        return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no cluster named '" + id + "' (legacy or ckafka)"));
    }

    @Override
    public String toString() {
        return id;
    }
}
