package io.ckafkamigrator.core;

/**
 * A read of one cluster's offsets or groups that failed, or that answered nothing a
 * measurement can use (no partition at all). The message names the cluster, what was read and
 * why it failed, in one line, so a refusal or a readiness reason can show it as it is.
 */
public final class ClusterReadException extends RuntimeException {

    private final Cluster cluster;

    public ClusterReadException(Cluster cluster, String what, String why, Throwable cause) {
        super(cluster.id() + " cluster: " + what + ": " + why, cause);
        this.cluster = cluster;
    }

    /** A read that failed with {@code cause}; its message loses a leading cluster name it repeats. */
    static ClusterReadException of(Cluster cluster, String what, RuntimeException cause) {
        String detail = String.valueOf(cause.getMessage());
        String prefix = cluster.id() + " cluster: ";
        if (detail.startsWith(prefix)) {
            detail = detail.substring(prefix.length());
        }
        return new ClusterReadException(cluster, what, detail, cause);
    }

    public Cluster cluster() {
        return cluster;
    }
}
