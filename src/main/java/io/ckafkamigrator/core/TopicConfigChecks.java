package io.ckafkamigrator.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * Preflight: the topic configs that change what CKafka keeps or accepts, legacy against CKafka.
 * A compacted topic mirrored as a deleting one (or the reverse) loses records the consumer
 * relies on: a fail. A CKafka topic that refuses records legacy accepts, keeps them for less
 * time or less space, or keeps fewer copies: a warning.
 */
final class TopicConfigChecks {

    static final String CLEANUP_POLICY = "cleanup-policy";
    static final String MAX_MESSAGE_BYTES = "max-message-bytes";
    static final String RETENTION = "retention";
    static final String MIN_INSYNC_REPLICAS = "min-insync-replicas";
    static final String REPLICATION_FACTOR = "replication-factor";
    private static final String CHANGE = "change it on the CKafka topic (CKafka console, or recreate it with "
            + "POST /api/migrations/%s/provision)";

    private TopicConfigChecks() {
    }

    static List<PreflightCheck> of(TopicFacts facts) {
        List<String> ids = List.of(CLEANUP_POLICY, MAX_MESSAGE_BYTES, RETENTION, MIN_INSYNC_REPLICAS, REPLICATION_FACTOR);
        Optional<String> notCompared = notCompared(facts);
        if (notCompared.isPresent()) {
            PreflightStatus status = facts.legacyNeeded() ? PreflightStatus.WARN : PreflightStatus.PASS;
            String action = status == PreflightStatus.WARN ? "fix the topic checks first" : "";
            return ids.stream().map(id -> new PreflightCheck(id, status, notCompared.get(), action)).toList();
        }
        return List.of(cleanupPolicy(facts), maxMessageBytes(facts), retention(facts), minInsyncReplicas(facts),
                replicationFactor(facts));
    }

    private static Optional<String> notCompared(TopicFacts facts) {
        if (!facts.legacyNeeded()) {
            return Optional.of("not compared: topic '" + facts.topic().name() + "' is MIGRATED");
        }
        for (ClusterTopicFacts side : List.of(facts.legacy(), facts.ckafka())) {
            if (!side.exists()) {
                return Optional.of("not compared: the " + side.cluster() + " topic is missing or cannot be read");
            }
            if (!side.configs().known()) {
                return Optional.of("not compared: cannot read the " + side.cluster() + " topic's configs: "
                        + side.configs().whyUnknown());
            }
        }
        return Optional.empty();
    }

    private static PreflightCheck cleanupPolicy(TopicFacts facts) {
        Optional<String> legacy = facts.legacy().config("cleanup.policy");
        Optional<String> ckafka = facts.ckafka().config("cleanup.policy");
        if (legacy.isEmpty() || ckafka.isEmpty()) {
            return notReported(CLEANUP_POLICY, "cleanup.policy");
        }
        Set<String> legacyPolicy = policy(legacy.get());
        Set<String> ckafkaPolicy = policy(ckafka.get());
        String found = "legacy cleanup.policy=" + legacy.get() + ", CKafka cleanup.policy=" + ckafka.get();
        if (legacyPolicy.contains("compact") == ckafkaPolicy.contains("compact")
                && legacyPolicy.contains("delete") == ckafkaPolicy.contains("delete")) {
            return PreflightCheck.pass(CLEANUP_POLICY, found);
        }
        if (legacyPolicy.contains("compact") != ckafkaPolicy.contains("compact")) {
            String loss = legacyPolicy.contains("compact")
                    ? ": CKafka deletes by age the latest value of keys that legacy keeps for good"
                    : ": CKafka compacts away records of the same key that legacy keeps";
            return PreflightCheck.fail(CLEANUP_POLICY, found + loss, "set cleanup.policy=" + legacy.get()
                    + " on the CKafka topic; " + String.format(CHANGE, facts.topic().name()));
        }
        return PreflightCheck.warn(CLEANUP_POLICY, found + ": both compact, but only one also deletes by age",
                "set cleanup.policy=" + legacy.get() + " on the CKafka topic");
    }

    private static Set<String> policy(String value) {
        Set<String> parts = new TreeSet<>();
        Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(parts::add);
        return parts;
    }

    private static PreflightCheck maxMessageBytes(TopicFacts facts) {
        OptionalLong legacy = number(facts.legacy(), "max.message.bytes");
        OptionalLong ckafka = number(facts.ckafka(), "max.message.bytes");
        if (legacy.isEmpty() || ckafka.isEmpty()) {
            return notReported(MAX_MESSAGE_BYTES, "max.message.bytes");
        }
        String found = "legacy max.message.bytes=" + legacy.getAsLong() + ", CKafka max.message.bytes=" + ckafka.getAsLong();
        if (ckafka.getAsLong() >= legacy.getAsLong()) {
            return PreflightCheck.pass(MAX_MESSAGE_BYTES, found);
        }
        return PreflightCheck.warn(MAX_MESSAGE_BYTES, found + ": CKafka refuses record batches legacy accepts",
                "set max.message.bytes=" + legacy.getAsLong() + " (or more) on the CKafka topic; "
                        + String.format(CHANGE, facts.topic().name()));
    }

    private static PreflightCheck retention(TopicFacts facts) {
        List<String> shorter = new ArrayList<>();
        List<String> found = new ArrayList<>();
        for (String key : List.of("retention.ms", "retention.bytes")) {
            OptionalLong legacy = number(facts.legacy(), key);
            OptionalLong ckafka = number(facts.ckafka(), key);
            if (legacy.isEmpty() || ckafka.isEmpty()) {
                return notReported(RETENTION, key);
            }
            found.add("legacy " + key + "=" + legacy.getAsLong() + ", CKafka " + key + "=" + ckafka.getAsLong());
            if (unlimited(ckafka.getAsLong()) < unlimited(legacy.getAsLong())) {
                shorter.add(key + "=" + legacy.getAsLong());
            }
        }
        if (shorter.isEmpty()) {
            return PreflightCheck.pass(RETENTION, String.join("; ", found));
        }
        return PreflightCheck.warn(RETENTION, String.join("; ", found) + ": CKafka keeps records for less than legacy",
                "if consumers re-read history, set " + String.join(" and ", shorter) + " on the CKafka topic");
    }

    private static PreflightCheck minInsyncReplicas(TopicFacts facts) {
        OptionalLong legacy = number(facts.legacy(), "min.insync.replicas");
        OptionalLong ckafka = number(facts.ckafka(), "min.insync.replicas");
        if (legacy.isEmpty() || ckafka.isEmpty()) {
            return notReported(MIN_INSYNC_REPLICAS, "min.insync.replicas");
        }
        String found = "legacy min.insync.replicas=" + legacy.getAsLong() + ", CKafka min.insync.replicas="
                + ckafka.getAsLong();
        int replicas = facts.ckafka().layout().value().orElseThrow().replicationFactor();
        if (replicas > 0 && ckafka.getAsLong() > replicas) {
            return PreflightCheck.fail(MIN_INSYNC_REPLICAS, found + ", but the CKafka topic has " + replicas
                    + " replica(s): every acks=all send is refused", "lower min.insync.replicas of the CKafka topic to at most "
                    + replicas);
        }
        if (ckafka.getAsLong() < legacy.getAsLong()) {
            return PreflightCheck.warn(MIN_INSYNC_REPLICAS, found + ": fewer replicas acknowledge each CKafka write",
                    "set min.insync.replicas=" + legacy.getAsLong() + " on the CKafka topic if that durability matters");
        }
        return PreflightCheck.pass(MIN_INSYNC_REPLICAS, found);
    }

    private static PreflightCheck replicationFactor(TopicFacts facts) {
        int legacy = facts.legacy().layout().value().orElseThrow().replicationFactor();
        int ckafka = facts.ckafka().layout().value().orElseThrow().replicationFactor();
        if (legacy <= 0 || ckafka <= 0) {
            return PreflightCheck.warn(REPLICATION_FACTOR, "cannot tell: a broker did not report the replicas",
                    "compare the replication factors in the consoles");
        }
        String found = "legacy replication factor " + legacy + ", CKafka " + ckafka;
        if (ckafka < legacy) {
            return PreflightCheck.warn(REPLICATION_FACTOR, found + ": CKafka keeps fewer copies of each record",
                    "give the CKafka topic " + legacy + " replicas if that durability matters");
        }
        return PreflightCheck.pass(REPLICATION_FACTOR, found);
    }

    private static PreflightCheck notReported(String id, String key) {
        return PreflightCheck.warn(id, "cannot tell: a broker did not report " + key, "compare " + key
                + " of both topics in the consoles");
    }

    static OptionalLong number(ClusterTopicFacts side, String key) {
        try {
            return side.config(key).map(v -> OptionalLong.of(Long.parseLong(v.trim()))).orElse(OptionalLong.empty());
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** -1 (or any negative value) means no limit. */
    static long unlimited(long value) {
        return value < 0 ? Long.MAX_VALUE : value;
    }
}
