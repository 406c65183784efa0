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
import io.ckafkamigrator.kafka.ClusterProbe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start's check of both clusters: each answers, accepts the credentials and holds the
 * topics still needed there. On legacy, only the topics not yet MIGRATED use it
 * ({@link LegacyUse}), so with every topic migrated legacy is not checked and may be gone.
 */
final class ClusterChecks {

    private static final Logger LOG = LoggerFactory.getLogger(MigratorStartup.class);

    private ClusterChecks() {
    }

    /**
     * @param topics   per cluster id, the topics the routes use
     * @param migrated the migrated topics, whose saved phases are read from {@code stateDir}
     * @return per cluster id, the topics still needed there
     * @throws io.ckafkamigrator.config.ConfigException if a cluster needed does not answer or lacks a topic
     */
    static Map<String, Set<String>> check(Clusters<ClusterSettings> clusters, Map<String, Set<String>> topics,
            List<TopicConfig> migrated, Path stateDir, int timeoutMs) {
        Map<String, Set<String>> needed = new HashMap<>(topics);
        Set<String> legacyInUse = LegacyUse.topics(migrated, new FileStateStore(stateDir));
        needed.put(Cluster.LEGACY.id(), new TreeSet<>(topics.get(Cluster.LEGACY.id())));
        needed.get(Cluster.LEGACY.id()).retainAll(legacyInUse);
        for (ClusterSettings cluster : clusters.both()) {
            if (needed.get(cluster.name()).isEmpty() && cluster.name().equals(Cluster.LEGACY.id())) {
                LOG.info("Cluster not needed, not checked: cluster={} (every topic is MIGRATED)", cluster.name());
                continue;
            }
            new ClusterProbe(cluster, timeoutMs).check(needed.get(cluster.name()));
            LOG.info("Cluster reachable: cluster={} bootstrapServers={} topics={}",
                    cluster.name(), cluster.bootstrapServers(), needed.get(cluster.name()));
        }
        return needed;
    }
}
