package io.ckafkamigrator.camel;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

import io.ckafkamigrator.core.Cluster;
import io.ckafkamigrator.core.MetricsSampler;
import io.ckafkamigrator.core.MigrationControl;
import io.ckafkamigrator.core.MigrationState;
import io.ckafkamigrator.core.Phase;
import io.ckafkamigrator.core.RecordCounts;
import io.ckafkamigrator.core.TopicConfig;
import io.ckafkamigrator.core.TopicSample;
import io.ckafkamigrator.core.ConsumerFinding;
import io.ckafkamigrator.core.ExternalConsumersView;
import io.ckafkamigrator.core.Hook;
import io.ckafkamigrator.core.HookStatus;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * The migration's meters on Camel's own Micrometer registry, so they are scraped with Camel's
 * route metrics on {@code /observe/metrics}. Every gauge reads a value already in memory (the
 * control's state, the sampler's last sample): a scrape never waits for a cluster. Names are
 * Micrometer's dotted form; the Prometheus registry writes them in snake_case with the unit
 * and {@code _total} suffixes (see the metrics table in docs/operations.md).
 */
final class MigrationMeters {

    private static final String PREFIX = "ckafka.migrator.";
    private static final String RECORDS = "records";
    private static final String SECONDS = "seconds";

    private final MeterRegistry registry;
    private final MigrationControl control;
    private final MetricsSampler sampler;
    private final Map<String, Boolean> partitionGauges = new ConcurrentHashMap<>();

    private MigrationMeters(MeterRegistry registry, MigrationControl control, MetricsSampler sampler) {
        this.registry = registry;
        this.control = control;
        this.sampler = sampler;
    }

    /** Who runs each side, the hooks' calls and, for external consumers, their groups and findings. */
    private void bindSides(TopicConfig topic, Tags tags) {
        String name = topic.name();
        Gauge.builder(PREFIX + "sides", control, c -> 1)
                .description("Always 1: who runs the topic's producers and consumers (hosted: this app; external: your services)")
                .tags(tags.and("producers", topic.producers().value(), "consumers", topic.consumers().value()))
                .register(registry);
        for (Hook hook : Hook.values()) {
            if (!control.migration(name).hookStatus().get(hook).defined()) {
                continue;
            }
            Tags hookTags = tags.and("hook", hook.suffix());
            FunctionCounter.builder(PREFIX + "hook.calls", control, c -> {
                HookStatus s = c.migration(name).hookStatus().get(hook);
                return s.attempts() - s.failures();
            }).description("Calls of the topic's hook route that succeeded or failed").tags(hookTags.and("outcome", "succeeded"))
                    .register(registry);
            FunctionCounter.builder(PREFIX + "hook.calls", control, c -> c.migration(name).hookStatus().get(hook).failures())
                    .description("Calls of the topic's hook route that succeeded or failed").tags(hookTags.and("outcome", "failed"))
                    .register(registry);
            Gauge.builder(PREFIX + "hook.pending", control, c -> c.migration(name).hookStatus().get(hook).pending() ? 1 : 0)
                    .description("1 while a call of the hook route waits to be made or retried").tags(hookTags).register(registry);
        }
        if (!topic.externalConsumers()) {
            return;
        }
        Gauge.builder(PREFIX + "legacy.group.members", control, c -> c.migration(name).externalConsumers()
                        .flatMap(ExternalConsumersView::legacyGroupMembers).map(Integer::doubleValue).orElse(Double.NaN))
                .description("External consumers: members of the legacy group at the last look (NaN: not looked at, or MIGRATED)")
                .tags(tags).register(registry);
        Gauge.builder(PREFIX + "ckafka.group.members", control, c -> c.migration(name).externalConsumers()
                        .flatMap(ExternalConsumersView::ckafkaGroupMembers).map(Integer::doubleValue).orElse(Double.NaN))
                .description("External consumers of an ordered topic: members of the CKafka group at the last look")
                .tags(tags).register(registry);
        for (ConsumerFinding.Kind kind : ConsumerFinding.Kind.values()) {
            FunctionCounter.builder(PREFIX + "consumer.findings", control, c -> c.migration(name).externalConsumers()
                            .map(v -> v.count(kind)).orElse(0L))
                    .description("External consumers: times the order was found at risk (a CKafka consumer early, a second one, "
                            + "the CKafka group moved before the handoff)")
                    .tags(tags.and("finding", kind.code())).register(registry);
        }
    }

    /** Registers every topic's meters; per-partition gauges follow as the sampler finds partitions. */
    static void bind(MeterRegistry registry, MigrationControl control, MetricsSampler sampler,
                     RecordCounts produced, RecordCounts delivered) {
        MigrationMeters meters = new MigrationMeters(registry, control, sampler);
        for (TopicConfig topic : control.topics()) {
            meters.bindTopic(topic, produced, delivered);
        }
        sampler.onSample(meters::bindPartitions);
    }

    private void bindTopic(TopicConfig topic, RecordCounts produced, RecordCounts delivered) {
        String name = topic.name();
        Tags tags = Tags.of("topic", name);
        for (Phase phase : Phase.values()) {
            // One series per phase, 1 for the current one: the usual Prometheus "state set".
            Gauge.builder(PREFIX + "phase", control, c -> c.state(name).phase() == phase ? 1 : 0)
                    .description("1 for the topic's current migration phase, 0 for the others")
                    .tags(tags.and("phase", phase.name())).register(registry);
        }
        // A time, not an age, as Prometheus advises: time() - it is how long, and it survives restarts.
        Gauge.builder(PREFIX + "phase.entered.timestamp", control, c -> enteredSeconds(c.state(name)))
                .description("When the topic entered its current phase, in seconds since the epoch (NaN: not recorded)")
                .baseUnit(SECONDS).tags(tags).register(registry);
        sampled(name, "legacy.remaining", RECORDS, "Records the legacy group still has to consume", TopicSample::legacyRemainingTotal);
        // NaN once MIGRATED: legacy is not measured any more, which is not the same as 0.
        sampled(name, "stray.writes", RECORDS, "Records written to the legacy topic after the producer switch (NaN: not measured)",
                s -> s.strayWrites().isPresent() ? s.strayWrites().getAsLong() : Double.NaN);
        sampled(name, "ckafka.backlog", RECORDS, "Records in CKafka not yet consumed by the CKafka group", TopicSample::ckafkaBacklog);
        sampled(name, "drain.eta", SECONDS, "Estimated time until the legacy group has drained (NaN: unknown)", TopicSample::drainEtaSeconds);
        // Read from the control's memory, as the phase: what the monitor found while the topic moved.
        Gauge.builder(PREFIX + "ckafka.expired", control, c -> c.migration(name).holdReport().ckafkaExpiredTotal())
                .description("CKafka records retention deleted below the start offsets before the CKafka consumer read them, not accepted as lost")
                .baseUnit(RECORDS).tags(tags).register(registry);
        Gauge.builder(PREFIX + "legacy.expired", control, c -> c.migration(name).holdReport().legacyExpiredTotal())
                .description("Legacy records retention removed before the legacy group read them")
                .baseUnit(RECORDS).tags(tags).register(registry);
        Gauge.builder(PREFIX + "handoff.pause", control, c -> c.state(name).handoffPauseMs().map(ms -> ms / 1000.0).orElse(Double.NaN))
                .description("What the handoff cost: drained and requested to the first CKafka delivery (NaN: unknown)")
                .baseUnit(SECONDS).tags(tags).register(registry);
        Gauge.builder(PREFIX + "delivery.gap", control, c -> c.state(name).deliveryGapMs().map(ms -> ms / 1000.0).orElse(Double.NaN))
                .description("Last legacy delivery to the first CKafka delivery, heap-up time included (NaN: unknown)")
                .baseUnit(SECONDS).tags(tags).register(registry);
        Gauge.builder(PREFIX + "metrics.sample.age", sampler, s -> s.latest(name)
                        .map(sample -> (System.currentTimeMillis() - sample.sampledAtMillis()) / 1000.0).orElse(Double.NaN))
                .description("Age of the offsets behind the lag, backlog and stray-write gauges")
                .baseUnit(SECONDS).tags(tags).register(registry);
        FunctionCounter.builder(PREFIX + "metrics.sample.errors", sampler, s -> s.errors(name))
                .description("Offset samples that failed; the gauges keep their last values meanwhile")
                .tags(tags).register(registry);
        for (Cluster cluster : Cluster.values()) {
            FunctionCounter.builder(PREFIX + "produced", produced, p -> p.get(name, cluster.id()))
                    .description("Records the cluster acknowledged from the topic's producer route")
                    .baseUnit(RECORDS).tags(tags.and("cluster", cluster.id())).register(registry);
        }
        bindSides(topic, tags);
        for (String route : List.of(topic.legacyConsumerRoute(), topic.ckafkaConsumerRoute())) {
            FunctionCounter.builder(PREFIX + "delivered", delivered, d -> d.get(name, route))
                    .description("Records the sink took from the consumer route")
                    .baseUnit(RECORDS).tags(tags.and("route", route)).register(registry);
        }
    }

    private void sampled(String topic, String name, String unit, String description, ToDoubleFunction<TopicSample> value) {
        Gauge.builder(PREFIX + name, sampler, s -> latest(s, topic).map(value::applyAsDouble).orElse(Double.NaN))
                .description(description).baseUnit(unit).tags("topic", topic).register(registry);
    }

    /** Partitions are known once sampled; a gauge is registered the first time each one is seen. */
    private void bindPartitions(TopicSample sample) {
        for (int partition : sample.legacyRemaining().keySet()) {
            String topic = sample.topic();
            if (partitionGauges.putIfAbsent(topic + "/" + partition, Boolean.TRUE) == null) {
                Gauge.builder(PREFIX + "legacy.partition.remaining", sampler, s -> latest(s, topic)
                                .map(t -> t.legacyRemaining().get(partition)).map(Long::doubleValue).orElse(Double.NaN))
                        .description("Records the legacy group still has to consume, per legacy partition")
                        .baseUnit(RECORDS).tags("topic", topic, "partition", String.valueOf(partition)).register(registry);
            }
        }
    }

    private static double enteredSeconds(MigrationState state) {
        Instant entered = state.transitions().get(state.phase());
        return entered == null ? Double.NaN : entered.toEpochMilli() / 1000.0;
    }

    private static Optional<TopicSample> latest(MetricsSampler sampler, String topic) {
        return sampler.latest(topic);
    }
}
