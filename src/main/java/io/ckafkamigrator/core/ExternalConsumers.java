package io.ckafkamigrator.core;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The watch over a topic's external consumer services: the old service's members in
 * {@code legacyGroup} until MIGRATED (the handoff waits for none to be left), and, for an ordered
 * topic, the new service's members in {@code ckafkaGroup} (none before MIGRATED, one after).
 * A look every {@link #LOOK_INTERVAL_NANOS}, in the same tick for every topic ({@link Cadence}).
 * Each finding ({@link ConsumerFinding}) is logged, audited and counted once per episode: again
 * only after the group was seen right in between.
 *
 * <p>Concurrency: {@link #look} runs on the topic's monitor thread, the handoff's findings on
 * the thread holding the topic's lock; the member counts are volatile, the findings guarded by
 * {@code this}, read by any thread.
 */
final class ExternalConsumers {

    // One logger for every line of a topic's migration, whichever step writes it.
    private static final Logger LOG = LoggerFactory.getLogger(TopicMigration.class);
    private static final long LOOK_INTERVAL_NANOS = 2_000_000_000L;

    private final TopicMigration migration;
    private final TopicConfig topic;
    private final MigrationServices services;
    private final Cadence looks = new Cadence(LOOK_INTERVAL_NANOS);
    /** Members seen at the last look; -1 before the first (or once not looked at any more). */
    private volatile int legacyMembers = -1;
    private volatile int ckafkaMembers = -1;
    private final List<ConsumerFinding> findings = new ArrayList<>();
    /** The finding of each kind whose episode is still open (monitor thread and handoff, under this). */
    private final Map<ConsumerFinding.Kind, Boolean> open = new EnumMap<>(ConsumerFinding.Kind.class);

    ExternalConsumers(TopicMigration migration, MigrationServices services) {
        this.migration = migration;
        this.topic = migration.config();
        this.services = services;
    }

    /** One look at the groups, if due; reads only, without the topic's lock. */
    void look(long nowNanos) {
        if (!looks.due(nowNanos)) {
            return;
        }
        Phase phase = migration.state().phase();
        if (phase != Phase.MIGRATED) {
            legacyMembers(services.legacy().members(topic.legacyGroup()));
        } else {
            legacyMembers = -1;
        }
        if (topic.ordering() == Ordering.ORDERED && phase != Phase.LEGACY) {
            GroupMembers ckafka = services.ckafka().members(topic.ckafkaGroup());
            // A look that a transition overtook (MIGRATED saved, the new service started) says nothing.
            if (migration.state().phase() == phase) {
                ckafkaMembers(phase, ckafka);
            }
        }
    }

    /** What a look or the handoff saw in the legacy group. */
    void legacyMembers(GroupMembers group) {
        legacyMembers = group.members().size();
    }

    /** What a look or the handoff saw in the CKafka group while the topic is in {@code phase}. */
    void ckafkaMembers(Phase phase, GroupMembers group) {
        int members = group.members().size();
        ckafkaMembers = members;
        if (topic.ordering() != Ordering.ORDERED) {
            return;
        }
        boolean early = phase != Phase.MIGRATED && members > 0;
        boolean extra = phase == Phase.MIGRATED && members > 1;
        episode(ConsumerFinding.Kind.CKAFKA_CONSUMER_EARLY, early, () -> members + " member(s) in CKafka group '"
                + topic.ckafkaGroup() + "' while the topic is " + phase + ": " + group.members());
        episode(ConsumerFinding.Kind.CKAFKA_CONSUMERS_EXTRA, extra, () -> members + " members in CKafka group '"
                + topic.ckafkaGroup() + "' of an ordered topic: " + group.members());
    }

    /** At the handoff: the CKafka group's offsets were not the captured start offsets. */
    void groupMoved(Map<Integer, Long> committed, Map<Integer, Long> start) {
        episode(ConsumerFinding.Kind.CKAFKA_GROUP_MOVED, true, () -> "CKafka group '" + topic.ckafkaGroup()
                + "' has committed " + new java.util.TreeMap<>(committed) + " instead of the start offsets " + start
                + ": a consumer consumed before the handoff, so those records came before the legacy ones");
    }

    private void episode(ConsumerFinding.Kind kind, boolean found, java.util.function.Supplier<String> detail) {
        ConsumerFinding finding;
        synchronized (this) {
            boolean wasOpen = open.getOrDefault(kind, false);
            open.put(kind, found);
            if (!found || wasOpen) {
                return;
            }
            finding = new ConsumerFinding(kind, detail.get(), services.clock().instant());
            findings.add(finding);
        }
        LOG.warn("Consumer order at risk: topic={} finding={} {}", topic.name(), kind.code(), finding.detail());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("finding", kind.code());
        details.put("detail", finding.detail());
        services.audit().record(new AuditEvent(finding.at(), topic.name(), "consumer-check", details));
    }

    /** Members of the legacy group at the last look; empty before the first and once MIGRATED. */
    Optional<Integer> legacyGroupMembers() {
        int n = legacyMembers;
        return n < 0 ? Optional.empty() : Optional.of(n);
    }

    /** Members of the CKafka group at the last look (ordered topics); empty before the first. */
    Optional<Integer> ckafkaGroupMembers() {
        int n = ckafkaMembers;
        return n < 0 ? Optional.empty() : Optional.of(n);
    }

    synchronized List<ConsumerFinding> findings() {
        return List.copyOf(findings);
    }

}
