package io.ckafkamigrator.config;

import java.util.List;

/**
 * Every property the migrator reads under its own prefixes ({@code legacy.*}, {@code ckafka.*},
 * {@code migration.*}): the one list start-up checks names against, so that a misspelled key
 * fails instead of being silently ignored. The {@code migration.*} names come from their
 * declarations in {@link Settings}; the cluster keys are listed here (docs/configuration.md
 * has both). Keep each list sorted: parallel additions then land on different lines.
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

    /** Settings under {@code migration.*}: the names of their declarations in {@link Settings}. */
    public static final List<String> MIGRATION_KEYS = Settings.ALL.stream().map(Setting::key).toList();

    /**
     * Open-ended families under {@code migration.*}: the key goes on after the prefix. The sink's
     * suffix is a topic name, which must be one the routes define (checked once they are loaded).
     */
    public static final List<String> MIGRATION_FAMILIES = List.of(Settings.SINK_PREFIX);

    private KnownProperties() {
    }
}
