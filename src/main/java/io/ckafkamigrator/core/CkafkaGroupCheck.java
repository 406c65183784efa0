package io.ckafkamigrator.core;

/**
 * The CKafka group's safety rules: it starts at the captured start offsets, it has offsets
 * only after a saved switch, and nobody but an ordered topic's own consumer is in it.
 */
final class CkafkaGroupCheck {

    private CkafkaGroupCheck() {
    }

    /**
     * Makes sure the CKafka group starts at the captured offsets. At the switch the group must
     * have no active member (another consumer would break the order) and gets the offsets
     * whatever it had before; after a restart it keeps what it has committed since.
     *
     * @throws HandoffRefusedException at the switch, when the group has an active member
     */
    static void ensureStartOffsets(TopicConfig topic, MigrationState state, ClusterOffsets ckafka, boolean atSwitch) {
        if (atSwitch) {
            int members = ckafka.activeMembers(topic.ckafkaGroup());
            if (members > 0) {
                throw new HandoffRefusedException("ckafka_group_active", "CKafka group '" + topic.ckafkaGroup()
                        + "' has " + members + " active member(s); stop them (another instance of this app?) first");
            }
        }
        if (atSwitch || ckafka.committedOffsets(topic.ckafkaGroup(), topic.ckafkaTopic()).isEmpty()) {
            ckafka.commitOffsets(topic.ckafkaGroup(), topic.ckafkaTopic(), state.ckafkaStartOffsets());
        }
    }

    /**
     * The CKafka group gets offsets only at the switch: with offsets but no saved state, the
     * state was lost (wrong folder, lost volume), and starting in LEGACY would send the producer
     * back to legacy.
     *
     * @throws StateStoreException when the group has committed offsets
     */
    static void refuseLostState(TopicConfig topic, ClusterOffsets ckafka) {
        if (!ckafka.committedOffsets(topic.ckafkaGroup(), topic.ckafkaTopic()).isEmpty()) {
            throw new StateStoreException("no migration state for topic '" + topic.name() + "' although CKafka "
                    + "group '" + topic.ckafkaGroup() + "' has committed offsets, so it was switched before: "
                    + "restore its state file into migration.state-dir (or, to start over, delete that group)", null);
        }
    }

    /**
     * Our ordered topic has exactly one CKafka consumer; any further member would share its partitions.
     *
     * @throws HandoffRefusedException when the group has more than one member
     */
    static void refuseForeignMembers(TopicConfig topic, int members) {
        if (members > 1) {
            throw new HandoffRefusedException("ckafka_group_active", "CKafka group '" + topic.ckafkaGroup() + "' has "
                    + members + " active members but this topic's only consumer should be alone in it; stop the "
                    + "others (another instance of this app?) before the handoff");
        }
    }
}
