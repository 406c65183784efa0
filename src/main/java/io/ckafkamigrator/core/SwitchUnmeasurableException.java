package io.ckafkamigrator.core;

/**
 * A producer switch refused before anything moved: what its handoff will need could not be read
 * ({@link SwitchReadings}). The topic stays in LEGACY with nothing saved; the request may be
 * repeated once the cluster answers.
 */
public final class SwitchUnmeasurableException extends RuntimeException {

    private final Cluster cluster;

    SwitchUnmeasurableException(String topic, ClusterReadException cause) {
        super("topic '" + topic + "' stays in LEGACY, nothing moved or saved: the switch cannot be measured: "
                + cause.getMessage(), cause);
        this.cluster = cause.cluster();
    }

    /** The cluster whose read failed. */
    public Cluster cluster() {
        return cluster;
    }
}
