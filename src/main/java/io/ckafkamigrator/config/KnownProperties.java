package io.ckafkamigrator.config;

import java.util.List;

/**
 * Every property the migrator reads under its own prefixes ({@code legacy.*}, {@code ckafka.*},
 * {@code migration.*}): the one list start-up checks names against, so that a misspelled key
 * fails instead of being silently ignored. A class or route that reads a new property adds it
 * here (and to the README's configuration table). Keep each list sorted: parallel additions
 * then land on different lines.
 */
public final class KnownProperties {

    /** Settings of each cluster, read as {@code <cluster>.<key>} ({@code legacy.*}, {@code ckafka.*}). */
    public static final List<String> CLUSTER_KEYS = List.of(
            "bootstrap-servers",
            "sasl-mechanism",
            "sasl-password",
            "sasl-username",
            "security-protocol",
            "ssl-keystore-location",
            "ssl-keystore-password",
            "ssl-truststore-location",
            "ssl-truststore-password");

    /** Open-ended families of each cluster: {@code <cluster>.client.<any Kafka client property>}. */
    public static final List<String> CLUSTER_FAMILIES = List.of(
            "client.");

    /** Settings under {@code migration.*}, read by the Java code or by a route's placeholder. */
    public static final List<String> MIGRATION_KEYS = List.of(
            "migration.consumer.ckafka-max-poll-interval-ms",
            "migration.consumer.poll-timeout-ms",
            "migration.control.gate-wait-ms",
            "migration.control.poll-interval-ms",
            "migration.delivery.max-redeliveries",
            "migration.delivery.redelivery-delay-ms",
            "migration.embedded.enabled",
            "migration.embedded.group-initial-rebalance-delay-ms",
            "migration.embedded.partitions",
            "migration.health.cache-ms",
            "migration.health.cluster-timeout-ms",
            "migration.metrics.sample-interval-ms",
            "migration.producer.delivery-timeout-ms",
            "migration.producer.max-block-ms",
            "migration.producer.request-timeout-ms",
            "migration.security.allow-unauthenticated",
            "migration.startup.broker-timeout-ms",
            "migration.state-dir",
            "migration.test.pause-handoff-at");

    /**
     * Open-ended families under {@code migration.*}: the key goes on after the prefix. The sink's
     * suffix is a topic name, which must be one the routes define (checked once they are loaded).
     */
    public static final List<String> MIGRATION_FAMILIES = List.of(
            "migration.sink.");

    /** The prefix of the per-topic sink properties. */
    public static final String SINK_PREFIX = "migration.sink.";

    private KnownProperties() {
    }
}
