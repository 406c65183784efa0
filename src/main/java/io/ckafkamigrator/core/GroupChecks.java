package io.ckafkamigrator.core;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Preflight: the two consumer groups. The legacy group is the old consumer's: the migrator
 * goes on from its committed offsets (a group without them is refused at the start unless the
 * topic's {@code legacyStartFrom} says where to begin, {@link LegacyStart}), and nobody but
 * this app's own legacy consumer may consume in it (two consumers in one group split the
 * partitions, so each would see half the records). The CKafka group gets offsets only at the
 * switch and members only from this app ({@link CkafkaGroupCheck}); once the topic is past the
 * switch it is this app's.
 */
final class GroupChecks {

    static final String LEGACY_OFFSETS = "legacy-group-offsets";
    static final String LEGACY_MEMBERS = "legacy-group-members";
    static final String CKAFKA_GROUP = "ckafka-group";

    private GroupChecks() {
    }

    static List<PreflightCheck> of(TopicFacts facts) {
        return List.of(legacyOffsets(facts), legacyMembers(facts), ckafkaGroup(facts));
    }

    private static PreflightCheck legacyOffsets(TopicFacts facts) {
        TopicConfig topic = facts.topic();
        if (!facts.legacyNeeded()) {
            return PreflightCheck.pass(LEGACY_OFFSETS, "not needed: topic '" + topic.name() + "' is MIGRATED");
        }
        ClusterTopicFacts legacy = facts.legacy();
        if (!legacy.offsets().known() || !legacy.unreadWithRecords().known()) {
            String why = legacy.offsets().known() ? legacy.unreadWithRecords().whyUnknown() : legacy.offsets().whyUnknown();
            return PreflightCheck.unknown(LEGACY_OFFSETS, "legacy group '" + legacy.group() + "'", why);
        }
        Map<Integer, Long> committed = new TreeMap<>(legacy.offsets().value().committed());
        List<Integer> missing = List.copyOf(new java.util.TreeSet<>(legacy.unreadWithRecords().value()));
        String has = "legacy group '" + legacy.group() + "' has committed offsets " + committed;
        if (missing.isEmpty()) {
            return PreflightCheck.pass(LEGACY_OFFSETS, has + " for every partition that holds records");
        }
        String without = has + "; partition(s) " + missing + " hold records but have none";
        if (topic.externalConsumers()) {
            return PreflightCheck.warn(LEGACY_OFFSETS, without + ": consumers: external, so the drain of those partitions "
                    + "waits until your old service commits offsets for them",
                    "check that the old service in group '" + legacy.group() + "' commits (enable.auto.commit or its "
                            + "own commits)");
        }
        if (topic.legacyStartFrom() == LegacyStartFrom.COMMITTED) {
            return PreflightCheck.fail(LEGACY_OFFSETS, without + ": the start refuses it (it would deliver them all again)",
                    "set legacyGroup in " + topic.file() + " to the old consumer's group id, or set legacyStartFrom ("
                            + LegacyStartFrom.choices() + "): earliest delivers what they retain, latest skips it");
        }
        return PreflightCheck.pass(LEGACY_OFFSETS, without + ": legacyStartFrom=" + topic.legacyStartFrom().value()
                + " commits them at the " + (topic.legacyStartFrom() == LegacyStartFrom.LATEST ? "log end" : "log start")
                + " at the start");
    }

    private static PreflightCheck legacyMembers(TopicFacts facts) {
        if (!facts.legacyNeeded()) {
            return PreflightCheck.pass(LEGACY_MEMBERS, "not needed: topic '" + facts.topic().name() + "' is MIGRATED");
        }
        ClusterTopicFacts legacy = facts.legacy();
        if (!legacy.members().known()) {
            return PreflightCheck.unknown(LEGACY_MEMBERS, "the members of legacy group '" + legacy.group() + "'",
                    legacy.members().whyUnknown());
        }
        List<GroupMembers.Member> members = legacy.members().value().members();
        if (facts.topic().externalConsumers()) {
            // The old service is the group's consumer: its members are expected until the handoff.
            return PreflightCheck.pass(LEGACY_MEMBERS, "legacy group '" + legacy.group() + "' has " + members.size()
                    + " member(s): consumers: external, so they are your old service's, which consumes until it has "
                    + "drained; the handoff waits for none to be left");
        }
        List<GroupMembers.Member> foreign = foreign(facts, legacy.members().value());
        if (!foreign.isEmpty()) {
            return PreflightCheck.fail(LEGACY_MEMBERS, "legacy group '" + legacy.group() + "' has " + foreign.size()
                    + " member(s) that are not this app's legacy consumer: " + foreign.stream().map(Object::toString).toList()
                    + "; with this app's consumer in the group too, the two would split the partitions",
                    "stop the old service consuming in group '" + legacy.group() + "' before starting the migrator "
                            + "(or stop the other instance of this app)");
        }
        return PreflightCheck.pass(LEGACY_MEMBERS, members.isEmpty()
                ? "legacy group '" + legacy.group() + "' has no members: nobody consumes in it now"
                : "legacy group '" + legacy.group() + "' has only this app's legacy consumer (" + members.size() + " member(s))");
    }

    private static PreflightCheck ckafkaGroup(TopicFacts facts) {
        ClusterTopicFacts ckafka = facts.ckafka();
        Phase phase = facts.phase();
        TopicConfig topic = facts.topic();
        if (phase == Phase.MIGRATED) {
            return PreflightCheck.pass(CKAFKA_GROUP, "topic '" + topic.name() + "' is MIGRATED: CKafka group '"
                    + ckafka.group() + "' is " + (topic.externalConsumers() ? "your new service's" : "this app's consumer's"));
        }
        if (topic.externalConsumers() && topic.ordering() == Ordering.UNORDERED && phase != Phase.LEGACY) {
            return PreflightCheck.pass(CKAFKA_GROUP, "topic '" + topic.name() + "' is " + phase + " with unordered "
                    + "external consumers: your new services consume in CKafka group '" + ckafka.group() + "' already");
        }
        if (!ckafka.members().known()) {
            return PreflightCheck.unknown(CKAFKA_GROUP, "the members of CKafka group '" + ckafka.group() + "'",
                    ckafka.members().whyUnknown());
        }
        List<GroupMembers.Member> foreign = foreign(facts, ckafka.members().value());
        if (!foreign.isEmpty()) {
            return PreflightCheck.fail(CKAFKA_GROUP, "CKafka group '" + ckafka.group() + "' has " + foreign.size()
                    + " member(s) that are not this app's consumer: " + foreign.stream().map(Object::toString).toList(),
                    "stop them (your own consumer started early, or another instance of this app): the handoff "
                            + "needs this app's one consumer alone in the group");
        }
        if (phase != Phase.LEGACY) {
            return PreflightCheck.pass(CKAFKA_GROUP, "topic '" + facts.topic().name() + "' is " + phase + ": CKafka group '"
                    + ckafka.group() + "' got its start offsets at the switch");
        }
        if (!ckafka.offsets().known()) {
            return PreflightCheck.unknown(CKAFKA_GROUP, "the offsets of CKafka group '" + ckafka.group() + "'",
                    ckafka.offsets().whyUnknown());
        }
        Map<Integer, Long> committed = new TreeMap<>(ckafka.offsets().value().committed());
        if (!committed.isEmpty()) {
            return PreflightCheck.fail(CKAFKA_GROUP, "CKafka group '" + ckafka.group() + "' already has committed offsets "
                    + committed + " although topic '" + facts.topic().name() + "' was not switched here: it was used "
                    + "before (another instance, or a lost state file); the start refuses it",
                    "restore the topic's state file into migration.state-dir, or set another ckafkaGroup, or, to start "
                            + "over, delete that group");
        }
        return PreflightCheck.pass(CKAFKA_GROUP, "CKafka group '" + ckafka.group() + "' has no offsets and "
                + (ckafka.members().value().members().isEmpty() ? "no members" : "only this app's waiting consumer")
                + " yet");
    }

    /** Members not of this app's instance; every member when the state directory has no instance yet. */
    private static List<GroupMembers.Member> foreign(TopicFacts facts, GroupMembers group) {
        return facts.identity().map(group::foreign).orElse(group.members());
    }
}
