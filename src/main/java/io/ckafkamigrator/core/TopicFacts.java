package io.ckafkamigrator.core;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Everything the preflight knows about one migrated topic, gathered before any verdict, so the
 * verdicts ({@link Preflight}) are a pure function of it.
 *
 * @param topic       the topic as its route file describes it
 * @param legacy      the legacy topic and group
 * @param ckafka      the CKafka topic and group
 * @param saved       the topic's saved migration state; an empty optional when it has none
 * @param legacyRate  records per second the legacy consumer consumes, when measured (the running
 *                    app's drain rate); empty when unknown
 * @param identity    this app's instance on the state directory, by which its own consumers are
 *                    recognised; empty when the state directory has none yet
 */
public record TopicFacts(TopicConfig topic, ClusterTopicFacts legacy, ClusterTopicFacts ckafka,
                         Known<Optional<MigrationState>> saved, OptionalDouble legacyRate,
                         Optional<ConsumerIdentity> identity) {

    /** The phase the saved state says, LEGACY without one (or when it cannot be read). */
    Phase phase() {
        return saved.known() ? saved.value().map(MigrationState::phase).orElse(Phase.LEGACY) : Phase.LEGACY;
    }

    /** Once MIGRATED, nothing reads legacy any more: its checks have nothing to check. */
    boolean legacyNeeded() {
        return phase() != Phase.MIGRATED;
    }
}
