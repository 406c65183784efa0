package io.ckafkamigrator.config;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every {@code migration.*} setting, each declared once: read it through its constant in Java
 * and as a placeholder of its key with no {@code :fallback} in YAML; the defaults are handed
 * to Camel at start ({@link #defaults}). docs/configuration.md lists them; a test keeps the
 * table and these declarations the same. Keep the list sorted by key.
 */
public final class Settings {

    public static final Setting BATCH_PARALLELISM = Setting.integer(
            "migration.batch.parallelism", 32, 1, 256,
            "How many topics of batch control requests are switched or cut over at once, all batches together");
    public static final Setting CONSUMER_CKAFKA_MAX_POLL_INTERVAL_MS = Setting.integer(
            "migration.consumer.ckafka-max-poll-interval-ms", 300_000, 10_000, Integer.MAX_VALUE,
            "max.poll.interval.ms of the CKafka consumer; it polls while it waits, so a long drain needs no more");
    public static final Setting CONSUMER_OFFSET_RECOMMIT_INTERVAL_MS = Setting.integer(
            "migration.consumer.offset-recommit-interval-ms", 3_600_000, 100, 43_200_000,
            "How long a consumer may commit nothing before it re-commits its group's committed offsets, so they never "
                    + "expire while it waits");
    public static final Setting CONSUMER_POLL_TIMEOUT_MS = Setting.integer(
            "migration.consumer.poll-timeout-ms", 1_000, 10, 60_000,
            "How long one poll of either consumer waits for records");
    public static final Setting CONTROL_POLL_INTERVAL_MS = Setting.integer(
            "migration.control.poll-interval-ms", 100, 10, 60_000,
            "How often the monitor measures each draining topic and hands over the ready ones");
    public static final Setting DELIVERY_MAX_REDELIVERIES = Setting.integer(
            "migration.delivery.max-redeliveries", 3, 0, 1_000,
            "In-place retries of a record the sink refused, before the consumer seeks back to it");
    public static final Setting DELIVERY_REDELIVERY_DELAY_MS = Setting.integer(
            "migration.delivery.redelivery-delay-ms", 500, 0, 600_000,
            "First delay between those retries (doubling each time)");
    public static final Setting EMBEDDED_ENABLED = Setting.bool(
            "migration.embedded.enabled", false,
            "Start two throw-away in-JVM clusters in place of legacy and CKafka (the shipped file sets true)");
    public static final Setting EMBEDDED_GROUP_INITIAL_REBALANCE_DELAY_MS = Setting.integer(
            "migration.embedded.group-initial-rebalance-delay-ms", 3_000, 0, 300_000,
            "group.initial.rebalance.delay.ms of the embedded brokers (3000 on real clusters)");
    public static final Setting EMBEDDED_PARTITIONS = Setting.integer(
            "migration.embedded.partitions", 3, 1, 1_000,
            "Partitions of each topic created on the embedded clusters");
    public static final Setting EXTERNAL_PRODUCERS_QUIET_PERIOD_MS = Setting.integer(
            "migration.external.producers-quiet-period-ms", 0, 0, Integer.MAX_VALUE,
            "External producers: capture the drain target once the legacy end offsets have not moved for this long "
                    + "after prepare; 0 waits for POST producers-switched");
    public static final Setting HEALTH_CACHE_MS = Setting.integer(
            "migration.health.cache-ms", 5_000, 0, 300_000,
            "How long a health check's answer is reused");
    public static final Setting HEALTH_CLUSTER_TIMEOUT_MS = Setting.integer(
            "migration.health.cluster-timeout-ms", 2_000, 100, 30_000,
            "How long a cluster health check waits for the cluster to answer");
    public static final Setting INGEST_MAX_RECORDS_PER_REQUEST = Setting.integer(
            "migration.ingest.max-records-per-request", 1_000, 1, 10_000,
            "The most records one bridge-format ingest request may carry; more are refused with 413");
    public static final Setting METRICS_SAMPLE_INTERVAL_MS = Setting.integer(
            "migration.metrics.sample-interval-ms", 2_000, 100, 60_000,
            "How often each topic's lag, backlog and stray writes are measured for the metrics");
    public static final Setting PREFLIGHT_RETENTION_MARGIN_MS = Setting.integer(
            "migration.preflight.retention-margin-ms", 600_000, 0, Integer.MAX_VALUE,
            "Added to the legacy drain time by the preflight: how much longer CKafka must keep the backlog (the "
                    + "time until the cutover is requested and made)");
    public static final Setting PRODUCER_DELIVERY_TIMEOUT_MS = Setting.integer(
            "migration.producer.delivery-timeout-ms", 30_000, 1_000, Integer.MAX_VALUE,
            "delivery.timeout.ms of both producers: the longest a send may take in all");
    public static final Setting PRODUCER_MAX_BLOCK_MS = Setting.integer(
            "migration.producer.max-block-ms", 10_000, 0, 600_000,
            "max.block.ms of both producers: the longest a send waits for metadata or buffer space");
    public static final Setting PRODUCER_REQUEST_TIMEOUT_MS = Setting.integer(
            "migration.producer.request-timeout-ms", 10_000, 1_000, 600_000,
            "request.timeout.ms of both producers");
    public static final Setting SECURITY_ALLOW_UNAUTHENTICATED = Setting.bool(
            "migration.security.allow-unauthenticated", false,
            "Start even though the API port accepts requests without credentials (never in production)");
    public static final Setting PROVISION_REPLICATION_FACTOR = Setting.integer(
            "migration.provision.replication-factor", -1, -1, Short.MAX_VALUE,
            "Replicas of the CKafka topics provisioning creates; -1 for the broker's default.replication.factor");
    public static final Setting STARTUP_BROKER_TIMEOUT_MS = Setting.integer(
            "migration.startup.broker-timeout-ms", 15_000, 1_000, 600_000,
            "How long the start-up checks wait for each cluster to answer");
    public static final Setting STATE_DIR = Setting.text(
            "migration.state-dir", "state",
            "Where each topic's phase and offsets and the audit trail are kept (a persistent volume)");
    public static final Setting TEST_PAUSE_HANDOFF_AT = Setting.text(
            "migration.test.pause-handoff-at", null,
            "Fault-injection test hook, refused off loopback: never set it in production");

    /** Every setting above, sorted by key. */
    public static final List<Setting> ALL = List.of(BATCH_PARALLELISM, CONSUMER_CKAFKA_MAX_POLL_INTERVAL_MS,
            CONSUMER_OFFSET_RECOMMIT_INTERVAL_MS, CONSUMER_POLL_TIMEOUT_MS, CONTROL_POLL_INTERVAL_MS, DELIVERY_MAX_REDELIVERIES, DELIVERY_REDELIVERY_DELAY_MS,
            EMBEDDED_ENABLED, EMBEDDED_GROUP_INITIAL_REBALANCE_DELAY_MS, EMBEDDED_PARTITIONS, EXTERNAL_PRODUCERS_QUIET_PERIOD_MS,
            HEALTH_CACHE_MS,
            HEALTH_CLUSTER_TIMEOUT_MS, INGEST_MAX_RECORDS_PER_REQUEST, METRICS_SAMPLE_INTERVAL_MS, PREFLIGHT_RETENTION_MARGIN_MS, PRODUCER_DELIVERY_TIMEOUT_MS, PRODUCER_MAX_BLOCK_MS,
            PRODUCER_REQUEST_TIMEOUT_MS, PROVISION_REPLICATION_FACTOR, SECURITY_ALLOW_UNAUTHENTICATED, STARTUP_BROKER_TIMEOUT_MS, STATE_DIR,
            TEST_PAUSE_HANDOFF_AT);

    /** The per-topic sink family: {@code migration.sink.<topic>}, a Camel endpoint URI. */
    public static final String SINK_PREFIX = "migration.sink.";

    private Settings() {
    }

    /**
     * Checks the value of every setting, so a bad value fails the start with its name even
     * when only a route's placeholder reads it.
     */
    public static void checkAll(PropertySource props) {
        ALL.forEach(setting -> setting.check(props));
    }

    /** Each default as a property: what Camel's placeholders see when a setting is not set. */
    public static Map<String, String> defaults() {
        Map<String, String> defaults = new TreeMap<>();
        ALL.forEach(s -> s.defaultValue().ifPresent(value -> defaults.put(s.key(), value)));
        return defaults;
    }
}
