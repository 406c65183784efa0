package io.ckafkamigrator.config;

/**
 * How the health checks behind {@code /observe/health} probe, read from {@code migration.health.*}.
 *
 * @param clusterTimeoutMs how long one cluster check waits for the cluster to answer; a probe
 *                         never waits longer than this per cluster
 * @param cacheMs          how long a check's answer is reused, so a probe every second asks the
 *                         brokers (and writes the state directory) at most once per period
 */
public record HealthSettings(int clusterTimeoutMs, int cacheMs) {

    public static HealthSettings from(PropertySource props) {
        return new HealthSettings(
                props.getInt(Settings.HEALTH_CLUSTER_TIMEOUT_MS),
                props.getInt(Settings.HEALTH_CACHE_MS));
    }
}
