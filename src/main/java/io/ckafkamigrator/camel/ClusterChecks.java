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
import io.ckafkamigrator.core.FileStateStore;
import io.ckafkamigrator.core.TopicConfig;
import io.ckafkamigrator.kafka.BrokerFit;
import io.ckafkamigrator.kafka.ClusterProbe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start's check of both clusters: each answers, accepts the credentials, runs a release the
 * migrator works with and holds the topics still needed there. On legacy, only the topics not
 * yet MIGRATED use it ({@link LegacyUse}), so with every topic migrated legacy is not checked
 * and may be gone.
 */
final class ClusterChecks {

    private static final Logger LOG = LoggerFactory.getLogger(MigratorStartup.class);

    private ClusterChecks() {
    }

    /**
     * @param needed per cluster id, the topics still needed there
     * @param fits   how to work with each cluster's brokers ({@link BrokerFit#notAsked} for one not checked)
     */
    record Result(Map<String, Set<String>> needed, Clusters<BrokerFit> fits) {
    }

    /**
     * @param topics   per cluster id, the topics the routes use
     * @param migrated the migrated topics, whose saved phases are read from {@code stateDir}
     * @throws io.ckafkamigrator.config.ConfigException if a cluster needed does not answer, runs a
     *         release the migrator cannot work with, or lacks a topic
     */
    static Result check(Clusters<ClusterSettings> clusters, Map<String, Set<String>> topics,
            List<TopicConfig> migrated, Path stateDir, int timeoutMs) {
        Set<String> legacyInUse = LegacyUse.topics(migrated, new FileStateStore(stateDir));
        Map<String, Set<String>> needed = new HashMap<>(topics);
        needed.put(Cluster.LEGACY.id(), new TreeSet<>(topics.get(Cluster.LEGACY.id()).stream()
                .filter(legacyInUse::contains).toList()));
        Clusters<BrokerFit> fits = clusters.map(cluster -> {
            Set<String> clusterTopics = needed.get(cluster.name());
            if (clusterTopics.isEmpty() && cluster.name().equals(Cluster.LEGACY.id())) {
                LOG.info("Cluster not needed, not checked: cluster={} (every topic is MIGRATED)", cluster.name());
                return BrokerFit.notAsked(cluster.name());
            }
            BrokerFit fit = new ClusterProbe(cluster, timeoutMs).check(clusterTopics);
            LOG.info("Cluster reachable: cluster={} bootstrapServers={} release={} topics={}",
                    cluster.name(), cluster.bootstrapServers(), fit.release(), clusterTopics);
            if (!fit.settings().isEmpty()) {
                LOG.info("Cluster settings chosen for its release: cluster={} release={} settings={}"
                        + " (a {}.client.* setting of the same name wins)", cluster.name(), fit.release(),
                        fit.settings(), cluster.name());
            }
            return fit;
        });
        return new Result(needed, fits);
    }
}
