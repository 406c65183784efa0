package io.ckafkamigrator.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;

import static org.awaitility.Awaitility.await;

/**
 * A real broker of a released version as the {@code legacy} cluster (or, to be refused, as
 * {@code ckafka}): a ZooKeeper and a single
 * broker, each a process of its own ({@link ServerProcess}), on free loopback ports, data and
 * logs in {@code target/brokers/<version>/run-*}. Settings are the version's defaults but for
 * what one broker needs (replication factors 1) and consumers joining at once
 * ({@code group.initial.rebalance.delay.ms=0}). The admin helpers that old brokers cannot
 * answer through the Admin client go through {@link OldBrokerClients}.
 */
public final class ProcessKafka implements KafkaTestCluster {

    private static final int START_SECONDS = 90;

    private final String name;
    private final BrokerVersion version;
    private final ServerProcess zooKeeper;
    private final ServerProcess broker;
    private final String bootstrapServers;

    private ProcessKafka(String name, BrokerVersion version, ServerProcess zooKeeper, ServerProcess broker,
                         String bootstrapServers) {
        this.name = name;
        this.version = version;
        this.zooKeeper = zooKeeper;
        this.broker = broker;
        this.bootstrapServers = bootstrapServers;
    }

    /** Starts ZooKeeper, then the broker, and returns once the broker answers. */
    public static ProcessKafka start(BrokerVersion version) {
        return start("legacy", version);
    }

    /** The same as the cluster {@code name} of the fixture ({@code legacy} or {@code ckafka}). */
    public static ProcessKafka start(String name, BrokerVersion version) {
        Path lib = BrokerLibraries.of(version);
        Path run = runDirectory(version);
        int zooKeeperPort = RunningMigrator.freePort();
        int brokerPort = RunningMigrator.freePort();
        List<String> logging = List.of("-Dlog4j.configuration=" + write(run, "log4j.properties", ProcessKafkaFiles.log4j()).toUri());
        ServerProcess zooKeeper = ServerProcess.start("zookeeper-" + version, lib,
                // Its admin server would take port 8080.
                append(logging, "-Dzookeeper.admin.enableServer=false"), "org.apache.zookeeper.server.ZooKeeperServerMain",
                List.of(String.valueOf(zooKeeperPort), run.resolve("zookeeper").toString()), run.resolve("zookeeper.log"));
        ServerProcess broker = null;
        try {
            awaitListening(zooKeeper, zooKeeperPort);
            Path properties = write(run, "server.properties", ProcessKafkaFiles.serverProperties(run, zooKeeperPort, brokerPort));
            broker = ServerProcess.start("kafka-" + version, lib, logging, "kafka.Kafka", List.of(properties.toString()),
                    run.resolve("broker.log"));
            ProcessKafka kafka = new ProcessKafka(name, version, zooKeeper, broker, "127.0.0.1:" + brokerPort);
            kafka.awaitBroker();
            return kafka;
        } catch (RuntimeException e) {
            if (broker != null) {
                broker.close();
            }
            zooKeeper.close();
            throw e;
        }
    }

    public BrokerVersion version() {
        return version;
    }

    /** The broker's log: where a failing test sends the reader. */
    public Path brokerLog() {
        return broker.log();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /**
     * Creates the topic. The broker is new, so there is nothing to delete first: deleting
     * topics is off by default before 1.0 and deleting groups needs 1.1.
     */
    @Override
    public void recreateTopic(String topic, int partitions, String... groups) {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create topic " + topic + " on " + this, e);
        }
        await().atMost(30, TimeUnit.SECONDS).ignoreExceptions()
                .until(() -> offsets(topic, OffsetSpec.latest()).size() == partitions);
    }

    @Override
    public void commitAtEnd(String group, String topic) {
        OldBrokerClients.commit(this, group, topic, OldBrokerClients.offsets(this, topic, true));
    }

    /** Log start or end offsets only: the others need ListOffsets versions old brokers lack. */
    @Override
    public Map<Integer, Long> offsets(String topic, OffsetSpec spec) {
        if (!(spec instanceof OffsetSpec.EarliestSpec) && !(spec instanceof OffsetSpec.LatestSpec)) {
            throw new UnsupportedOperationException("only earliest and latest offsets on " + this);
        }
        return OldBrokerClients.offsets(this, topic, spec instanceof OffsetSpec.LatestSpec);
    }

    @Override
    public void close() {
        // The broker first, so it can deregister from ZooKeeper and close its logs cleanly.
        try {
            broker.close();
        } finally {
            zooKeeper.close();
        }
    }

    @Override
    public String toString() {
        return name + " Kafka " + version + " at " + bootstrapServers + " (log " + broker.log() + ")";
    }

    private void awaitBroker() {
        awaitStarted(broker, "did not start", () -> {
            try (Admin admin = admin()) {
                return admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size() == 1;
            }
        });
    }

    private static void awaitListening(ServerProcess server, int port) {
        awaitStarted(server, "did not listen on " + port, () -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return true;
            }
        });
    }

    /** Until {@code started} holds (an exception is "not yet"); failed at once if the process ended. */
    private static void awaitStarted(ServerProcess server, String failure, java.util.concurrent.Callable<Boolean> started) {
        try {
            org.awaitility.Awaitility.await().atMost(START_SECONDS, TimeUnit.SECONDS)
                    .pollInterval(250, TimeUnit.MILLISECONDS).ignoreExceptions()
                    .failFast("the process ended", () -> !server.isAlive())
                    .until(started);
        } catch (org.awaitility.core.ConditionTimeoutException | org.awaitility.core.TerminalFailureException e) {
            throw new IllegalStateException(server + " " + failure + " within " + START_SECONDS + " s ("
                    + e.getMessage() + "):\n" + server.logTail(30), e);
        }
    }

    private static Path runDirectory(BrokerVersion version) {
        try {
            return Files.createDirectories(Path.of(System.getProperty("broker.home", "target/brokers"), version.version(),
                    "run-" + System.currentTimeMillis())).toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path write(Path directory, String name, String text) {
        try {
            return Files.writeString(directory.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> append(List<String> list, String element) {
        List<String> all = new java.util.ArrayList<>(list);
        all.add(element);
        return all;
    }
}
