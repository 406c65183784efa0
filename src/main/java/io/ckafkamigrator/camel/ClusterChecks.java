package io.ckafkamigrator.camel;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.ckafkamigrator.config.ClusterSettings;
import io.ckafkamigrator.core.Cluster;
import io.ckafkamigrator.core.Clusters;
import io.ckafkamigrator.config.ConfigException;
import io.ckafkamigrator.core.FileStateStore;
import io.ckafkamigrator.core.MigrationState;
import io.ckafkamigrator.core.Phase;
import io.ckafkamigrator.core.TopicConfig;
import io.ckafkamigrator.kafka.BrokerFit;
import io.ckafkamigrator.kafka.ClusterProbe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start's check of both clusters: each answers, accepts the credentials, runs a release the
 * migrator works with and holds the topics still needed there. On legacy, only the topics not
 * yet MIGRATED use it ({@link LegacyUse}), so with every topic migrated legacy is not checked
 * and may be gone. A CKafka topic missing stops the start only for a topic that left LEGACY (it
 * held the migrated records: a new empty one would hide their loss); for a LEGACY topic it is a
 * warning, and the topic waits to be provisioned ({@code core/CkafkaTopicPresence}).
 */
final class ClusterChecks {

    private static final Logger LOG = LoggerFactory.getLogger(MigratorStartup.class);

    private ClusterChecks() {
    }

    /**
     * @param needed per cluster id, the topics still needed there
     * @param fits   how to work with each cluster's brokers ({@link BrokerFit#notAsked} for one not checked)
     * @param missingCkafka the CKafka topics that do not exist (all of LEGACY topics); not in {@code needed}
     */
    record Result(Map<String, Set<String>> needed, Clusters<BrokerFit> fits, Set<String> missingCkafka) {
    }

    /**
     * @param topics   per cluster id, the topics the routes use
     * @param migrated the migrated topics, whose saved phases are read from {@code stateDir}
     * @throws io.ckafkamigrator.config.ConfigException if a cluster needed does not answer, runs a
     *         release the migrator cannot work with, or lacks a topic
     */
    static Result check(Clusters<ClusterSettings> clusters, Map<String, Set<String>> topics,
            List<TopicConfig> migrated, Path stateDir, int timeoutMs) {
        FileStateStore store = new FileStateStore(stateDir);
        Set<String> legacyInUse = LegacyUse.topics(migrated, store);
        Set<String> missingCkafka = new TreeSet<>();
        Map<String, Set<String>> needed = new HashMap<>(topics);
        needed.put(Cluster.LEGACY.id(), new TreeSet<>(topics.get(Cluster.LEGACY.id()).stream()
                .filter(legacyInUse::contains).toList()));
        Clusters<BrokerFit> fits = clusters.map(cluster -> {
            Set<String> clusterTopics = needed.get(cluster.name());
            if (clusterTopics.isEmpty() && cluster.name().equals(Cluster.LEGACY.id())) {
                LOG.info("Cluster not needed, not checked: cluster={} (every topic is MIGRATED)", cluster.name());
                return BrokerFit.notAsked(cluster.name());
            }
            BrokerFit fit;
            if (cluster.name().equals(Cluster.CKAFKA.id())) {
                ClusterProbe.Checked checked = new ClusterProbe(cluster, timeoutMs).checkAllowingMissing(clusterTopics);
                refuseMissingPastLegacy(checked.missing(), migrated, store);
                missingCkafka.addAll(checked.missing());
                fit = checked.fit();
            } else {
                fit = new ClusterProbe(cluster, timeoutMs).check(clusterTopics);
            }
            LOG.info("Cluster reachable: cluster={} bootstrapServers={} release={} topics={}",
                    cluster.name(), cluster.bootstrapServers(), fit.release(), clusterTopics);
            if (!fit.settings().isEmpty()) {
                LOG.info("Cluster settings chosen for its release: cluster={} release={} settings={}"
                        + " (a {}.client.* setting of the same name wins)", cluster.name(), fit.release(),
                        fit.settings(), cluster.name());
            }
            return fit;
        });
        Set<String> ckafkaPresent = new TreeSet<>(needed.get(Cluster.CKAFKA.id()));
        ckafkaPresent.removeAll(missingCkafka);
        needed.put(Cluster.CKAFKA.id(), ckafkaPresent);
        return new Result(needed, fits, missingCkafka);
    }

    /**
     * A missing CKafka topic of a topic that left LEGACY stops the start; for a LEGACY topic it
     * is a warning.
     */
    private static void refuseMissingPastLegacy(Set<String> missing, List<TopicConfig> topics, FileStateStore store) {
        for (TopicConfig topic : topics) {
            if (!missing.contains(topic.ckafkaTopic())) {
                continue;
            }
            Phase phase = store.load(topic.name()).map(MigrationState::phase).orElse(Phase.LEGACY);
            if (phase != Phase.LEGACY) {
                throw new ConfigException("routes", "topic '" + topic.ckafkaTopic() + "' does not exist on the ckafka "
                        + "cluster, but topic '" + topic.name() + "' is " + phase + ": the records migrated to it are "
                        + "gone; a new empty topic would hide their loss, so it is not provisioned (" + topic.file() + ")");
            }
            LOG.warn("CKafka topic missing: topic={} ckafkaTopic={} phase=LEGACY (the start goes on; the switch is "
                    + "refused until it exists: POST /api/migrations/{}/provision, or create it in the CKafka console)",
                    topic.name(), topic.ckafkaTopic(), topic.name());
        }
    }
}
