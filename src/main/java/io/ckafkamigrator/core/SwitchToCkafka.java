package io.ckafkamigrator.core;

import java.time.Duration;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The producer switch of one topic, LEGACY to DRAINING, and the steps after it that make it
 * complete: the CKafka consumer at its start offsets, and the drain target captured once no
 * legacy send is under way. An ordered topic's CKafka consumer has waited in its group since
 * the app started ({@link WaitingConsumer}) and is only told where to stand; an unordered
 * topic's consumers start here and deliver at once. Each step is safe to repeat, so a request
 * or the monitor finishes a saved switch.
 *
 * <p>External producers (the operator's services) switch in two steps: {@link #prepare} saves
 * DRAINING with the start offsets while they still write to legacy, and the drain target is
 * captured once the operator says they all moved ({@link #producersSwitched}) or the legacy end
 * offsets stood still for the quiet period ({@link ProducersQuiet}). External consumers get the
 * start offsets from an admin client, nobody of the app consumes for them.
 *
 * <p>Concurrency: runs on the thread that holds the topic's lock (see {@link TopicMigration});
 * {@link #ckafkaStarted} is guarded by it.
 */
final class SwitchToCkafka {

    // One logger for every line of a topic's migration, whichever step writes it.
    private static final Logger LOG = LoggerFactory.getLogger(TopicMigration.class);
    /** How long a switch waits for the legacy sends under way before capturing the drain target. */
    private static final Duration LEGACY_SENDS_TIMEOUT = Duration.ofSeconds(30);
    /**
     * How long a switch waits for a waiting consumer that holds its partitions to stand at the
     * start offsets (a poll and a commit): the switch then answers complete. One that has not
     * joined yet is not waited for; the monitor finishes the switch once it has.
     */
    private static final Duration POSITION_TIMEOUT = Duration.ofSeconds(5);

    private final TopicMigration migration;
    private final TopicConfig topic;
    private final MigrationServices services;
    private boolean ckafkaStarted;
    private final ProducersQuiet quiet;

    SwitchToCkafka(TopicMigration migration, MigrationServices services) {
        this.migration = migration;
        this.topic = migration.config();
        this.services = services;
        this.quiet = new ProducersQuiet(services.external().producersQuietPeriod());
    }

    /**
     * Switches a topic in LEGACY and finishes the switch. Once DRAINING is saved a later step
     * that fails is saved as {@code lastError}, to be finished by a repeated request or the monitor.
     *
     * @throws SwitchUnmeasurableException before anything is saved or moved, if what the handoff
     *                                      will need cannot be read ({@link SwitchReadings})
     */
    void run() throws InterruptedException {
        if (topic.externalProducers()) {
            throw WrongSideException.producersExternal(topic.name(), "the app cannot switch them");
        }
        if (migration.state().phase() == Phase.LEGACY) {
            MigrationState switched = saveSwitch();
            services.producers().switchToCkafka(topic.name());
            LOG.info("Producer switched: topic={} producer=ckafka ckafkaStart={}", topic.name(),
                    switched.ckafkaStartOffsets());
        }
        finishRecorded();
    }

    /**
     * External producers, before the operator repoints them: as the switch, but nothing is
     * redirected and no drain target is captured (the operator's services still write to legacy,
     * until {@link #producersSwitched} or the quiet period). Repeated once prepared, it only
     * finishes what is left.
     *
     * @throws WrongSideException          for hosted producers (their switch does it all)
     * @throws SwitchUnmeasurableException as {@link #run}
     */
    void prepare() throws InterruptedException {
        if (!topic.externalProducers()) {
            throw WrongSideException.producersHosted(topic.name(), "there is nothing to prepare");
        }
        if (migration.state().phase() == Phase.LEGACY) {
            MigrationState prepared = saveSwitch();
            LOG.info("Producers prepared: topic={} producers=external ckafkaStart={} (repoint the producers to CKafka, "
                    + "then say producers-switched)", topic.name(), prepared.ckafkaStartOffsets());
            reportRecordsBelowStart(prepared.ckafkaStartOffsets());
        }
        finishRecorded();
    }

    /**
     * External producers: the operator says every producer writes to CKafka now; the legacy end
     * offsets become the drain target. Repeated once captured, it changes nothing.
     *
     * @throws WrongSideException    for hosted producers
     * @throws IllegalPhaseException before {@link #prepare}
     */
    void producersSwitched() throws InterruptedException {
        if (!topic.externalProducers()) {
            throw WrongSideException.producersHosted(topic.name(), "the app knows when they switched");
        }
        MigrationState state = migration.state();
        if (state.phase() == Phase.LEGACY) {
            throw new IllegalPhaseException(topic.name(), Phase.LEGACY, "producers-switched (prepare first: "
                    + "POST /api/migrations/" + topic.name() + "/prepare, then repoint the producers)");
        }
        if (state.phase() != Phase.MIGRATED && state.drainTarget().isEmpty()) {
            captureDrainTarget("operator");
        }
        finishRecorded();
    }

    /**
     * LEGACY to DRAINING with the CKafka start offsets: refused, with nothing saved, if they
     * cannot be read or the CKafka group is not fit to start there.
     */
    private MigrationState saveSwitch() {
        MigrationState state = migration.state();
        // Before anything is saved or moved: a read that fails here refuses the switch.
        SwitchReadings readings;
        long started = System.nanoTime();
        try {
            readings = SwitchReadings.take(topic, services.legacy(), services.ckafka());
            migration.offsetHealth().read(Cluster.LEGACY);
            migration.offsetHealth().read(Cluster.CKAFKA);
        } catch (ClusterReadException e) {
            migration.offsetHealth().failed(e, started);
            LOG.warn("Producer switch refused: topic={} phase=LEGACY cluster={} error={}", topic.name(),
                    e.cluster(), e.getMessage());
            throw new SwitchUnmeasurableException(topic.name(), e);
        }
        // Captured before the switch: everything after these offsets is migrated traffic.
        Map<Integer, Long> ckafkaStart = readings.ckafkaStart();
        MigrationState switched = state.moveTo(Phase.DRAINING, services.clock().instant())
                .withCkafkaStartOffsets(ckafkaStart).withShape(TopicShape.of(topic));
        if (topic.ordering() == Ordering.ORDERED && !topic.externalConsumers()) {
            migration.refuseRecorded(this::refuseOtherMembers);
        } else {
            // The start offsets are committed by an admin client, which needs a group without members;
            // for external consumers a member is also a new service started too early.
            migration.refuseRecorded(() -> CkafkaGroupCheck.refuseActiveMembers(topic, services.ckafka()));
        }
        // Never over the offsets of an earlier switch: they mark what CKafka holds undelivered.
        migration.refuseRecorded(() -> CkafkaGroupCheck.refuseEarlierStartOffsets(topic, services.ckafka()));
        return migration.save(switched);
    }

    /**
     * Records already in the CKafka topic lie below the start offsets: no consumer of the
     * migration reads them. Harmless when they are old test data; lost when a producer was
     * repointed before prepare. Said in the log and the audit trail, as the switch cannot tell.
     */
    private void reportRecordsBelowStart(Map<Integer, Long> start) {
        Map<Integer, Long> below = new java.util.TreeMap<>();
        try {
            Map<Integer, Long> logStart = services.ckafka().logStartOffsets(topic.ckafkaTopic());
            start.forEach((p, offset) -> {
                long records = offset - logStart.getOrDefault(p, offset);
                if (records > 0) {
                    below.put(p, records);
                }
            });
        } catch (RuntimeException e) {
            LOG.debug("CKafka log start not read after prepare: topic={} error={}", topic.name(), e.toString());
            return;
        }
        if (below.isEmpty()) {
            return;
        }
        LOG.warn("Records in CKafka before prepare, below the start offsets (never consumed by the migration): topic={} "
                + "ckafkaTopic={} recordsByPartition={} (a producer repointed before prepare would lose them)", topic.name(),
                topic.ckafkaTopic(), below);
        Map<String, Object> details = new java.util.LinkedHashMap<>();
        details.put("ckafkaTopic", topic.ckafkaTopic());
        details.put("recordsByPartition", below);
        services.audit().record(new AuditEvent(services.clock().instant(), topic.name(), "ckafka-records-before-start",
                details));
    }

    private void finishRecorded() throws InterruptedException {
        try {
            finish();
        } catch (RuntimeException e) {
            LOG.warn("Switch of topic={} saved but not finished, will retry: {}", topic.name(), e.toString());
            migration.save(migration.state().withError(e.getMessage()));
        }
    }

    /**
     * Ordered topics: nobody but this process's one waiting consumer in the CKafka group. A
     * member that has just appeared may be that consumer before it reported its member id after
     * its poll, so a member of ours is compared only once ours has joined (or after a wait).
     */
    private void refuseOtherMembers() {
        GroupMembers group = services.ckafka().members(topic.ckafkaGroup());
        CkafkaGroupCheck.refuseForeignMembers(topic, group, services.identity());
        if (group.members().isEmpty()) {
            return;
        }
        String ourMemberId;
        try {
            WaitingConsumer waiting = migration.waitingConsumer();
            waiting.wake();
            ourMemberId = waiting.awaitMemberId(POSITION_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the CKafka consumer to join", e);
        }
        CkafkaGroupCheck.refuseSecondInstance(topic, group, services.identity(), ourMemberId);
    }

    /** Whether the saved switch has its drain target and its CKafka consumer in place. */
    boolean complete() {
        MigrationState state = migration.state();
        if (state.drainTarget().isEmpty()) {
            return false;
        }
        return topic.ordering() == Ordering.UNORDERED || topic.externalConsumers() ? ckafkaStarted
                : migration.waitingConsumer().holdsAt(state.ckafkaStartOffsets());
    }

    /** The steps after a saved switch; does nothing before the switch or once migrated. */
    void finish() throws InterruptedException {
        MigrationState state = migration.state();
        if (state.phase() == Phase.LEGACY || state.phase() == Phase.MIGRATED) {
            return;
        }
        if (topic.externalConsumers()) {
            startExternalConsumers(state);
        } else if (topic.ordering() == Ordering.ORDERED) {
            WaitingConsumer waiting = migration.waitingConsumer();
            waiting.positionAt(state.ckafkaStartOffsets());
            // Its partitions are paused, so its poll would only return after its whole timeout.
            waiting.wake();
            if (waiting.hasAssignment()) {
                waiting.awaitHolding(state.ckafkaStartOffsets(), POSITION_TIMEOUT);
            }
        } else if (!ckafkaStarted) {
            // After DRAINING is saved: a crash before this commit leaves a group without offsets,
            // which the restart gives them; never a group with offsets and a state in LEGACY.
            CkafkaGroupCheck.ensureStartOffsets(topic, state, services.ckafka());
            migration.ckafkaGate().open();
            services.routes().start(topic.ckafkaConsumerRoute());
            ckafkaStarted = true;
        }
        if (!state.drainTarget().isEmpty()) {
            return;
        }
        if (topic.externalProducers()) {
            if (quiet.elapsed(services.legacy(), topic.legacyTopic(), System.nanoTime())) {
                captureDrainTarget("quiet-period");
            }
        } else if (services.producers().awaitNoLegacySends(topic.name(), LEGACY_SENDS_TIMEOUT)) {
            captureDrainTarget("switch");
        }
    }

    /**
     * External consumers: the CKafka group gets the start offsets from an admin client (nobody of
     * the app consumes there); an unordered topic's new services may start from then on.
     */
    private void startExternalConsumers(MigrationState state) {
        if (ckafkaStarted) {
            return;
        }
        CkafkaGroupCheck.ensureStartOffsets(topic, state, services.ckafka());
        ckafkaStarted = true;
        if (topic.ordering() == Ordering.UNORDERED) {
            migration.hooks().request(Hook.START_CKAFKA_CONSUMERS, null);
        }
    }

    /** The legacy end offsets, now, become the drain target ({@code by}: what decided the moment). */
    private void captureDrainTarget(String by) {
        // An empty answer is never a target: it would read as drained at once.
        Map<Integer, Long> target = SwitchReadings.endOffsets(Cluster.LEGACY, services.legacy(), topic.legacyTopic());
        Map<Integer, Long> committed = services.legacy().committedOffsets(topic.legacyGroup(), topic.legacyTopic());
        migration.watchDrain(target, committed);
        MigrationState state = migration.save(migration.state().withDrainTarget(target));
        LOG.info("Drain target captured: topic={} drainTarget={} by={}", topic.name(), state.drainTarget(), by);
    }

    /** External producers: how long the legacy end offsets have not moved, once measured; empty when not watched. */
    java.util.Optional<java.time.Duration> legacyEndUnchanged() {
        return quiet.unchangedFor(System.nanoTime());
    }

    /** The CKafka consumer was started on restart, outside a switch. */
    void ckafkaStarted() {
        ckafkaStarted = true;
    }
}
