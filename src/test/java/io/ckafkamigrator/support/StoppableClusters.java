package io.ckafkamigrator.support;

import java.util.Map;

import io.ckafkamigrator.embedded.EmbeddedKafkaCluster;

/**
 * A legacy and a CKafka broker of their own, whose brokers a test can stop and start again on
 * the same port with their data (an outage), unlike the pair the other tests share.
 */
public record StoppableClusters(EmbeddedKafkaCluster legacyBroker, EmbeddedKafkaCluster ckafkaBroker,
                                KafkaTestCluster legacy, KafkaTestCluster ckafka) implements AutoCloseable {

    public static StoppableClusters start() {
        Map<String, String> broker = Map.of("group.initial.rebalance.delay.ms", "0");
        EmbeddedKafkaCluster legacyBroker = EmbeddedKafkaCluster.start("legacy", 0, broker);
        EmbeddedKafkaCluster ckafkaBroker = EmbeddedKafkaCluster.start("ckafka", 0, broker);
        return new StoppableClusters(legacyBroker, ckafkaBroker,
                KafkaTestCluster.of("legacy", legacyBroker::bootstrapServers, legacyBroker::close),
                KafkaTestCluster.of("ckafka", ckafkaBroker::bootstrapServers, ckafkaBroker::close));
    }

    @Override
    public void close() {
        ckafka.close();
        legacy.close();
    }
}
