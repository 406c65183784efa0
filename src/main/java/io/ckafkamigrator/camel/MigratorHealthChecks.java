package io.ckafkamigrator.camel;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import io.ckafkamigrator.config.ClusterSettings;
import io.ckafkamigrator.config.HealthSettings;
import io.ckafkamigrator.core.CachedProbe;
import io.ckafkamigrator.core.Cluster;
import io.ckafkamigrator.core.MigrationControl;
import io.ckafkamigrator.core.StateDirectoryCheck;
import io.ckafkamigrator.core.TopicConfig;
import io.ckafkamigrator.kafka.ClusterReachability;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;

/**
 * Registers the migrator's readiness checks with Camel's health registry: one per cluster
 * ({@code legacy-cluster}, {@code ckafka-cluster}), one per topic ({@code topic-<name>}: DOWN
 * while its CKafka topic is missing, or while its monitor rounds cannot read a cluster's offsets,
 * see {@code core/OffsetReadHealth})
 * and one for the state directory ({@code state-store}). Once every topic is MIGRATED the legacy check answers UP with
 * {@code not needed} without asking legacy, so legacy can be switched off. {@link #close()} releases the clusters' admin clients.
 */
final class MigratorHealthChecks implements AutoCloseable {

    private final List<ClusterReachability> clusters = new ArrayList<>();

    /** While no topic needs legacy any more ({@link MigrationControl#needsLegacy}) its check answers UP, {@code not needed}. */
    static MigratorHealthChecks register(CamelContext context, HealthSettings settings,
                                         List<ClusterSettings> clusters, Path stateDir, MigrationControl control) {
        BooleanSupplier legacyNeeded = control::needsLegacy;
        HealthCheckRegistry registry = HealthCheckRegistry.get(context);
        MigratorHealthChecks checks = new MigratorHealthChecks();
        if (registry == null) {
            return checks; // camel.health.enabled=false: nothing asks
        }
        Duration ttl = Duration.ofMillis(settings.cacheMs());
        for (ClusterSettings cluster : clusters) {
            ClusterReachability reachability = new ClusterReachability(cluster, settings.clusterTimeoutMs());
            checks.clusters.add(reachability);
            BooleanSupplier needed = cluster.name().equals(Cluster.LEGACY.id()) ? legacyNeeded : () -> true;
            add(context, registry, cluster.name() + "-cluster",
                    new CachedProbe(reachability::problem, ttl, Clock.systemUTC())::problem, needed);
        }
        // Not ready before every topic's consumers run: a topic not yet resumed would read nothing.
        add(context, registry, "topics-resumed", control::startProblem, () -> true);
        for (TopicConfig topic : control.topics()) {
            // Kept by the topic's monitor rounds in memory: asked afresh every time, never cached
            // (a missing CKafka topic is looked at again at most every few seconds, see CkafkaTopicPresence).
            add(context, registry, "topic-" + topic.name(), () -> control.readinessProblem(topic.name()), () -> true);
        }
        StateDirectoryCheck state = new StateDirectoryCheck(stateDir);
        add(context, registry, "state-store", new CachedProbe(state::problem, ttl, Clock.systemUTC())::problem,
                () -> true);
        return checks;
    }

    private static void add(CamelContext context, HealthCheckRegistry registry, String id,
                            Supplier<Optional<String>> probe, BooleanSupplier needed) {
        ProbeHealthCheck check = new ProbeHealthCheck(id, probe, needed);
        check.setCamelContext(context);
        registry.register(check);
    }

    @Override
    public void close() {
        clusters.forEach(ClusterReachability::close);
    }
}
