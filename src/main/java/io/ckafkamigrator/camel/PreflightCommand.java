package io.ckafkamigrator.camel;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.ckafkamigrator.config.ClusterSettings;
import io.ckafkamigrator.config.ConfigException;
import io.ckafkamigrator.config.EmbeddedSettings;
import io.ckafkamigrator.config.PropertyNameCheck;
import io.ckafkamigrator.config.PropertySource;
import io.ckafkamigrator.config.Settings;
import io.ckafkamigrator.config.TopicRoute;
import io.ckafkamigrator.config.TopicRouteCheck;
import io.ckafkamigrator.core.Cluster;
import io.ckafkamigrator.core.ClusterFacts;
import io.ckafkamigrator.core.ClusterTopicFacts;
import io.ckafkamigrator.core.Clusters;
import io.ckafkamigrator.core.FileStateStore;
import io.ckafkamigrator.core.InstanceIdFile;
import io.ckafkamigrator.core.MigrationState;
import io.ckafkamigrator.core.Phase;
import io.ckafkamigrator.core.PreflightReport;
import io.ckafkamigrator.core.PreflightRun;
import io.ckafkamigrator.core.PreflightStatus;
import io.ckafkamigrator.core.TopicConfig;
import io.ckafkamigrator.kafka.BrokerFit;
import io.ckafkamigrator.kafka.ClusterProbe;
import io.ckafkamigrator.kafka.KafkaClusterOffsets;
import io.ckafkamigrator.kafka.PreflightReads;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;

/**
 * {@code java -jar ckafka-migrator.jar --preflight}: the preflight of every topic of the route
 * files, printed as a table; exit 0 when no check fails, 1 otherwise (2 when the configuration
 * itself is wrong, as for a start). Camel is only configured, never started: the route files are
 * read and checked, but no route, HTTP server or consumer starts, the state directory is not
 * locked and nothing is written to it (but the probe file of its check), so it runs beside a
 * running instance on the same files. It talks to the two clusters only, and only reads them.
 * With the embedded default it starts the throw-away clusters and creates the routes' topics on
 * them as a start does: they are part of the run, and stopped at its end.
 *
 * <p>Lifecycle: one instance per run, on the main thread.
 */
public final class PreflightCommand extends MainListenerSupport {

    private EmbeddedClusters embedded;
    private Clusters<ClusterSettings> clusters;
    private MigratorBeans beans;

    /** Neither server starts (the context never does), but they are switched off all the same. */
    public static final Map<String, String> OVERRIDES = Map.of("camel.server.enabled", "false",
            "camel.management.enabled", "false");

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        CamelContext context = main.getCamelContext();
        PropertySource props = new CamelPropertySource(context);
        MigratorStartup.checkPropertyNames(props);
        clusters = Clusters.of(cluster -> ClusterSettings.from(cluster.id(), props));
        EmbeddedSettings embeddedSettings = EmbeddedSettings.from(props, clusters.legacy(), clusters.ckafka());
        if (embeddedSettings.enabled()) {
            embedded = EmbeddedClusters.start(embeddedSettings);
        }
        clusters.both().forEach(cluster -> KafkaClusterComponents.register(context, cluster));
        beans = MigratorBeans.bind(context, Duration.ofMillis(props.getInt(Settings.CONSUMER_OFFSET_RECOMMIT_INTERVAL_MS)));
    }

    /**
     * Configures {@code main} (its route files are read), runs the preflight and prints it.
     *
     * @return 0 when no check failed, 1 otherwise
     * @throws ConfigException when the configuration or a route file is wrong, as at a start
     */
    public int run(Main main, PrintStream out) throws Exception {
        try {
            main.init();
            CamelContext context = main.getCamelContext();
            PropertySource props = new CamelPropertySource(context);
            List<TopicRoute> topicRoutes = beans.topicRouteFiles().routes();
            TopicRouteCheck.checkAll(topicRoutes);
            PropertyNameCheck.checkSinks(props.keys(Settings.SINK_PREFIX), TopicRouteCheck.topics(topicRoutes));
            List<TopicConfig> topics = TopicConfigs.read(context);
            Path stateDir = embedded != null ? embedded.stateDir() : Path.of(props.get(Settings.STATE_DIR).orElseThrow());
            if (embedded != null) {
                embedded.createTopics(RouteTopics.byCluster(context, Set.copyOf(Cluster.ids())));
                embedded.startLegacyGroupsAtLogStart(topics.stream().collect(Collectors.toMap(TopicConfig::legacyTopic,
                        TopicConfig::legacyGroup, (a, b) -> a, TreeMap::new)));
            }
            PreflightReport report = preflight(props, topics, stateDir);
            out.print(report.table());
            out.flush();
            return report.result() == PreflightStatus.FAIL ? 1 : 0;
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    private PreflightReport preflight(PropertySource props, List<TopicConfig> topics, Path stateDir) {
        int timeoutMs = props.getInt(Settings.STARTUP_BROKER_TIMEOUT_MS);
        Optional<FileStateStore> store = Files.isDirectory(stateDir) ? Optional.of(new FileStateStore(stateDir))
                : Optional.empty();
        boolean legacyNeeded = topics.stream().anyMatch(t -> !migrated(store, t));
        Clusters<Probed> probed = clusters.map(cluster -> cluster.name().equals(Cluster.LEGACY.id()) && !legacyNeeded
                ? new Probed(cluster, BrokerFit.notAsked(cluster.name()), null) : probe(cluster, timeoutMs));
        Clusters<ClusterSettings> fitted = probed.map(p -> p.cluster().withBrokerSettings(p.fit().settings()));
        Clusters<KafkaClusterOffsets> offsets = fitted.combine(probed,
                (cluster, p) -> new KafkaClusterOffsets(cluster, p.fit().adminReadsOffsets(), timeoutMs));
        Clusters<PreflightReads> readers = PreflightRuns.readers(fitted, offsets, timeoutMs);
        try {
            // A cluster that could not be probed is not asked again for each topic: every fact of it is unknown.
            Clusters<ClusterFacts> facts = probed.combine(readers, (p, reads) -> p.unreachable() == null ? reads
                    : (topic, group) -> ClusterTopicFacts.unreadable(p.cluster().name(), topic, group, p.unreachable()));
            // No rates: this process measured none, and the hold check says so rather than guessing.
            return new PreflightRun(PreflightRuns.preflight(props), facts, topic -> store.flatMap(s -> s.load(topic)),
                    topic -> OptionalDouble.empty(), InstanceIdFile.read(stateDir), stateDir).all(topics);
        } finally {
            readers.both().forEach(PreflightReads::close);
            offsets.both().forEach(KafkaClusterOffsets::close);
        }
    }

    private static boolean migrated(Optional<FileStateStore> store, TopicConfig topic) {
        try {
            return store.flatMap(s -> s.load(topic.name())).map(MigrationState::phase).orElse(Phase.LEGACY) == Phase.MIGRATED;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** A cluster as the probe found it: how to work with it, or why it cannot be asked. */
    private record Probed(ClusterSettings cluster, BrokerFit fit, String unreachable) {
    }

    private static Probed probe(ClusterSettings cluster, int timeoutMs) {
        try {
            return new Probed(cluster, new ClusterProbe(cluster, timeoutMs).check(List.of()), null);
        } catch (ConfigException e) {
            return new Probed(cluster, BrokerFit.notAsked(cluster.name()), e.getMessage());
        }
    }
}
