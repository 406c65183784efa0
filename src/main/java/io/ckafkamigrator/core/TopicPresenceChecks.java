package io.ckafkamigrator.core;

import java.util.List;

/**
 * Preflight: both topics exist, and their partition counts. A differing count keeps the order
 * across the cutover (one consumer hands over to one consumer) but sends a key to another
 * partition on CKafka, which matters to a consumer that relies on a partition's keys.
 */
final class TopicPresenceChecks {

    static final String LEGACY_TOPIC = "legacy-topic-exists";
    static final String CKAFKA_TOPIC = "ckafka-topic-exists";
    static final String PARTITIONS = "partition-count";

    private TopicPresenceChecks() {
    }

    static List<PreflightCheck> of(TopicFacts facts) {
        return List.of(legacyTopic(facts), ckafkaTopic(facts), partitions(facts));
    }

    private static PreflightCheck legacyTopic(TopicFacts facts) {
        ClusterTopicFacts legacy = facts.legacy();
        if (!facts.legacyNeeded()) {
            return PreflightCheck.pass(LEGACY_TOPIC, "not needed: topic '" + facts.topic().name() + "' is MIGRATED");
        }
        if (!legacy.layout().known()) {
            return PreflightCheck.fail(LEGACY_TOPIC, "cannot read legacy topic '" + legacy.topic() + "': "
                    + legacy.layout().whyUnknown(), "check legacy.bootstrap-servers and the credentials");
        }
        return legacy.layout().value().map(layout -> PreflightCheck.pass(LEGACY_TOPIC, "legacy topic '" + legacy.topic()
                + "' has " + layout.partitions() + " partition(s)")).orElseGet(() -> PreflightCheck.fail(LEGACY_TOPIC,
                "legacy topic '" + legacy.topic() + "' does not exist", "set legacyTopic in " + facts.topic().file()
                        + " to the topic the old service uses"));
    }

    private static PreflightCheck ckafkaTopic(TopicFacts facts) {
        ClusterTopicFacts ckafka = facts.ckafka();
        if (!ckafka.layout().known()) {
            return PreflightCheck.fail(CKAFKA_TOPIC, "cannot read CKafka topic '" + ckafka.topic() + "': "
                    + ckafka.layout().whyUnknown(), "check ckafka.bootstrap-servers and the credentials");
        }
        return ckafka.layout().value().map(layout -> PreflightCheck.pass(CKAFKA_TOPIC, "CKafka topic '" + ckafka.topic()
                + "' has " + layout.partitions() + " partition(s)")).orElseGet(() -> PreflightCheck.fail(CKAFKA_TOPIC,
                "CKafka topic '" + ckafka.topic() + "' does not exist", "create it: POST /api/migrations/"
                        + facts.topic().name() + "/provision, or in the CKafka console with the legacy topic's "
                        + "partition count and configs"));
    }

    private static PreflightCheck partitions(TopicFacts facts) {
        if (!facts.legacyNeeded()) {
            return PreflightCheck.pass(PARTITIONS, "not compared: topic '" + facts.topic().name() + "' is MIGRATED");
        }
        if (!facts.legacy().exists() || !facts.ckafka().exists()) {
            return PreflightCheck.warn(PARTITIONS, "not compared: a topic is missing or cannot be read",
                    "fix the topic checks first");
        }
        int legacy = facts.legacy().layout().value().orElseThrow().partitions();
        int ckafka = facts.ckafka().layout().value().orElseThrow().partitions();
        if (legacy == ckafka) {
            return PreflightCheck.pass(PARTITIONS, "both topics have " + legacy + " partition(s)");
        }
        return PreflightCheck.warn(PARTITIONS, "legacy has " + legacy + " partition(s), CKafka " + ckafka
                + ": the order still holds across the cutover, but a key lands on another partition on CKafka",
                "if a consumer relies on which partition holds a key, give the CKafka topic " + legacy + " partitions");
    }
}
