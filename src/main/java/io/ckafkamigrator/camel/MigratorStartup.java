package io.ckafkamigrator.camel;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import io.ckafkamigrator.config.ApiSecurity;
import io.ckafkamigrator.config.ClusterSettings;
import io.ckafkamigrator.core.FileAuditTrail;
import io.ckafkamigrator.core.FileStateStore;
import io.ckafkamigrator.core.MetricsSampler;
import io.ckafkamigrator.core.RecordCounts;
import io.ckafkamigrator.core.HandoffPause;
import io.ckafkamigrator.core.MigrationControl;
import io.ckafkamigrator.core.ProducerSwitch;
import io.ckafkamigrator.kafka.KafkaClusterOffsets;
import io.ckafkamigrator.config.ConfigException;
import io.ckafkamigrator.config.EmbeddedSettings;
import io.ckafkamigrator.config.HandoffPauseSetting;
import io.ckafkamigrator.config.HealthSettings;
import io.ckafkamigrator.config.KnownProperties;
import io.ckafkamigrator.config.PropertyNameCheck;
import io.ckafkamigrator.config.PropertySource;
import io.ckafkamigrator.config.TopicRoute;
import io.ckafkamigrator.config.TopicRouteCheck;
import io.ckafkamigrator.embedded.EmbeddedKafkaCluster;
import io.ckafkamigrator.kafka.ClusterProbe;
import io.ckafkamigrator.kafka.TopicLimits;
import io.ckafkamigrator.core.TopicConfig;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.support.service.ServiceSupport;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up and shut-down of everything around the routes, in Camel Main's lifecycle:
 * <ol>
 *   <li>before routes are configured: refuse unknown property names, read and validate both
 *       clusters' settings, start the embedded clusters if enabled, register the {@code legacy}
 *       and {@code ckafka} components and the beans the YAML routes call;</li>
 *   <li>before routes start: check the topic route files (names, groups, sinks); create the
 *       routes' topics on the embedded clusters, if any; check
 *       that both clusters answer, accept the credentials and hold
 *       every topic the routes use; any failure stops the start with a {@link ConfigException};</li>
 *   <li>when the CamelContext stops, after its routes (consumers have committed): stop the
 *       embedded clusters.</li>
 * </ol>
 */
public final class MigratorStartup extends MainListenerSupport implements AutoCloseable {

    public static final List<String> CLUSTERS = List.of("legacy", "ckafka");

    private static final Logger LOG = LoggerFactory.getLogger(MigratorStartup.class);

    private final List<EmbeddedKafkaCluster> embedded = Collections.synchronizedList(new ArrayList<>());
    private final List<ClusterSettings> clusters = new ArrayList<>();
    private int embeddedPartitions;
    private final ProducerSwitch producers = new ProducerSwitch();
    private final MigrationApi api = new MigrationApi();
    private final IngestRequest ingest = new IngestRequest();
    private final TopicRouteFiles topicRouteFiles = new TopicRouteFiles();
    private volatile MigrationControl control;
    private final RecordCounts produced = new RecordCounts();
    private final RecordCounts delivered = new RecordCounts();

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        CamelContext context = main.getCamelContext();
        PropertySource props = new CamelPropertySource(context);
        checkPropertyNames(props);
        // Bound before the routes load: each route file's templatedRoutes are checked as it is read.
        context.getRegistry().bind("topicRouteFiles", topicRouteFiles);
        for (String name : CLUSTERS) {
            clusters.add(ClusterSettings.from(name, props));
        }
        EmbeddedSettings embeddedSettings = EmbeddedSettings.from(props, clusters.get(0), clusters.get(1));
        logSecurity(ApiSecurity.from(props, embeddedSettings.enabled()));
        if (embeddedSettings.enabled()) {
            startEmbedded(embeddedSettings);
            // Stopped with the CamelContext, after the routes (so consumers commit first); a
            // SIGTERM stops the context from a shutdown hook, where afterStop would be too late.
            onContextStop(context, this::stopEmbedded);
        }
        for (ClusterSettings cluster : clusters) {
            KafkaClusterComponents.register(context, cluster);
            LOG.info("Cluster configured: {}", cluster);
        }
        context.getRegistry().bind("requestGuard", new RequestGuard());
        context.getRegistry().bind("ingestRequest", ingest);
        context.getRegistry().bind("ingestResponse", new IngestResponse());
        context.getRegistry().bind("httpErrorResponse", new HttpErrorResponse());
        context.getRegistry().bind("producerRouting", new ProducerRouting(producers));
        // A held consumer waits this long per attempt; it must stay well below the CKafka
        // consumer's max.poll.interval.ms (1 h), or the group would evict it.
        Duration gateWait = Duration.ofMillis(props.getInt("migration.control.gate-wait-ms", 1_800_000, 100, 2_700_000));
        context.getRegistry().bind("legacyGate", new ConsumerGate(t -> control == null ? null : control.legacyGate(t), gateWait));
        context.getRegistry().bind("ckafkaGate", new ConsumerGate(t -> control == null ? null : control.ckafkaGate(t), gateWait));
        context.getRegistry().bind("migrationApi", api);
        context.getRegistry().bind("producedRecords", RecordCounting.produced(produced));
        context.getRegistry().bind("deliveredRecords", RecordCounting.delivered(delivered));
    }

    private static void logSecurity(ApiSecurity security) {
        if (!security.authenticated()) {
            LOG.warn("{}=true: /api/* and /topics/* accept requests WITHOUT credentials; anyone who can reach the "
                    + "API port can switch producers and cut topics over", ApiSecurity.ALLOW_UNAUTHENTICATED);
        } else if (security.demoUser()) {
            LOG.warn("The API accepts the DEMO user from {} (embedded clusters only)", security.usersFile().orElseThrow());
        }
    }

    /** A misspelled legacy.*, ckafka.* or migration.* key fails here, before anything starts. */
    private static void checkPropertyNames(PropertySource props) {
        Set<String> keys = new TreeSet<>(props.keys("migration."));
        CLUSTERS.forEach(cluster -> keys.addAll(props.keys(cluster + ".")));
        new PropertyNameCheck(CLUSTERS).check(keys);
    }

    private void startEmbedded(EmbeddedSettings settings) {
        LOG.warn("migration.embedded.enabled=true: starting two THROW-AWAY in-JVM Kafka clusters on loopback "
                + "(legacy on port {}, ckafka on port {}); their data is deleted on exit. "
                + "Set migration.embedded.enabled=false to migrate real clusters.", settings.legacyPort(), settings.ckafkaPort());
        Map<String, String> broker = Map.of("group.initial.rebalance.delay.ms",
                String.valueOf(settings.groupInitialRebalanceDelayMs()));
        int[] ports = {settings.legacyPort(), settings.ckafkaPort()};
        for (int i = 0; i < CLUSTERS.size(); i++) {
            String name = CLUSTERS.get(i);
            ensureFree(name, ports[i]);
            embedded.add(EmbeddedKafkaCluster.start(name, ports[i], broker));
        }
        embeddedPartitions = settings.partitions();
    }

    private static void ensureFree(String name, int port) {
        try (ServerSocket probe = new ServerSocket(port, 0, InetAddress.getLoopbackAddress())) {
            probe.setReuseAddress(true);
        } catch (IOException e) {
            throw new ConfigException(name + ".bootstrap-servers", "port " + port
                    + " on 127.0.0.1 is already in use, so the embedded " + name + " cluster cannot start there");
        }
    }

    @Override
    public void beforeStart(BaseMainSupport main) {
        CamelContext context = main.getCamelContext();
        PropertySource props = new CamelPropertySource(context);
        int timeoutMs = props.getInt("migration.startup.broker-timeout-ms", 15_000, 1_000, 600_000);
        // Route definitions are known, nothing has started: topics, groups and sinks must agree.
        List<TopicRoute> topicRoutes = topicRouteFiles.routes();
        TopicRouteCheck.checkAll(topicRoutes);
        PropertyNameCheck.checkSinks(props.keys(KnownProperties.SINK_PREFIX), TopicRouteCheck.topics(topicRoutes));
        Map<String, Set<String>> topics = RouteTopics.byCluster(context, Set.copyOf(CLUSTERS));
        synchronized (embedded) {
            embedded.forEach(cluster -> cluster.createTopics(topics.get(cluster.name()), embeddedPartitions));
        }
        for (ClusterSettings cluster : clusters) {
            new ClusterProbe(cluster, timeoutMs).check(topics.get(cluster.name()));
            LOG.info("Cluster reachable: cluster={} bootstrapServers={} topics={}",
                    cluster.name(), cluster.bootstrapServers(), topics.get(cluster.name()));
        }
        readIngestLimits(context, topics, timeoutMs);
        startControl(context, props, timeoutMs);
    }

    private void readIngestLimits(CamelContext context, Map<String, Set<String>> topics, int timeoutMs) {
        Map<String, Integer> legacy = TopicLimits.read(clusters.get(0), topics.get("legacy"), timeoutMs);
        Map<String, Integer> ckafka = TopicLimits.read(clusters.get(1), topics.get("ckafka"), timeoutMs);
        Map<String, Integer> limits = new java.util.HashMap<>();
        for (TopicConfig topic : TopicConfigs.read(context)) {
            limits.put(topic.name(), Math.min(legacy.getOrDefault(topic.legacyTopic(), Integer.MAX_VALUE),
                    ckafka.getOrDefault(topic.ckafkaTopic(), Integer.MAX_VALUE)));
        }
        ingest.limits(limits);
        LOG.info("Largest record batch per topic (max.message.bytes, max.request.size): {}", limits);
    }

    private void startControl(CamelContext context, PropertySource props, int timeoutMs) {
        KafkaClusterOffsets legacyOffsets = new KafkaClusterOffsets(clusters.get(0), timeoutMs);
        KafkaClusterOffsets ckafkaOffsets = new KafkaClusterOffsets(clusters.get(1), timeoutMs);
        Path stateDir = stateDir(props);
        FileAuditTrail audit = new FileAuditTrail(stateDir);
        context.getRegistry().bind("controlAudit", new ControlAudit(audit, Clock.systemUTC()));
        MigrationControl created = new MigrationControl(TopicConfigs.read(context), new FileStateStore(stateDir),
                legacyOffsets, ckafkaOffsets, new CamelRouteControl(context), producers, Clock.systemUTC(), audit);
        registerHealthChecks(context, props, stateDir);
        // Fault injection only, off unless set (refused unless the brokers are on loopback).
        HandoffPauseSetting.from(props, clusters).step().ifPresent(step -> {
            LOG.warn("{}={}: the handoff will stop at this step (fault-injection test hook)", HandoffPauseSetting.KEY, step);
            created.pauseHandoff(HandoffPause.at(step, Duration.ofMinutes(5)));
        });
        onContextStop(context, () -> {
            created.close();
            legacyOffsets.close();
            ckafkaOffsets.close();
        });
        created.load();
        control = created;
        context.getManagementStrategy().addEventNotifier(new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                if (event instanceof CamelEvent.CamelContextStoppingEvent) {
                    created.shutDownGates();
                }
            }
        });
        api.attach(created, new MigrationStatus(created, legacyOffsets, ckafkaOffsets), audit);
        startMetrics(context, props, created, legacyOffsets, ckafkaOffsets);
        onFullyStarted(context, "the migration control", created::startConsumers);
    }

    /**
     * Runs {@code action} once, when every route has started. Not in onCamelContextStarted:
     * Camel calls that again each time a route is started (the CKafka consumer at the switch, …).
     */
    private static void onFullyStarted(CamelContext context, String what, Runnable action) {
        try {
            context.addStartupListener(new StartupListener() {
                @Override
                public void onCamelContextStarted(CamelContext ctx, boolean alreadyStarted) {
                    // see above
                }

                @Override
                public void onCamelContextFullyStarted(CamelContext ctx, boolean alreadyStarted) {
                    action.run();
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException("cannot register " + what + " with Camel", e);
        }
    }

    /**
     * Migration meters on Camel's own registry: camel-micrometer-prometheus binds it as
     * {@code metricsRegistry} when its service initialises, so it is looked up once Camel has
     * started. With {@code camel.metrics.enabled=false} there is none, and nothing is sampled.
     */
    private void startMetrics(CamelContext context, PropertySource props, MigrationControl control,
                              KafkaClusterOffsets legacyOffsets, KafkaClusterOffsets ckafkaOffsets) {
        Duration interval = Duration.ofMillis(props.getInt("migration.metrics.sample-interval-ms", 2_000, 100, 60_000));
        MetricsSampler sampler = new MetricsSampler(control, legacyOffsets, ckafkaOffsets, delivered, Clock.systemUTC());
        onContextStop(context, sampler::close);
        onFullyStarted(context, "the migration metrics", () -> {
            MeterRegistry registry = context.getRegistry().lookupByNameAndType("metricsRegistry", MeterRegistry.class);
            if (registry == null) {
                LOG.info("No Camel meter registry (camel.metrics.enabled=false): migration metrics are off");
                return;
            }
            MigrationMeters.bind(registry, control, sampler, produced, delivered);
            sampler.start(interval);
        });
    }

    /** Readiness checks for both clusters and the state directory on /observe/health (README "Health"). */
    private void registerHealthChecks(CamelContext context, PropertySource props, Path stateDir) {
        MigratorHealthChecks checks = MigratorHealthChecks.register(context, HealthSettings.from(props), clusters, stateDir);
        onContextStop(context, checks::close);
    }

    private Path stateDir(PropertySource props) {
        if (!embedded.isEmpty()) {
            // Throw-away clusters, throw-away state: a state left from an earlier run would not
            // match the fresh embedded topics.
            try {
                Path dir = Files.createTempDirectory("ckafka-migrator-state-");
                LOG.info("Migration state of the embedded clusters kept in throw-away {}", dir);
                return dir;
            } catch (IOException e) {
                throw new ConfigException("migration.state-dir", "cannot create a temporary state directory: " + e.getMessage());
            }
        }
        Path dir = Path.of(props.get("migration.state-dir").orElse("state"));
        LOG.info("Migration state kept in {}", dir.toAbsolutePath());
        return dir;
    }

    private static void onContextStop(CamelContext context, Runnable action) {
        try {
            context.addService(new ServiceSupport() {
                @Override
                protected void doStop() {
                    action.run();
                }
            }, true, true);
        } catch (Exception e) {
            throw new IllegalStateException("cannot register a stop action with Camel", e);
        }
    }

    @Override
    public void afterStop(BaseMainSupport main) {
        stopEmbedded();
    }

    @Override
    public void close() {
        stopEmbedded();
    }

    /** Stops the embedded clusters, if any; safe to call more than once. */
    private void stopEmbedded() {
        List<EmbeddedKafkaCluster> toStop;
        synchronized (embedded) {
            toStop = new ArrayList<>(embedded);
            embedded.clear();
        }
        Collections.reverse(toStop);
        toStop.forEach(EmbeddedKafkaCluster::close);
    }
}
