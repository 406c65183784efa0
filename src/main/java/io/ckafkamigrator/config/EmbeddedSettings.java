package io.ckafkamigrator.config;

/**
 * The embedded default: two throw-away in-JVM clusters standing in for legacy and CKafka, so
 * that the migrator runs on a machine with no Kafka. Read from {@code migration.embedded.*}.
 * When enabled, each embedded broker listens on the port of its cluster's
 * {@code bootstrap-servers}, which must then be one loopback address without security.
 */
public record EmbeddedSettings(boolean enabled, int legacyPort, int ckafkaPort, int partitions,
                               int groupInitialRebalanceDelayMs) {

    public static EmbeddedSettings from(PropertySource props, ClusterSettings legacy, ClusterSettings ckafka) {
        boolean enabled = props.getBoolean(Settings.EMBEDDED_ENABLED);
        if (!enabled) {
            return new EmbeddedSettings(false, 0, 0, 0, 0);
        }
        return new EmbeddedSettings(true, loopbackPort(legacy), loopbackPort(ckafka),
                props.getInt(Settings.EMBEDDED_PARTITIONS),
                props.getInt(Settings.EMBEDDED_GROUP_INITIAL_REBALANCE_DELAY_MS));
    }

    private static int loopbackPort(ClusterSettings cluster) {
        String key = cluster.name() + ".bootstrap-servers";
        if (cluster.servers().size() != 1 || cluster.securityProtocol() != SecurityProtocol.PLAINTEXT) {
            throw new ConfigException(key, "with migration.embedded.enabled=true it must be one loopback address "
                    + "without security; set migration.embedded.enabled=false to use a real cluster");
        }
        String server = cluster.servers().get(0);
        int colon = server.lastIndexOf(':');
        String host = server.substring(0, colon);
        if (!host.equals("127.0.0.1") && !host.equals("localhost")) {
            throw new ConfigException(key, "'" + server + "' is not on loopback, but migration.embedded.enabled=true "
                    + "starts a throw-away broker there; set migration.embedded.enabled=false to use a real cluster");
        }
        return Integer.parseInt(server.substring(colon + 1));
    }
}
