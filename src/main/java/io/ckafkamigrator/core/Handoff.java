package io.ckafkamigrator.core;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last steps of one topic's migration: the cutover request, measuring the legacy group's
 * drain, retiring the legacy consumer's gate, saving MIGRATED and letting the CKafka consumer
 * deliver; and the delivery pause that the handoff caused, measured once the first CKafka
 * record is delivered.
 *
 * <p>Concurrency: every method but {@link #measureDrain} runs on the thread that holds the
 * topic's lock (see {@link TopicMigration}); the fields below are guarded by it.
 */
final class Handoff {

    // One logger for every line of a topic's migration, whichever step writes it.
    private static final Logger LOG = LoggerFactory.getLogger(TopicMigration.class);
    private static final Duration GATE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final TopicMigration migration;
    private final TopicConfig topic;
    private final MigrationServices services;
    private final Executor routeStopper;
    /** The legacy group's committed offsets of the previous round. */
    private Map<Integer, Long> lastCommitted;
    /** The last legacy delivery before the handoff, until the pause is measured; null when none is pending. */
    private Long lastLegacyDeliveryNanos;

    Handoff(TopicMigration migration, MigrationServices services, Executor routeStopper) {
        this.migration = migration;
        this.topic = migration.config();
        this.services = services;
        this.routeStopper = routeStopper;
    }

    /**
     * DRAINING to CUTTING_OVER (ordered topics): from now on the handoff happens as soon as the
     * legacy group has drained; refused while a foreign member is in the CKafka group.
     *
     * @return the topic's state after the request
     * @throws IllegalPhaseException before the producer switch
     */
    MigrationState request() {
        MigrationState state = migration.state();
        if (state.phase() == Phase.LEGACY) {
            throw new IllegalPhaseException(topic.name(), Phase.LEGACY, "a cutover (switch the producer first)");
        }
        if (state.phase() != Phase.DRAINING || topic.ordering() == Ordering.UNORDERED) {
            return state;
        }
        migration.refuseRecorded(() -> CkafkaGroupCheck.refuseForeignMembers(topic,
                services.ckafka().activeMembers(topic.ckafkaGroup())));
        MigrationState cuttingOver = migration.save(state.moveTo(Phase.CUTTING_OVER, services.clock().instant()));
        LOG.info("Cutover requested: topic={} phase=CUTTING_OVER ckafkaGroup={} ckafkaStart={}", topic.name(),
                topic.ckafkaGroup(), cuttingOver.ckafkaStartOffsets());
        return cuttingOver;
    }

    /**
     * As {@link #measureDrain}, but a partition whose committed offset moved since the previous
     * round counts as not drained without probing: its consumer is still delivering, and the
     * probe (a fetch from the committed offset) would only slow the round that sees the last
     * commit. A partition stopped short of its target (transaction markers, compaction gaps)
     * is probed the round after it stopped.
     */
    DrainReport measureDrainWhileMoving() {
        String legacyTopic = topic.legacyTopic();
        ClusterOffsets legacy = services.legacy();
        GroupOffsets offsets = legacy.groupOffsets(topic.legacyGroup(), legacyTopic);
        Map<Integer, Long> committed = offsets.committed();
        Map<Integer, Long> previous = lastCommitted;
        lastCommitted = committed;
        return DrainRule.evaluate(migration.state().drainTarget(), committed, offsets.logStart(), offsets.end(),
                (p, from, to) -> previous == null || !Objects.equals(previous.get(p), committed.get(p))
                        || legacy.hasRecords(legacyTopic, p, from, to));
    }

    /** The legacy group against the drain target of {@code state}, right now. */
    DrainReport measureDrain(MigrationState state) {
        String legacyTopic = topic.legacyTopic();
        ClusterOffsets legacy = services.legacy();
        GroupOffsets offsets = legacy.groupOffsets(topic.legacyGroup(), legacyTopic);
        return DrainRule.evaluate(state.drainTarget(), offsets.committed(), offsets.logStart(), offsets.end(),
                (p, from, to) -> legacy.hasRecords(legacyTopic, p, from, to));
    }

    /**
     * Ordered topics, drained: hands over once the CKafka consumer holds its partitions.
     * Waiting for that keeps its group join (3 s on a real cluster) out of the delivery pause;
     * the legacy consumer delivers meanwhile. One look at the group serves both checks, since
     * each costs a round trip of the pause.
     */
    void handOverWhenCkafkaHolds() throws InterruptedException {
        GroupMembers group = services.ckafka().members(topic.ckafkaGroup());
        if (!group.holdingPartitions()) {
            return;
        }
        CkafkaGroupCheck.refuseForeignMembers(topic, group.count());
        MigrationState state = migration.state();
        if (state.phase() != Phase.CUTTING_OVER || !retireLegacyAndMigrate(state)) {
            return;
        }
        DeliveryGate ckafkaGate = migration.ckafkaGate();
        ckafkaGate.markFirstDelivery();
        ckafkaGate.open();
        lastLegacyDeliveryNanos = migration.legacyGate().lastDeliveryNanos();
        LOG.info("Handoff done: topic={} phase=MIGRATED legacyCommitted={} ckafkaStart={}", topic.name(),
                state.drainTarget(), state.ckafkaStartOffsets());
    }

    /** Unordered topics: CKafka already delivers; legacy stops once drained. */
    void retireLegacy() throws InterruptedException {
        MigrationState state = migration.state();
        if (state.phase() == Phase.DRAINING && retireLegacyAndMigrate(state)) {
            LOG.info("Legacy drained: topic={} phase=MIGRATED ordering=UNORDERED drainTarget={}", topic.name(),
                    state.drainTarget());
        }
    }

    /**
     * Closes the legacy gate for good, verifies the drain with the legacy consumer unable to
     * deliver (what it committed is then final), saves MIGRATED and stops the legacy route.
     * If any step fails or the drain is not complete, the gate is reopened and nothing changed.
     */
    private boolean retireLegacyAndMigrate(MigrationState state) throws InterruptedException {
        DeliveryGate legacyGate = migration.legacyGate();
        boolean migrated = false;
        try {
            if (!legacyGate.retire(GATE_TIMEOUT)) {
                throw new IllegalStateException("the legacy consumer did not finish its delivery within " + GATE_TIMEOUT);
            }
            services.faultHook().reached(topic.name(), HandoffFaultHook.Step.LEGACY_RETIRED);
            if (!measureDrain(state).readyForHandoff()) {
                return false;
            }
            migration.save(state.moveTo(Phase.MIGRATED, services.clock().instant()));
            migrated = true;
        } finally {
            if (!migrated) {
                legacyGate.reopen();
            }
        }
        services.faultHook().reached(topic.name(), HandoffFaultHook.Step.MIGRATED_SAVED);
        routeStopper.execute(() -> services.routes().stop(topic.legacyConsumerRoute(), STOP_TIMEOUT));
        return true;
    }

    /** Once MIGRATED: saves the time from the last legacy to the first CKafka delivery, when both happened. */
    void recordPause() {
        long firstCkafka = migration.ckafkaGate().firstDeliveryNanos();
        if (lastLegacyDeliveryNanos == null || firstCkafka == 0) {
            return;
        }
        long lastLegacy = lastLegacyDeliveryNanos;
        lastLegacyDeliveryNanos = null;
        long pauseMs = lastLegacy == 0 ? 0 : Duration.ofNanos(firstCkafka - lastLegacy).toMillis();
        migration.save(migration.state().withHandoffPause(pauseMs));
        LOG.info("Handoff pause measured: topic={} pauseMs={}", topic.name(), pauseMs);
    }
}
