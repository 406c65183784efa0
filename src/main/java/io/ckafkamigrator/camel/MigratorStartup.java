package io.ckafkamigrator.camel;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.TreeSet;

import io.ckafkamigrator.config.ApiSecurity;
import io.ckafkamigrator.config.ClusterSettings;
import io.ckafkamigrator.config.ConfigException;
import io.ckafkamigrator.config.EmbeddedSettings;
import io.ckafkamigrator.config.FaultHookSetting;
import io.ckafkamigrator.config.HealthSettings;
import io.ckafkamigrator.config.PropertyNameCheck;
import io.ckafkamigrator.config.PropertySource;
import io.ckafkamigrator.config.Settings;
import io.ckafkamigrator.config.TopicRoute;
import io.ckafkamigrator.config.TopicRouteCheck;
import io.ckafkamigrator.core.Cluster;
import io.ckafkamigrator.core.ClusterOffsets;
import io.ckafkamigrator.core.Clusters;
import io.ckafkamigrator.core.FileAuditTrail;
import io.ckafkamigrator.core.FileStateStore;
import io.ckafkamigrator.core.HandoffFaultHook;
import io.ckafkamigrator.core.InstanceIdFile;
import io.ckafkamigrator.core.MetricsSampler;
import io.ckafkamigrator.core.MigrationControl;
import io.ckafkamigrator.core.MigrationServices;
import io.ckafkamigrator.core.ExternalSides;
import io.ckafkamigrator.core.PreflightRun;
import io.ckafkamigrator.core.StartRefusedException;
import io.ckafkamigrator.core.TopicConfig;
import io.ckafkamigrator.kafka.BrokerFit;
import io.ckafkamigrator.kafka.KafkaClusterOffsets;
import io.ckafkamigrator.kafka.PreflightReads;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static io.ckafkamigrator.camel.CamelLifecycle.onContextStop;
import static io.ckafkamigrator.camel.CamelLifecycle.onFullyStarted;
import static io.ckafkamigrator.camel.CamelLifecycle.onStopping;

/**
 * Start-up and shut-down of everything around the routes, in Camel Main's lifecycle:
 * <ol>
 *   <li>before routes are configured: refuse unknown property names, read and validate both
 *       clusters' settings, start the embedded clusters if enabled, register the {@code legacy}
 *       and {@code ckafka} components and bind the beans the YAML routes call
 *       ({@link MigratorBeans});</li>
 *   <li>before routes start: check the topic route files (names, groups, sinks); lock the
 *       state directory (one instance per directory, {@link StateDirectoryGuard}); create
 *       the routes' topics on the embedded clusters, if any, with the legacy groups at their log
 *       start; check that both clusters answer, accept the credentials and hold every topic the
 *       routes use ({@link ClusterChecks}: on legacy, those of the topics not yet MIGRATED; with
 *       none, legacy is not checked at all; a CKafka topic of a LEGACY topic may be missing, to
 *       be provisioned, {@link ProvisioningSetup}); load the migration control (which refuses a
 *       legacy group without offsets, a stale state and a changed topic shape). Any failure
 *       stops the start with a {@link ConfigException} and releases the lock;</li>
 *   <li>once every route started: start the consumers each topic's phase calls for, and the
 *       metrics;</li>
 *   <li>when the CamelContext stops, after its routes (consumers have committed): close the
 *       control (which waits for a handoff under way) and the cluster clients, then let go of
 *       the state directory, then stop the embedded clusters.</li>
 * </ol>
 */
public final class MigratorStartup extends MainListenerSupport implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MigratorStartup.class);

    private volatile EmbeddedClusters embedded;
    private final StateDirectoryGuard stateGuard = new StateDirectoryGuard();
    private Path stateDir;
    private Clusters<ClusterSettings> clusters;
    private Clusters<BrokerFit> fits;
    private MigratorBeans beans;

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        CamelContext context = main.getCamelContext();
        PropertySource props = new CamelPropertySource(context);
        checkPropertyNames(props);
        clusters = Clusters.of(cluster -> ClusterSettings.from(cluster.id(), props));
        EmbeddedSettings embeddedSettings = EmbeddedSettings.from(props, clusters.legacy(), clusters.ckafka());
        ApiSecurity.from(props, embeddedSettings.enabled()).warning().ifPresent(LOG::warn);
        if (embeddedSettings.enabled()) {
            embedded = EmbeddedClusters.start(embeddedSettings);
            // Stopped with the CamelContext, after the routes, so consumers commit first.
            onContextStop(context, this::stopEmbedded);
        }
        clusters.both().forEach(cluster -> {
            KafkaClusterComponents.register(context, cluster);
            LOG.info("Cluster configured: {}", cluster);
        });
        // Bound before the routes load: each route file's templatedRoutes are checked as it is read.
        beans = MigratorBeans.bind(context, Duration.ofMillis(props.getInt(Settings.CONSUMER_OFFSET_RECOMMIT_INTERVAL_MS)),
                props.getInt(Settings.BATCH_PARALLELISM));
    }

    /** A misspelled legacy.*, ckafka.* or migration.* key fails here, before anything starts. */
    static void checkPropertyNames(PropertySource props) {
        Set<String> keys = new TreeSet<>(props.keys("migration."));
        Cluster.ids().forEach(cluster -> keys.addAll(props.keys(cluster + ".")));
        new PropertyNameCheck(Cluster.ids()).check(keys);
        // Every value of its kind and within bounds, also those only a route placeholder reads.
        Settings.checkAll(props);
    }

    @Override
    public void beforeStart(BaseMainSupport main) {
        CamelContext context = main.getCamelContext();
        PropertySource props = new CamelPropertySource(context);
        int timeoutMs = props.getInt(Settings.STARTUP_BROKER_TIMEOUT_MS);
        // Route definitions are known, nothing has started: topics, groups and sinks must agree.
        List<TopicRoute> topicRoutes = beans.topicRouteFiles().routes();
        TopicRouteCheck.checkAll(topicRoutes);
        PropertyNameCheck.checkSinks(props.keys(Settings.SINK_PREFIX), TopicRouteCheck.topics(topicRoutes));
        Map<String, Set<String>> topics = RouteTopics.byCluster(context, Set.copyOf(Cluster.ids()));
        stateDir = stateDir(props);
        stateGuard.acquire(context, stateDir);
        try {
            List<TopicConfig> migrated = TopicConfigs.read(context);
            if (embedded != null) {
                embedded.createTopics(topics);
                embedded.startLegacyGroupsAtLogStart(migrated.stream()
                        .collect(Collectors.toMap(TopicConfig::legacyTopic, TopicConfig::legacyGroup, (a, b) -> a, TreeMap::new)));
            }
            ClusterChecks.Result checked = ClusterChecks.check(clusters, topics, migrated, stateDir, timeoutMs);
            Map<String, Set<String>> needed = checked.needed();
            fitToBrokers(context, checked.fits());
            IngestLimits limits = IngestLimits.read(clusters, needed, migrated, timeoutMs);
            beans.ingest().limits(limits.maxBatchBytes());
            beans.ingest().partitions(limits.partitions());
            beans.ingest().maxRecordsPerRequest(props.getInt(Settings.INGEST_MAX_RECORDS_PER_REQUEST));
            LOG.info("Largest record batch per topic (max.message.bytes, max.request.size): {}",
                    new TreeMap<>(limits.maxBatchBytes()));
            startControl(context, props, migrated, timeoutMs, limits.taggable(), checked.missingCkafka());
        } catch (RuntimeException e) {
            // A start that fails lets the next one have the state directory at once.
            stateGuard.release();
            throw e;
        }
    }

    /**
     * Every client of a cluster from here on (routes, offset readers, probes) gets the settings
     * chosen for its brokers' release: the routes' endpoints are made when the context starts,
     * after this.
     */
    private void fitToBrokers(CamelContext context, Clusters<BrokerFit> fits) {
        this.fits = fits;
        clusters = clusters.combine(fits, (cluster, fit) -> cluster.withBrokerSettings(fit.settings()));
        clusters.both().forEach(cluster -> KafkaClusterComponents.fitToBrokers(context, cluster));
        beans.clusters(fits);
    }

    /**
     * @param taggable      the topics whose legacy records can carry our tag ({@link IngestLimits})
     * @param missingCkafka the CKafka topics of LEGACY topics that do not exist yet ({@link ProvisioningSetup})
     */
    private void startControl(CamelContext context, PropertySource props, List<TopicConfig> migrated, int timeoutMs,
            Set<String> taggable, Set<String> missingCkafka) {
        Clusters<KafkaClusterOffsets> offsets = clusters.combine(fits,
                (cluster, fit) -> new KafkaClusterOffsets(cluster, fit.adminReadsOffsets(), timeoutMs));
        FileAuditTrail audit = new FileAuditTrail(stateDir);
        beans.bindAudit(audit, Clock.systemUTC());
        MigrationServices services = new MigrationServices(new FileStateStore(stateDir),
                offsets.<ClusterOffsets>map(o -> o), new CamelRouteControl(context),
                beans.producers(), Clock.systemUTC(), audit, faultHook(props), InstanceIdFile.readOrCreate(stateDir),
                new ExternalSides(new CamelHooks(context),
                        Duration.ofMillis(props.getInt(Settings.EXTERNAL_PRODUCERS_QUIET_PERIOD_MS))));
        beans.producerRouting().tagWith(services.identity(), taggable);
        MigrationControl created = new MigrationControl(migrated, services);
        ProvisioningSetup.attach(context, props, clusters, missingCkafka, created, beans, audit, timeoutMs);
        registerHealthChecks(context, props, stateDir, created);
        onContextStop(context, () -> {
            created.close();
            offsets.both().forEach(KafkaClusterOffsets::close);
        });
        try {
            created.load();
        } catch (StartRefusedException e) {
            throw new ConfigException(e.source(), e.problem(), e);
        }
        // A held consumer gives its record back at once instead of keeping the shutdown waiting.
        onStopping(context, created::shutDownGates);
        // Waiting cutovers are answered (202 unless MIGRATED) before the HTTP server goes.
        onStopping(context, beans.api()::answerWaiting);
        MetricsSampler sampler = MigratorMetrics.start(context, props, created, offsets, beans);
        beans.attachControl(created, new MigrationStatus(created, offsets.legacy(), offsets.ckafka(),
                sampler::drainEtaSeconds), audit);
        attachPreflight(context, props, created, offsets, sampler, timeoutMs);
        onFullyStarted(context, "the migration control", created::startConsumers);
    }

    /** {@code GET /api/migrations/preflight}: the preflight with the sampler's drain rates ({@link PreflightApi}). */
    private void attachPreflight(CamelContext context, PropertySource props, MigrationControl control,
            Clusters<KafkaClusterOffsets> offsets, MetricsSampler sampler, int timeoutMs) {
        Clusters<PreflightReads> readers = PreflightRuns.readers(clusters, offsets, timeoutMs);
        onContextStop(context, () -> readers.both().forEach(PreflightReads::close));
        beans.preflightApi().attach(control, new PreflightRun(PreflightRuns.preflight(props), readers.map(r -> r),
                topic -> Optional.of(control.state(topic)), sampler::drainRate, Optional.of(control.identity()), stateDir));
    }

    /** Fault injection only, off unless set (refused unless the brokers are on loopback). */
    private HandoffFaultHook faultHook(PropertySource props) {
        return FaultHookSetting.from(props, clusters.both()).step().map(step -> {
            LOG.warn("{}={}: the handoff will stop at this step (fault-injection test hook)", FaultHookSetting.KEY, step);
            return HandoffFaultHook.stopAt(step, Duration.ofMinutes(5));
        }).orElse(HandoffFaultHook.NONE);
    }

    /** Readiness checks for both clusters and the state directory on /observe/health (docs/operations.md). */
    private void registerHealthChecks(CamelContext context, PropertySource props, Path stateDir,
            MigrationControl control) {
        MigratorHealthChecks checks = MigratorHealthChecks.register(context, HealthSettings.from(props), clusters.both(),
                stateDir, control);
        onContextStop(context, checks::close);
    }

    private Path stateDir(PropertySource props) {
        if (embedded != null) {
            return embedded.stateDir();
        }
        Path dir = Path.of(props.get(Settings.STATE_DIR).orElseThrow());
        LOG.info("Migration state kept in {}", dir.toAbsolutePath());
        return dir;
    }

    @Override
    public void afterStop(BaseMainSupport main) {
        stopEmbedded();
        stateGuard.release();
    }

    @Override
    public void close() {
        stopEmbedded();
        stateGuard.release();
    }

    /** Stops the embedded clusters, if any, and deletes their state; safe to call more than once. */
    private void stopEmbedded() {
        EmbeddedClusters toStop = embedded;
        if (toStop != null) {
            toStop.close();
        }
    }
}
