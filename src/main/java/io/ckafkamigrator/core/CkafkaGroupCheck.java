package io.ckafkamigrator.core;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The CKafka group's safety rules: it starts at the captured start offsets, it has offsets
 * only after a saved switch, those offsets are never replaced by a later switch, and nobody
 * but this instance's own consumers is in it. Members are told apart by the client id each
 * sets ({@link ConsumerIdentity}), and our own consumer by its member id.
 */
final class CkafkaGroupCheck {

    private CkafkaGroupCheck() {
    }

    /**
     * At the switch: a CKafka group that already has committed offsets got them from an
     * earlier switch (another instance, or a state restored from before it). Committing fresh
     * start offsets over them would skip everything written to CKafka since: acknowledged
     * records never delivered.
     *
     * @throws HandoffRefusedException {@code ckafka_group_has_offsets}, naming the offsets
     */
    static void refuseEarlierStartOffsets(TopicConfig topic, ClusterOffsets ckafka) {
        Map<Integer, Long> committed = ckafka.committedOffsets(topic.ckafkaGroup(), topic.ckafkaTopic());
        if (!committed.isEmpty()) {
            throw new HandoffRefusedException("ckafka_group_has_offsets", "CKafka group '" + topic.ckafkaGroup()
                    + "' already has committed offsets " + new TreeMap<>(committed) + " for topic '" + topic.ckafkaTopic()
                    + "', so topic '" + topic.name() + "' was switched before (by another instance, or before this "
                    + "state was restored); a new switch would skip what was written to CKafka since. Run the "
                    + "instance whose state has the switch, or, to start over, delete that group");
        }
    }

    /**
     * Unordered topics at the switch: an admin client can commit start offsets only for a group
     * without active members.
     *
     * @throws HandoffRefusedException {@code ckafka_group_active}, when the group has an active member
     */
    static void refuseActiveMembers(TopicConfig topic, ClusterOffsets ckafka) {
        List<GroupMembers.Member> members = ckafka.members(topic.ckafkaGroup()).members();
        if (!members.isEmpty()) {
            throw new HandoffRefusedException("ckafka_group_active", "CKafka group '" + topic.ckafkaGroup()
                    + "' has " + members.size() + " active member(s), first " + members.get(0)
                    + "; stop them (another instance of this app?) first");
        }
    }

    /**
     * Unordered topics, whose CKafka consumers start after the switch was saved: gives a group
     * without offsets the captured start offsets, and leaves a group that has some alone (it
     * committed them since). An ordered topic's waiting consumer commits its start offsets
     * itself ({@link WaitingConsumer}).
     */
    static void ensureStartOffsets(TopicConfig topic, MigrationState state, ClusterOffsets ckafka) {
        if (ckafka.committedOffsets(topic.ckafkaGroup(), topic.ckafkaTopic()).isEmpty()) {
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
     * A saved state older than what the CKafka group shows (restored from a backup, copied from
     * before a switch): LEGACY while the group has offsets, or a switch whose start offsets are
     * not the group's. An ordered topic's group has the start offsets until the handoff (its
     * consumer delivers nothing before), or lower ones for a moment: an accepted expired backlog
     * moves the saved start offsets up to the log start, and the waiting consumer commits them at
     * its next poll, so only a group past them is stale (a later switch would be; a second
     * switch over the group's offsets is refused at the switch). An unordered topic's group
     * delivers from the start offsets on, so it is never below them; so does the group of external
     * consumers, whose new service may have started early.
     *
     * @throws StartRefusedException naming the saved and the committed offsets
     */
    static void refuseStaleState(TopicConfig topic, MigrationState state, ClusterOffsets ckafka) {
        if (state.phase() == Phase.MIGRATED) {
            return;
        }
        Map<Integer, Long> committed = new TreeMap<>(ckafka.committedOffsets(topic.ckafkaGroup(), topic.ckafkaTopic()));
        String source = "migration state of topic '" + topic.name() + "'";
        if (state.phase() == Phase.LEGACY) {
            if (!committed.isEmpty()) {
                throw new StartRefusedException(source, "the state says LEGACY, but CKafka group '" + topic.ckafkaGroup()
                        + "' has committed offsets " + committed + ", so the topic was switched after this state was "
                        + "saved (a restored backup, or another instance's state?): restore the latest state file "
                        + "into migration.state-dir, or, to start over, delete that group");
            }
            return;
        }
        Map<Integer, Long> start = state.ckafkaStartOffsets();
        for (Map.Entry<Integer, Long> saved : start.entrySet()) {
            Long offset = committed.get(saved.getKey());
            // External consumers: a group past its start offsets before MIGRATED is a new service
            // started early, reported at the handoff (ExternalHandoff); refusing the start would not undo it.
            boolean waitsAtStart = topic.ordering() == Ordering.ORDERED && !topic.externalConsumers();
            boolean stale = offset != null && (waitsAtStart ? offset > saved.getValue() : offset < saved.getValue());
            if (stale) {
                throw new StartRefusedException(source, "the state says " + state.phase() + " with CKafka start offsets "
                        + start + ", but CKafka group '" + topic.ckafkaGroup() + "' has committed " + committed
                        + (waitsAtStart ? ", past them" : ", below them")
                        + ": the group was switched again after this state was saved (a restored backup, or "
                        + "another instance's state?); restore the latest state file into migration.state-dir");
            }
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

    /**
     * At the switch of an ordered topic: this process runs one CKafka consumer, whose member id
     * it knows ({@code ourMemberId}, null before it joined). Another member that carries our
     * instance id is a second instance on a copy of this state directory, or this instance's
     * previous run that the broker has not expired yet (after {@code session.timeout.ms}):
     * either could take the partitions, and the copy would commit start offsets of its own.
     *
     * @throws HandoffRefusedException {@code ckafka_second_instance}, naming those members
     */
    static void refuseSecondInstance(TopicConfig topic, GroupMembers group, ConsumerIdentity ours, String ourMemberId) {
        List<GroupMembers.Member> others = group.members().stream()
                .filter(m -> ours.isOurs(m.clientId()) && !m.memberId().equals(ourMemberId)).toList();
        if (!others.isEmpty()) {
            throw new HandoffRefusedException("ckafka_second_instance", "CKafka group '" + topic.ckafkaGroup() + "' has "
                    + others.size() + " member(s) with this instance's id that are not this process's consumer: "
                    + others.stream().map(GroupMembers.Member::toString).toList() + "; another instance runs on a copy "
                    + "of this state directory, or this instance's previous run is not yet expired by the broker "
                    + "(session.timeout.ms): stop the other instance, or wait for the session to expire, and retry");
        }
    }
}
