package io.ckafkamigrator.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's explicit ways out of a held handoff, each saved before it answers and audited
 * with the offsets before and after:
 * <ul>
 *   <li>{@link #acceptStrayWrites}: the stray producer is fixed; the drain target moves to the
 *       legacy end offsets (new legacy partitions included), so the legacy consumer delivers the
 *       strays before the handoff, and a new CKafka partition starts at its log start;</li>
 *   <li>{@link #acceptExpiredBacklog}: the CKafka records retention deleted are accepted as
 *       lost; the start offsets of their partitions move to the log start.</li>
 * </ul>
 * Both are refused (409) outside DRAINING and CUTTING_OVER: before the switch there is nothing
 * to accept, after the handoff nothing to hold, but for a CKafka consumer that found, as it was
 * let go, records deleted below where it waited (it keeps those partitions paused meanwhile).
 *
 * <p>Concurrency: runs on the request thread holding the topic's lock (see {@link TopicMigration}).
 */
final class OperatorAcceptance {

    private static final Logger LOG = LoggerFactory.getLogger(TopicMigration.class);

    private final TopicMigration migration;
    private final TopicConfig topic;
    private final MigrationServices services;

    OperatorAcceptance(TopicMigration migration, MigrationServices services) {
        this.migration = migration;
        this.topic = migration.config();
        this.services = services;
    }

    MigrationState acceptStrayWrites() {
        MigrationState state = movingState("accepting stray writes");
        Map<Integer, Long> target = new TreeMap<>(state.drainTarget());
        services.legacy().endOffsets(topic.legacyTopic()).forEach((p, end) -> target.merge(p, end, Math::max));
        Map<Integer, Long> start = new TreeMap<>(state.ckafkaStartOffsets());
        // A CKafka partition created after the switch can hold migrated records only: all of it is read.
        services.ckafka().logStartOffsets(topic.ckafkaTopic()).forEach(start::putIfAbsent);
        Map<String, Object> details = new LinkedHashMap<>();
        DrainReport last = migration.lastDrainReport().orElse(null);
        details.put("strayWrites", last == null ? null : last.strayWrites());
        details.put("lateAppends", last == null ? null : last.lateAppends());
        details.put("oldDrainTarget", state.drainTarget());
        details.put("newDrainTarget", target);
        details.put("newLegacyPartitions", added(state.drainTarget(), target));
        details.put("newCkafkaPartitions", added(state.ckafkaStartOffsets(), start));
        details.put("ckafkaStartOffsets", start);
        commitForExternalConsumers(state, start);
        MigrationState next = state.withDrainTarget(target).withCkafkaStartOffsets(start).withError(null);
        // The old services were stopped for the old target: the stop hook is owed again for the new one.
        MigrationState accepted = migration.save(topic.externalConsumers()
                ? next.withoutHookDone(Hook.STOP_LEGACY_CONSUMERS.doneKey(state.phase())) : next);
        services.audit().record(new AuditEvent(services.clock().instant(), topic.name(), "stray-writes-accepted", details));
        LOG.info("Stray writes accepted: topic={} oldDrainTarget={} newDrainTarget={} ckafkaStart={}", topic.name(),
                state.drainTarget(), target, start);
        migration.holds().partitionsAccepted();
        standAt(state, accepted);
        migration.retargetDrain(target);
        return accepted;
    }

    MigrationState acceptExpiredBacklog() {
        // After the handoff too, if the CKafka consumer found a deletion as it was let go (it
        // keeps those partitions paused until then).
        boolean heldAfterHandoff = migration.state().phase() == Phase.MIGRATED
                && migration.holds().ckafkaBacklogExpired();
        MigrationState state = heldAfterHandoff ? migration.state() : movingState("accepting an expired CKafka backlog");
        Map<Integer, Long> expired = migration.holds().report().ckafkaExpired();
        Map<Integer, Long> start = new TreeMap<>(state.ckafkaStartOffsets());
        Map<Integer, Long> logStart = services.ckafka().logStartOffsets(topic.ckafkaTopic());
        Set<Integer> moved = new TreeSet<>();
        state.ckafkaStartOffsets().forEach((p, offset) -> {
            long first = logStart.getOrDefault(p, offset);
            if (first > offset) {
                start.put(p, first);
                moved.add(p);
            }
        });
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("expiredRecords", expired);
        details.put("oldCkafkaStartOffsets", state.ckafkaStartOffsets());
        details.put("newCkafkaStartOffsets", start);
        if (!heldAfterHandoff) {
            commitForExternalConsumers(state, start);
        }
        MigrationState accepted = migration.save(state.withCkafkaStartOffsets(start).withError(null));
        services.audit().record(new AuditEvent(services.clock().instant(), topic.name(), "expired-backlog-accepted", details));
        LOG.warn("Expired CKafka backlog accepted as lost: topic={} expiredRecords={} oldCkafkaStart={} newCkafkaStart={}",
                topic.name(), expired, state.ckafkaStartOffsets(), start);
        moved.addAll(expired.keySet());
        migration.holds().ckafkaExpiryAccepted(moved);
        standAt(state, accepted);
        return accepted;
    }

    private MigrationState movingState(String request) {
        MigrationState state = migration.state();
        if (state.phase() != Phase.DRAINING && state.phase() != Phase.CUTTING_OVER) {
            throw new IllegalPhaseException(topic.name(), state.phase(), request + " (only while DRAINING or CUTTING_OVER)");
        }
        if (state.drainTarget().isEmpty()) {
            throw new HandoffRefusedException("switch_incomplete", "the switch of topic '" + topic.name()
                    + "' has not captured its drain target yet; try again once the status shows it"
                    + (topic.externalProducers() ? " (external producers: POST /api/migrations/" + topic.name()
                            + "/producers-switched captures it)" : ""));
        }
        return state;
    }

    /**
     * Ordered topics with external consumers: nobody of the app consumes in the CKafka group, so
     * the new start offsets are committed for it here, before they are saved (a crash in between
     * leaves the group past the saved ones, which the restart accepts for external consumers).
     * Unordered topics' new services consume already: their own commits and their
     * {@code auto.offset.reset} decide (see the README).
     *
     * @throws HandoffRefusedException {@code ckafka_group_active} while the group has a member
     */
    private void commitForExternalConsumers(MigrationState before, Map<Integer, Long> start) {
        if (!topic.externalConsumers() || topic.ordering() != Ordering.ORDERED
                || before.ckafkaStartOffsets().equals(start)) {
            return;
        }
        CkafkaGroupCheck.refuseActiveMembers(topic, services.ckafka());
        Map<Integer, Long> changed = new TreeMap<>();
        start.forEach((p, offset) -> {
            if (!offset.equals(before.ckafkaStartOffsets().get(p))) {
                changed.put(p, offset);
            }
        });
        services.ckafka().commitOffsets(topic.ckafkaGroup(), topic.ckafkaTopic(), changed);
    }

    /** The waiting consumer of an ordered topic stands at the new start offsets (it commits them itself). */
    private void standAt(MigrationState before, MigrationState after) {
        if (topic.ordering() == Ordering.ORDERED && !topic.externalConsumers()
                && !before.ckafkaStartOffsets().equals(after.ckafkaStartOffsets())) {
            migration.waitingConsumer().positionAt(after.ckafkaStartOffsets());
            migration.waitingConsumer().wake();
        }
    }

    private static Set<Integer> added(Map<Integer, Long> before, Map<Integer, Long> after) {
        Set<Integer> added = new TreeSet<>(after.keySet());
        added.removeAll(before.keySet());
        return added;
    }
}
