package io.ckafkamigrator.core;

import java.util.Map;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The handoff of a topic whose consumers are the operator's services. The app delivers nothing,
 * so it holds no gate: it verifies, in this order, with fresh reads each time it is tried —
 * <ol>
 *   <li>the legacy group has committed up to the drain target, and nothing else holds the
 *       handoff ({@link HandoffHolds}: stray writes, an expired backlog, new partitions);</li>
 *   <li>asks the stop hook to stop the old services ({@link Hook#STOP_LEGACY_CONSUMERS}), and
 *       waits until the legacy group has no active member left, at two looks a second apart:
 *       only then are its commits final;</li>
 *   <li>the drain again, over those final commits;</li>
 *   <li>ordered: no member in the CKafka group (a new service started early is refused), its
 *       offsets the captured start offsets (missing or lower ones committed again, the group being
 *       empty; higher ones, an early consumption, reported);</li>
 * </ol>
 * then saves MIGRATED, and (ordered) asks the start hook to start the new services
 * ({@link Hook#START_CKAFKA_CONSUMERS}); unordered topics' new services were asked to start at
 * the switch. A hook only automates the operator's step: the handoff never takes its answer for
 * a check.
 *
 * <p>Concurrency: runs on the thread that holds the topic's lock (see {@link TopicMigration}).
 */
final class ExternalHandoff {

    // One logger for every line of a topic's migration, whichever step writes it.
    private static final Logger LOG = LoggerFactory.getLogger(TopicMigration.class);

    private final TopicMigration migration;
    private final TopicConfig topic;
    private final MigrationServices services;
    private final Handoff handoff;
    private final ExternalConsumers watch;
    private final TopicHooks hooks;
    /** The legacy member count last logged as holding the handoff (lock holder only). */
    private int loggedLegacyMembers = -1;
    /** When the last attempt's checks began ({@link System#nanoTime()}; lock holder only), 0 for at once. */
    private long lastLegacyLookNanos;
    /** Whether the last look (at least a second ago) found the legacy group empty (lock holder only). */
    private boolean legacySeenEmpty;
    /** The checks run again at most this often, not at every round. */
    private static final long LEGACY_RELOOK_NANOS = 1_000_000_000L;

    ExternalHandoff(TopicMigration migration, MigrationServices services, Handoff handoff, ExternalConsumers watch,
                    TopicHooks hooks) {
        this.migration = migration;
        this.topic = migration.config();
        this.services = services;
        this.handoff = handoff;
        this.watch = watch;
        this.hooks = hooks;
    }

    /** The phase the handoff starts from: CUTTING_OVER once requested (ordered), DRAINING (unordered). */
    private Phase readyPhase() {
        return topic.ordering() == Ordering.ORDERED ? Phase.CUTTING_OVER : Phase.DRAINING;
    }

    /** Hands over if every check passes; otherwise nothing is saved (a refusal is the caller's lastError). */
    void handOver() {
        MigrationState state = migration.state();
        if (state.phase() != readyPhase()) {
            return;
        }
        // Once drained, every monitor round brings an attempt: the checks below read both clusters
        // call by call, so they run at most once a second.
        long now = System.nanoTime();
        if (lastLegacyLookNanos != 0 && now - lastLegacyLookNanos < LEGACY_RELOOK_NANOS) {
            return;
        }
        lastLegacyLookNanos = now;
        migration.holds().verify();
        if (!handoff.measureDrain(state).readyForHandoff()) {
            return;
        }
        hooks.request(Hook.STOP_LEGACY_CONSUMERS, null);
        GroupMembers legacy = services.legacy().forHandoff().members(topic.legacyGroup());
        watch.legacyMembers(legacy);
        if (!legacy.members().isEmpty()) {
            legacySeenEmpty = false;
            if (legacy.members().size() != loggedLegacyMembers) {
                loggedLegacyMembers = legacy.members().size();
                LOG.info("Handoff waits for the old consumers to stop: topic={} legacyGroup={} members={}", topic.name(),
                        topic.legacyGroup(), legacy.members());
            }
            return;
        }
        // Empty at two looks a second apart: a service between two restarts (a crash loop, a
        // Recreate rollout) leaves its group empty for a moment.
        if (!legacySeenEmpty) {
            legacySeenEmpty = true;
            return;
        }
        lastLegacyLookNanos = 0;
        legacySeenEmpty = false;
        // The old services are gone: what their group committed is final.
        if (!handoff.measureDrain(state).readyForHandoff()) {
            return;
        }
        if (topic.ordering() == Ordering.ORDERED) {
            verifyCkafkaGroup(state);
        }
        migration.holds().verifyPartitionsNow(state);
        migration.save(state.moveTo(Phase.MIGRATED, services.clock().instant()));
        LOG.info("Handoff done: topic={} phase=MIGRATED consumers=external legacyGroup={} drainTarget={} "
                + "ckafkaGroup={} ckafkaStart={}", topic.name(), topic.legacyGroup(), state.drainTarget(),
                topic.ckafkaGroup(), state.ckafkaStartOffsets());
        if (topic.ordering() == Ordering.ORDERED) {
            hooks.request(Hook.START_CKAFKA_CONSUMERS, null);
        }
    }

    /**
     * Ordered: nobody in the CKafka group yet, and the group still at the start offsets.
     *
     * @throws HandoffRefusedException {@code ckafka_consumer_early} while the group has a member
     */
    private void verifyCkafkaGroup(MigrationState state) {
        ClusterOffsets ckafka = services.ckafka().forHandoff();
        GroupMembers members = ckafka.members(topic.ckafkaGroup());
        watch.ckafkaMembers(state.phase(), members);
        if (!members.members().isEmpty()) {
            throw new HandoffRefusedException("ckafka_consumer_early", "CKafka group '" + topic.ckafkaGroup() + "' has "
                    + members.members().size() + " member(s) before the handoff: " + members.members() + "; the new "
                    + "consumer must start only after MIGRATED (its start hook, or you, once the status says so): "
                    + "stop it, the handoff then goes on");
        }
        Map<Integer, Long> committed = new TreeMap<>(ckafka.committedOffsets(topic.ckafkaGroup(), topic.ckafkaTopic()));
        // Offsets missing (expired: the group had no member for longer than offsets.retention.minutes,
        // or a partition added since) or below the start offsets (a crash before an accepted start was
        // committed) are committed now, the group being empty: the new service must find them all.
        Map<Integer, Long> missing = new TreeMap<>();
        state.ckafkaStartOffsets().forEach((p, start) -> {
            Long offset = committed.get(p);
            if (offset == null || offset < start) {
                missing.put(p, start);
            }
        });
        if (!missing.isEmpty()) {
            ckafka.commitOffsets(topic.ckafkaGroup(), topic.ckafkaTopic(), missing);
            LOG.info("Start offsets committed again: topic={} ckafkaGroup={} offsets={} (missing or below the start)",
                    topic.name(), topic.ckafkaGroup(), missing);
        }
        boolean moved = state.ckafkaStartOffsets().entrySet().stream()
                .anyMatch(e -> committed.containsKey(e.getKey()) && committed.get(e.getKey()) > e.getValue());
        if (moved) {
            watch.groupMoved(committed, state.ckafkaStartOffsets());
        }
    }
}
