package io.ckafkamigrator.core;

import java.util.Optional;
import java.util.function.UnaryOperator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a topic's migration starts: its saved state as the start finds it, with the refusals that
 * keep a state from being used when the route file or the clusters contradict it (a state lost
 * after a switch, one older than the CKafka group's offsets, a changed shape, a legacy group
 * with nothing to start from), and the consumer routes its phase calls for.
 *
 * <p>Lifecycle and concurrency: {@link #load} once on the starting thread before any route
 * starts; {@link #startConsumers} once all routes started, on the thread holding the topic's lock.
 */
final class TopicStart {

    // One logger for every line of a topic's migration, whichever step writes it.
    private static final Logger LOG = LoggerFactory.getLogger(TopicMigration.class);

    private final TopicConfig topic;
    private final MigrationServices services;

    TopicStart(TopicConfig topic, MigrationServices services) {
        this.topic = topic;
        this.services = services;
    }

    /**
     * Reads the saved state, or saves LEGACY for a new topic through {@code saveNew}.
     *
     * @throws StateStoreException   if the saved state cannot be read, or was lost after a switch
     * @throws StartRefusedException if the legacy group has no offsets where the topic holds records
     *                               ({@link LegacyStart}), the saved state is older than the CKafka
     *                               group's offsets, or the route file changed the topic's shape
     */
    MigrationState load(UnaryOperator<MigrationState> saveNew) {
        Optional<MigrationState> saved = services.store().load(topic.name());
        saved.ifPresent(this::refuseChangedOrStale);
        if (saved.isEmpty()) {
            CkafkaGroupCheck.refuseLostState(topic, services.ckafka());
        }
        if (saved.map(MigrationState::phase).orElse(Phase.LEGACY) != Phase.MIGRATED && !topic.externalConsumers()) {
            // Before the legacy consumer route can start: never a silent replay of the legacy topic.
            LegacyStart.ensure(topic, services.legacy(), services.audit(), services.clock().instant());
        }
        MigrationState loaded = saved.orElseGet(() -> saveNew.apply(MigrationState.initial(topic.name(),
                services.clock().instant())));
        if (loaded.phase() != Phase.LEGACY && loaded.shape().isEmpty()) {
            // Not a transition: stored without an audit event.
            loaded = loaded.withShape(TopicShape.of(topic));
            services.store().save(loaded);
            LOG.info("Topic shape saved: topic={} phase={} shape={} (its state was saved before shapes were kept: "
                    + "the route file's current shape is taken)", topic.name(), loaded.phase(), loaded.shape().get());
        }
        return loaded;
    }

    /**
     * A saved state the route file or the CKafka group contradict: another shape than the one
     * the topic left LEGACY with, or a state older than the group's offsets.
     *
     * @throws StartRefusedException naming what differs
     */
    private void refuseChangedOrStale(MigrationState saved) {
        if (saved.phase() != Phase.LEGACY) {
            saved.shape().ifPresent(shape -> shape.refuseChangeTo(topic, saved.phase()));
        }
        if (saved.phase() == Phase.MIGRATED) {
            saved.shape().map(shape -> shape.legacyChangesIn(topic)).filter(changes -> !changes.isEmpty())
                    .ifPresent(changes -> LOG.info("Legacy parameters changed after the migration, not used any more: "
                            + "topic={} phase=MIGRATED file={} changed={} saved={}", topic.name(), topic.file(), changes,
                            saved.shape().get()));
        }
        CkafkaGroupCheck.refuseStaleState(topic, saved, services.ckafka());
    }

    /**
     * Starts the consumer routes {@code state}'s phase calls for; none for external consumers.
     *
     * @param ckafkaTopicMissing the CKafka topic does not exist (a LEGACY topic): an ordered topic's
     *                           waiting consumer is not started, it would only ask for the topic's
     *                           metadata (and log a warning) about every second until it exists
     * @return whether the waiting CKafka consumer was left to start once the topic exists
     */
    boolean startConsumers(MigrationState state, WaitingConsumer waitingConsumer, SwitchToCkafka switching,
                           boolean ckafkaTopicMissing) {
        Phase phase = state.phase();
        if (topic.externalConsumers()) {
            // The operator's services consume: no route of the app ever does. The CKafka group's
            // start offsets, if a crash left them uncommitted, are the monitor's (SwitchToCkafka#finish).
            return false;
        }
        if (phase != Phase.MIGRATED) {
            services.routes().start(topic.legacyConsumerRoute());
        }
        if (topic.ordering() == Ordering.ORDERED && phase == Phase.LEGACY && ckafkaTopicMissing) {
            LOG.info("CKafka consumer not started: topic={} ckafkaTopic={} (the topic does not exist; it starts once "
                    + "it does)", topic.name(), topic.ckafkaTopic());
            return true;
        }
        if (topic.ordering() == Ordering.ORDERED) {
            // Started in every phase: before the switch it waits in its group with its
            // partitions paused, so no group join is left for the handoff. No member check
            // here: after a crash our dead member lingers until its session times out.
            if (phase != Phase.LEGACY && phase != Phase.MIGRATED) {
                waitingConsumer.positionAt(state.ckafkaStartOffsets());
            }
            services.routes().start(topic.ckafkaConsumerRoute());
        } else if (phase != Phase.LEGACY) {
            CkafkaGroupCheck.ensureStartOffsets(topic, state, services.ckafka());
            services.routes().start(topic.ckafkaConsumerRoute());
            switching.ckafkaStarted();
        }
        return false;
    }
}
