package io.ckafkamigrator.camel;

import java.time.Clock;
import java.time.Duration;

import io.ckafkamigrator.config.PropertySource;
import io.ckafkamigrator.config.Settings;
import io.ckafkamigrator.core.Clusters;
import io.ckafkamigrator.core.MetricsSampler;
import io.ckafkamigrator.core.MigrationControl;
import io.ckafkamigrator.kafka.KafkaClusterOffsets;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static io.ckafkamigrator.camel.CamelLifecycle.onContextStop;
import static io.ckafkamigrator.camel.CamelLifecycle.onFullyStarted;

/**
 * The migration meters on Camel's own registry: camel-micrometer-prometheus binds it as
 * {@code metricsRegistry} when its service initialises, so it is looked up once Camel has
 * started. With {@code camel.metrics.enabled=false} there is none, and nothing is sampled.
 */
final class MigratorMetrics {

    private static final Logger LOG = LoggerFactory.getLogger(MigratorMetrics.class);

    private MigratorMetrics() {
    }

    /**
     * Binds the meters and starts the sampler once every route started; stops it with the context.
     *
     * @return the sampler, whose drain rates the preflight reads and whose drain ETAs the status shows
     */
    static MetricsSampler start(CamelContext context, PropertySource props, MigrationControl control,
                      Clusters<KafkaClusterOffsets> offsets, MigratorBeans beans) {
        Duration interval = Duration.ofMillis(props.getInt(Settings.METRICS_SAMPLE_INTERVAL_MS));
        MetricsSampler sampler = new MetricsSampler(control, offsets.legacy(), offsets.ckafka(), beans.delivered(),
                Clock.systemUTC());
        onContextStop(context, sampler::close);
        onFullyStarted(context, "the migration metrics", () -> {
            MeterRegistry registry = context.getRegistry().lookupByNameAndType("metricsRegistry", MeterRegistry.class);
            if (registry == null) {
                LOG.info("No Camel meter registry (camel.metrics.enabled=false): migration metrics are off");
                return;
            }
            MigrationMeters.bind(registry, control, sampler, beans.produced(), beans.delivered());
            bindMonitorCost(registry, control, offsets);
            sampler.start(interval);
        });
        return sampler;
    }

    /**
     * What watching every topic costs, independent of the topics: the last monitor tick's span
     * over all topics, and the calls each cluster was sent per kind of read (the handoff's aside).
     */
    private static void bindMonitorCost(MeterRegistry registry, MigrationControl control,
                                        Clusters<KafkaClusterOffsets> offsets) {
        Gauge.builder("ckafka.migrator.monitor.round", control,
                        c -> c.lastTickNanos().isPresent() ? c.lastTickNanos().getAsLong() / 1e9 : Double.NaN)
                .description("The last monitor tick, from its start to the end of the last topic round it started")
                .baseUnit("seconds").register(registry);
        offsets.forEach((cluster, reads) -> reads.batchedCalls().keySet().forEach(call ->
                FunctionCounter.builder("ckafka.migrator.cluster.calls", reads, r -> r.batchedCalls().get(call))
                        .description("Calls sent to the cluster by the monitor, the metrics and the requests, per kind of read;"
                                + " each call reads what every topic asked for at the time")
                        .tags(Tags.of("cluster", cluster.id(), "call", call)).register(registry)));
    }
}
