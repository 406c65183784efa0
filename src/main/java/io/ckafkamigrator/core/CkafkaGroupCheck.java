package io.ckafkamigrator.core;

import java.util.List;

/**
 * The CKafka group's safety rules: it starts at the captured start offsets, it has offsets
 * only after a saved switch, and nobody but this instance's own consumers is in it. Members
 * are told apart by the client id each sets ({@link ConsumerIdentity}).
 */
final class CkafkaGroupCheck {

    private CkafkaGroupCheck() {
    }

    /**
     * Unordered topics, whose CKafka consumers start at the switch: makes sure the CKafka group
     * starts at the captured offsets. At the switch the group must have no active member
     * (an admin client can commit only for an empty group) and gets the offsets whatever it had
     * before; after a restart it keeps what it has committed since. An ordered topic's waiting
     * consumer commits its start offsets itself ({@link WaitingConsumer}).
     *
     * @throws HandoffRefusedException at the switch, when the group has an active member
     */
    static void ensureStartOffsets(TopicConfig topic, MigrationState state, ClusterOffsets ckafka, boolean atSwitch) {
        if (atSwitch) {
            List<GroupMembers.Member> members = ckafka.members(topic.ckafkaGroup()).members();
            if (!members.isEmpty()) {
                throw new HandoffRefusedException("ckafka_group_active", "CKafka group '" + topic.ckafkaGroup()
                        + "' has " + members.size() + " active member(s), first " + members.get(0)
                        + "; stop them (another instance of this app?) first");
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
     * Our ordered topic has exactly one CKafka consumer; any member that is not ours could take
     * its partitions. Our own members are expected, including a dead one from before a crash
     * that the broker has not expired yet: the handoff waits for the group to settle.
     *
     * @throws HandoffRefusedException naming the foreign members' client ids and hosts
     */
    static void refuseForeignMembers(TopicConfig topic, GroupMembers group, ConsumerIdentity ours) {
        List<GroupMembers.Member> foreign = group.foreign(ours);
        if (!foreign.isEmpty()) {
            throw new HandoffRefusedException("ckafka_group_active", "CKafka group '" + topic.ckafkaGroup()
                    + "' has " + foreign.size() + " member(s) that are not this app's consumer: "
                    + foreign.stream().map(GroupMembers.Member::toString).toList()
                    + "; stop them (another instance of this app, or your own consumer started early) first");
        }
    }
}
