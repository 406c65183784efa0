package io.ckafkamigrator.support;

import java.nio.file.Path;

/**
 * The configuration files of a {@link ProcessKafka} run: the broker's {@code server.properties},
 * the version's defaults but for what a single broker needs, and one log4j 1 configuration
 * (every broker and ZooKeeper used here logs through it) writing to standard output.
 */
final class ProcessKafkaFiles {

    private ProcessKafkaFiles() {
    }

    static String serverProperties(Path run, int zooKeeperPort, int brokerPort) {
        String listener = "PLAINTEXT://127.0.0.1:" + brokerPort;
        return String.join("\n",
                "broker.id=0",
                "listeners=" + listener,
                "advertised.listeners=" + listener,
                "log.dirs=" + run.resolve("kafka-logs"),
                "zookeeper.connect=127.0.0.1:" + zooKeeperPort,
                // One broker: the internal topics cannot have three replicas.
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                // Consumers join at once (3 s by default), as on the tests' in-JVM brokers.
                "group.initial.rebalance.delay.ms=0", "");
    }

    static String log4j() {
        return String.join("\n",
                "log4j.rootLogger=INFO, stdout",
                "log4j.appender.stdout=org.apache.log4j.ConsoleAppender",
                "log4j.appender.stdout.layout=org.apache.log4j.PatternLayout",
                "log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n", "");
    }
}
