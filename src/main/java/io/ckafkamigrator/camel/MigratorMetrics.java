package io.ckafkamigrator.camel;

import java.time.Clock;
import java.time.Duration;

import io.ckafkamigrator.config.PropertySource;
import io.ckafkamigrator.config.Settings;
import io.ckafkamigrator.core.Clusters;
import io.ckafkamigrator.core.MetricsSampler;
import io.ckafkamigrator.core.MigrationControl;
import io.ckafkamigrator.kafka.KafkaClusterOffsets;
import io.micrometer.core.instrument.MeterRegistry;
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
     * @return the sampler, whose drain rates the preflight reads
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
            sampler.start(interval);
        });
        return sampler;
    }
}
