package io.ckafkamigrator.support;

/**
 * The {@code legacy} cluster at a released broker version: {@link ProcessKafka} processes, or,
 * for the version the tests' own brokers are, an in-JVM KRaft cluster of its own.
 */
public record LegacyBroker(BrokerVersion version, KafkaTestCluster cluster) implements AutoCloseable {

    public static LegacyBroker start(BrokerVersion version) {
        KafkaTestCluster cluster = version.embedded() ? TwoClusters.embedded("legacy") : ProcessKafka.start(version);
        return new LegacyBroker(version, cluster);
    }

    /** Where to look when a test against this broker fails. */
    public String logs() {
        return cluster instanceof ProcessKafka process ? "broker log " + process.brokerLog() : "in-JVM broker, test output";
    }

    @Override
    public void close() {
        cluster.close();
    }

    @Override
    public String toString() {
        return "legacy Kafka " + version + " (" + version.clusterMode() + ", " + logs() + ")";
    }
}
