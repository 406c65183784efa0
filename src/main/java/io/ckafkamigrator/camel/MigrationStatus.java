package io.ckafkamigrator.camel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Function;

import io.ckafkamigrator.core.Cluster;
import io.ckafkamigrator.core.ClusterOffsets;
import io.ckafkamigrator.core.DrainReport;
import io.ckafkamigrator.core.DrainRule;
import io.ckafkamigrator.core.GroupOffsets;
import io.ckafkamigrator.core.HoldReport;
import io.ckafkamigrator.core.MigrationControl;
import io.ckafkamigrator.core.MigrationState;
import io.ckafkamigrator.core.PartitionDrain;
import io.ckafkamigrator.core.Phase;
import io.ckafkamigrator.core.TopicConfig;
import io.ckafkamigrator.core.TopicMigration;
import io.ckafkamigrator.core.ConsumerFinding;
import io.ckafkamigrator.core.ExternalConsumersView;

/**
 * The JSON view of a topic's migration for {@code GET /api/migrations[/{topic}]}: the saved
 * state plus offsets read live. A cluster that does not answer leaves its numbers null and
 * says why in {@code offsetsError}; the status itself is still served. A migrated topic's
 * legacy figures are those the handoff verified: legacy is not asked again, so what lies
 * past the drain target (stray writes, late appends) is unknown ({@code null}), never shown as 0.
 */
final class MigrationStatus {

    private final MigrationControl control;
    private final ClusterOffsets legacy;
    private final ClusterOffsets ckafka;
    private final Function<String, OptionalDouble> drainEta;

    /** @param drainEta per topic, the metrics sampler's last estimate of the seconds left to drain */
    MigrationStatus(MigrationControl control, ClusterOffsets legacy, ClusterOffsets ckafka,
                    Function<String, OptionalDouble> drainEta) {
        this.control = control;
        this.legacy = legacy;
        this.ckafka = ckafka;
        this.drainEta = drainEta;
    }

    Map<String, Object> of(String name, boolean detail) {
        TopicConfig topic = control.topic(name);
        MigrationState state = control.state(name);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("topic", name);
        json.put("phase", state.phase().name());
        json.put("ordering", topic.ordering().name().toLowerCase());
        json.put("autoCutover", topic.autoCutover());
        json.put("producer", producer(topic, state));
        json.put("producers", topic.producers().value());
        json.put("consumers", topic.consumers().value());
        boolean ckafkaMissing = control.ckafkaTopics().missing(topic.ckafkaTopic());
        json.put("ckafkaTopicExists", !ckafkaMissing);
        if (ckafkaMissing) {
            json.put("problems", List.of(control.ckafkaTopics().problem(topic).orElse("CKafka topic missing")));
        }
        DrainReport report = null;
        Long backlog = null;
        try {
            report = drainReport(topic, state);
            backlog = ckafkaBacklog(topic, state);
        } catch (RuntimeException e) {
            json.put("offsetsError", e.getMessage());
        }
        json.put("legacyRemaining", report == null ? null : report.remaining());
        boolean measured = state.phase() != Phase.MIGRATED;
        json.put("strayWrites", report == null || !measured ? null : report.strayWrites());
        json.put("lateAppends", report == null || !measured ? null : report.lateAppends());
        HoldReport holds = control.migration(name).holdReport();
        json.put("ckafkaExpiredRecords", holds.ckafkaExpiredTotal());
        json.put("legacyExpiredRecords", holds.legacyExpiredTotal());
        json.put("partitionsChanged", holds.partitionChange().none() ? null : Map.of(
                "newLegacyPartitions", holds.partitionChange().newLegacy(),
                "newCkafkaPartitions", holds.partitionChange().newCkafka()));
        json.put("ckafkaBacklog", backlog);
        json.put("drainEtaSeconds", drainEtaSeconds(name, state.phase()));
        json.put("handoffPauseMs", state.handoffPauseMs().orElse(null));
        json.put("deliveryGapMs", state.deliveryGapMs().orElse(null));
        json.put("lastError", state.lastError().orElse(null));
        TopicMigration migration = control.migration(name);
        if (topic.externalProducers()) {
            json.put("externalProducers", externalProducers(migration, state));
        }
        DrainReport drain = report;
        migration.externalConsumers().ifPresent(view -> json.put("externalConsumers", externalConsumers(topic, state,
                view, drain)));
        json.put("hooks", hooks(migration));
        if (detail) {
            json.put(Cluster.LEGACY.id(), Map.of("topic", topic.legacyTopic(), "group", topic.legacyGroup()));
            json.put(Cluster.CKAFKA.id(), Map.of("topic", topic.ckafkaTopic(), "group", topic.ckafkaGroup(),
                    "topicExists", !ckafkaMissing));
            json.put("partitions", report == null ? null : partitions(report, measured));
            json.put("ckafkaStartOffsets", new LinkedHashMap<>(new java.util.TreeMap<>(state.ckafkaStartOffsets())));
            json.put("ckafkaExpiredByPartition", new java.util.TreeMap<>(holds.ckafkaExpired()));
            json.put("legacyExpiredByPartition", new java.util.TreeMap<>(holds.legacyExpired()));
            Map<String, Object> transitions = new LinkedHashMap<>();
            state.sortedTransitions().forEach((phase, at) -> transitions.put(phase.name(), at.toString()));
            json.put("transitions", transitions);
        }
        return json;
    }

    /**
     * Where the topic's records are written: for external producers, {@code switching} between
     * prepare and producers-switched, when the operator's services move.
     */
    private static String producer(TopicConfig topic, MigrationState state) {
        if (topic.externalProducers() && state.phase() != Phase.LEGACY && state.phase() != Phase.MIGRATED
                && state.drainTarget().isEmpty()) {
            return "switching";
        }
        return state.phase().producerCluster().id();
    }

    private static Map<String, Object> externalProducers(TopicMigration migration, MigrationState state) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("prepared", state.phase() != Phase.LEGACY);
        json.put("producersSwitched", !state.drainTarget().isEmpty());
        json.put("legacyEndUnchangedMs", migration.legacyEndUnchanged().map(java.time.Duration::toMillis).orElse(null));
        return json;
    }

    private static Map<String, Object> externalConsumers(TopicConfig topic, MigrationState state,
                                                         ExternalConsumersView view, DrainReport drain) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("legacyGroupMembers", view.legacyGroupMembers().orElse(null));
        json.put("ckafkaGroupMembers", view.ckafkaGroupMembers().orElse(null));
        json.put("waitingFor", waitingFor(topic, state, view, drain));
        List<Map<String, Object>> findings = new ArrayList<>();
        for (ConsumerFinding finding : view.findings()) {
            findings.add(Map.of("finding", finding.kind().code(), "detail", finding.detail(), "at",
                    finding.at().toString()));
        }
        json.put("findings", findings);
        return json;
    }

    /**
     * What the handoff of external consumers waits for, as the last look saw it; null when
     * nothing. The old services are to be stopped only once their group has drained (stopped
     * earlier, nobody consumes the rest).
     */
    private static String waitingFor(TopicConfig topic, MigrationState state, ExternalConsumersView view,
                                     DrainReport drain) {
        if (state.phase() == Phase.MIGRATED || state.phase() == Phase.LEGACY) {
            return null;
        }
        if (state.drainTarget().isEmpty()) {
            return "producers-switched";
        }
        boolean ordered = topic.ordering() == io.ckafkamigrator.core.Ordering.ORDERED;
        if (ordered && state.phase() == Phase.DRAINING) {
            return "cutover";
        }
        if (drain == null || !drain.readyForHandoff()) {
            return "legacy-drain";
        }
        if (view.legacyGroupMembers().orElse(0) > 0) {
            return "legacy-consumers-to-stop";
        }
        return ordered && view.ckafkaGroupMembers().orElse(0) > 0 ? "ckafka-consumers-to-stop" : "handoff";
    }

    private static Map<String, Object> hooks(TopicMigration migration) {
        Map<String, Object> json = new LinkedHashMap<>();
        migration.hookStatus().forEach((hook, status) -> {
            if (!status.defined()) {
                return;
            }
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("route", hook.routeId(migration.config().name()));
            one.put("pending", status.pending());
            one.put("attempts", status.attempts());
            one.put("failures", status.failures());
            one.put("lastError", status.lastError().orElse(null));
            one.put("lastCall", status.lastCall().map(Object::toString).orElse(null));
            // on-phase: the call for the phase the topic is in now.
            MigrationState state = migration.state();
            one.put("done", state.hooksDone().contains(hook.doneKey(state.phase())));
            json.put(hook.suffix(), one);
        });
        return json;
    }

    /** Whole seconds, as the metric estimates them; 0 once MIGRATED, null in LEGACY or while unknown. */
    private Long drainEtaSeconds(String name, Phase phase) {
        if (phase == Phase.LEGACY) {
            return null;
        }
        if (phase == Phase.MIGRATED) {
            return 0L;
        }
        OptionalDouble eta = drainEta.apply(name);
        return eta.isPresent() ? Math.round(eta.getAsDouble()) : null;
    }

    /** While draining, the control's last measurement; before the switch, the live group lag. */
    private DrainReport drainReport(TopicConfig topic, MigrationState state) {
        if (state.phase() == Phase.LEGACY || state.drainTarget().isEmpty()) {
            GroupOffsets offsets = legacy.groupOffsets(topic.legacyGroup(), topic.legacyTopic());
            return DrainRule.evaluate(offsets.end(), offsets.committed(), offsets.logStart(), offsets.end(),
                    (p, from, to) -> true);
        }
        if (state.phase() == Phase.MIGRATED) {
            // Legacy is not asked any more (it may be switched off): the drain the handoff verified.
            Map<Integer, Long> target = state.drainTarget();
            return DrainRule.evaluate(target, target, Map.of(), target, (p, from, to) -> false);
        }
        return control.lastDrainReport(topic.name()).orElse(null); // not measured yet: a request never probes
    }

    /** Records waiting in CKafka for the CKafka consumer: the heap that builds up while draining. */
    private Long ckafkaBacklog(TopicConfig topic, MigrationState state) {
        if (state.phase() == Phase.LEGACY) {
            return 0L;
        }
        Map<Integer, Long> end = ckafka.endOffsets(topic.ckafkaTopic());
        Map<Integer, Long> committed = ckafka.committedOffsets(topic.ckafkaGroup(), topic.ckafkaTopic());
        long backlog = 0;
        for (Map.Entry<Integer, Long> e : end.entrySet()) {
            long from = committed.getOrDefault(e.getKey(), state.ckafkaStartOffsets().getOrDefault(e.getKey(), 0L));
            backlog += Math.max(0, e.getValue() - from);
        }
        return backlog;
    }

    /** @param measured false once MIGRATED: what lies past the target is not read any more */
    private static List<Map<String, Object>> partitions(DrainReport report, boolean measured) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (PartitionDrain p : report.partitions()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("partition", p.partition());
            json.put("committed", p.committed().isPresent() ? p.committed().getAsLong() : null);
            json.put("drainTarget", p.drainTarget());
            json.put("end", p.end());
            json.put("remaining", p.remaining());
            json.put("strayWrites", measured ? p.strayWrites() : null);
            json.put("lateAppends", measured ? p.lateAppends() : null);
            list.add(json);
        }
        return list;
    }
}
