package io.ckafkamigrator.camel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import io.ckafkamigrator.config.ConfigException;
import io.ckafkamigrator.config.EmbeddedSettings;
import io.ckafkamigrator.config.Settings;
import io.ckafkamigrator.core.Cluster;
import io.ckafkamigrator.embedded.EmbeddedKafkaCluster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default: two throw-away in-JVM brokers standing in for legacy and CKafka, and
 * a throw-away state directory to go with them (a state left from an earlier run would not
 * match the fresh topics). {@link #close} stops the brokers and deletes that directory.
 *
 * <p>Concurrency: started on Camel Main's thread; {@link #close} may run on a shutdown hook
 * thread as well, and is safe to call more than once.
 */
final class EmbeddedClusters implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedClusters.class);

    private final List<EmbeddedKafkaCluster> running = new ArrayList<>(); // guarded by this
    private final int partitions;
    private Path stateDir;                                                // guarded by this

    private EmbeddedClusters(int partitions) {
        this.partitions = partitions;
    }

    /** Starts both brokers on the ports of their clusters' bootstrap addresses. */
    static EmbeddedClusters start(EmbeddedSettings settings) {
        LOG.warn("migration.embedded.enabled=true: starting two THROW-AWAY in-JVM Kafka clusters on loopback "
                + "(legacy on port {}, ckafka on port {}); their data is deleted on exit. "
                + "Set migration.embedded.enabled=false to migrate real clusters.", settings.legacyPort(), settings.ckafkaPort());
        Map<String, String> broker = Map.of("group.initial.rebalance.delay.ms",
                String.valueOf(settings.groupInitialRebalanceDelayMs()));
        EmbeddedClusters clusters = new EmbeddedClusters(settings.partitions());
        try {
            clusters.startOne(Cluster.LEGACY, settings.legacyPort(), broker);
            clusters.startOne(Cluster.CKAFKA, settings.ckafkaPort(), broker);
        } catch (RuntimeException e) {
            clusters.close();
            throw e;
        }
        return clusters;
    }

    private synchronized void startOne(Cluster cluster, int port, Map<String, String> broker) {
        ensureFree(cluster, port);
        running.add(EmbeddedKafkaCluster.start(cluster.id(), port, broker));
    }

    private static void ensureFree(Cluster cluster, int port) {
        try (ServerSocket probe = new ServerSocket(port, 0, InetAddress.getLoopbackAddress())) {
            probe.setReuseAddress(true);
        } catch (IOException e) {
            throw new ConfigException(cluster.id() + ".bootstrap-servers", "port " + port
                    + " on 127.0.0.1 is already in use, so the embedded " + cluster.id() + " cluster cannot start there");
        }
    }

    /** Creates the topics the routes use, per cluster name, on each broker. */
    synchronized void createTopics(Map<String, Set<String>> topicsByCluster) {
        running.forEach(cluster -> cluster.createTopics(topicsByCluster.get(cluster.name()), partitions));
    }

    /**
     * Gives each legacy group ({@code groupByTopic}: legacy topic to group) offsets at the log
     * start of its topic. The legacy consumer refuses a group without offsets (it would replay
     * the topic); these clusters are brand new, so there is nothing to replay, and the demo
     * needs no legacyStartFrom in the topic files people copy.
     */
    synchronized void startLegacyGroupsAtLogStart(Map<String, String> groupByTopic) {
        if (groupByTopic.isEmpty()) {
            return;
        }
        running.stream().filter(c -> c.name().equals(Cluster.LEGACY.id())).forEach(cluster -> {
            cluster.commitAtLogStart(groupByTopic);
            groupByTopic.forEach((topic, group) -> LOG.info("Embedded legacy cluster is new, nothing to replay: "
                    + "group={} starts at the log start of topic={}", group, topic));
        });
    }

    /** A fresh state directory, deleted by {@link #close}. */
    synchronized Path stateDir() {
        if (stateDir == null) {
            try {
                stateDir = Files.createTempDirectory("ckafka-migrator-state-");
            } catch (IOException e) {
                throw new ConfigException(Settings.STATE_DIR.key(), "cannot create a temporary state directory: " + e.getMessage());
            }
            LOG.info("Migration state of the embedded clusters kept in throw-away {}", stateDir);
        }
        return stateDir;
    }

    /** Stops the brokers, CKafka first, then deletes the throw-away state. */
    @Override
    public void close() {
        List<EmbeddedKafkaCluster> toStop;
        Path toDelete;
        synchronized (this) {
            toStop = new ArrayList<>(running);
            running.clear();
            toDelete = stateDir;
            stateDir = null;
        }
        for (int i = toStop.size() - 1; i >= 0; i--) {
            toStop.get(i).close();
        }
        if (toDelete != null) {
            delete(toDelete);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Could not delete the embedded run's state directory {}: {}", dir, e.getMessage());
        }
    }
}
