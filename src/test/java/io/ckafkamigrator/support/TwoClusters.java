package io.ckafkamigrator.support;

import java.util.Map;

import io.ckafkamigrator.embedded.EmbeddedKafkaCluster;

/**
 * The two-cluster fixture, named {@code legacy} and {@code ckafka}: in-JVM KRaft brokers,
 * started once per test JVM and shared by the integration tests (each test recreates the
 * topics it uses). Brokers use {@code group.initial.rebalance.delay.ms=0} so consumers join
 * at once (tests that measure the real default start their own), and check retention every
 * second.
 */
public final class TwoClusters {

    private static TwoClusters shared;

    private final KafkaTestCluster legacy;
    private final KafkaTestCluster ckafka;

    private TwoClusters(KafkaTestCluster legacy, KafkaTestCluster ckafka) {
        this.legacy = legacy;
        this.ckafka = ckafka;
    }

    /** The JVM-wide pair, started on first use and stopped when the JVM exits. */
    public static synchronized TwoClusters shared() {
        if (shared == null) {
            shared = new TwoClusters(embedded("legacy"), embedded("ckafka"));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                shared.legacy.close();
                shared.ckafka.close();
            }, "stop-test-clusters"));
        }
        return shared;
    }

    public static KafkaTestCluster embedded(String name) {
        return embedded(name, Map.of());
    }

    /** A cluster of its own whose clients must log in with SASL/PLAIN as one of {@code users}. */
    public static KafkaTestCluster embedded(String name, Map<String, String> saslUsers) {
        return embedded(name, saslUsers, 0);
    }

    /** A cluster of its own with the given {@code group.initial.rebalance.delay.ms} (3000 on real clusters). */
    public static KafkaTestCluster embedded(String name, Map<String, String> saslUsers, int rebalanceDelayMs) {
        // Retention is checked every second (5 minutes by default), so a test that lowers a
        // topic's retention.ms sees its records deleted.
        EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.start(name, 0,
                Map.of("group.initial.rebalance.delay.ms", String.valueOf(rebalanceDelayMs),
                        "log.retention.check.interval.ms", "1000", "log.initial.task.delay.ms", "1000"), saslUsers);
        return KafkaTestCluster.of(name, cluster::bootstrapServers, cluster::clientProperties, cluster::close);
    }

    public KafkaTestCluster legacy() {
        return legacy;
    }

    public KafkaTestCluster ckafka() {
        return ckafka;
    }

    /** The cluster called {@code name}: {@code legacy} or {@code ckafka}. */
    public KafkaTestCluster named(String name) {
        return switch (name) {
            case "legacy" -> legacy;
            case "ckafka" -> ckafka;
            default -> throw new IllegalArgumentException("no cluster named '" + name + "'; the pair is legacy and ckafka");
        };
    }
}
