package io.ckafkamigrator.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which topic configs provisioning copies from the legacy topic to the CKafka topic, and why
 * each of the others is not copied. Copied are the settings that decide what the topic keeps
 * and accepts, so that the CKafka topic keeps and refuses what the legacy topic did; not copied
 * are those that belong to a cluster's hardware, replication or storage tiers, which a managed
 * cluster decides (and often refuses to let a client set), or that name things of the legacy
 * cluster. Only configs set on the legacy topic itself are copied: a broker default of legacy
 * is no property of the topic, and CKafka's own default applies there.
 */
public final class SafeTopicConfigs {

    /** The configs copied, each with the reason (README "Provisioning" lists them). */
    public static final Map<String, String> COPIED = ordered(
            "cleanup.policy", "compact or delete: a compacted topic mirrored as delete loses the latest value of "
                    + "every key once retention passes",
            "retention.ms", "how long records stay: the CKafka backlog must outlive the drain (an instance may cap it)",
            "retention.bytes", "how much each partition keeps, the other half of retention",
            "max.message.bytes", "the largest record batch the topic accepts: records legacy accepts must not be "
                    + "refused after the switch",
            "message.timestamp.type", "CreateTime or LogAppendTime: which timestamp consumers see",
            "compression.type", "how the broker stores the records; consumers decompress any codec",
            "min.compaction.lag.ms", "how long a record stays uncompacted, which consumers of a compacted topic "
                    + "may rely on",
            "max.compaction.lag.ms", "how long a record may stay uncompacted",
            "delete.retention.ms", "how long a tombstone of a compacted topic stays readable");

    /** Configs set on a legacy topic that are deliberately not copied, with the reason. */
    public static final Map<String, String> NOT_COPIED = ordered(
            "min.insync.replicas", "tied to the cluster's replica count: above CKafka's replication factor every "
                    + "acks=all send (the migrator's producer) fails with NotEnoughReplicas; CKafka sets it per instance",
            "unclean.leader.election.enable", "a durability policy of the managed cluster, which it keeps to itself",
            "segment.bytes, segment.ms, segment.index.bytes, segment.jitter.ms", "the log's files on the broker's "
                    + "disks: the managed cluster's storage",
            "flush.messages, flush.ms, index.interval.bytes, preallocate, file.delete.delay.ms, "
                    + "min.cleanable.dirty.ratio", "broker tuning of the legacy hardware",
            "message.format.version, message.downconversion.enable", "message format of old brokers; removed in "
                    + "Kafka 4, the CKafka broker's own",
            "message.timestamp.difference.max.ms, message.timestamp.before.max.ms, message.timestamp.after.max.ms",
            "renamed across Kafka releases (3.6); an old name is refused by a newer broker",
            "leader.replication.throttled.replicas, follower.replication.throttled.replicas", "name the legacy "
                    + "brokers' ids",
            "remote.storage.enable, local.retention.ms, local.retention.bytes", "tiered storage, which CKafka "
                    + "offers differently or not at all");

    private SafeTopicConfigs() {
    }

    /** Whether provisioning copies {@code config}. */
    public static boolean copied(String config) {
        return COPIED.containsKey(config);
    }

    /** The part of {@code setOnTopic} that is copied, sorted by name. */
    static Map<String, String> copiedOf(Map<String, String> setOnTopic) {
        Map<String, String> copied = new TreeMap<>();
        setOnTopic.forEach((name, value) -> {
            if (copied(name)) {
                copied.put(name, value);
            }
        });
        return copied;
    }

    /** The part of {@code setOnTopic} that is not copied, sorted by name. */
    static Map<String, String> notCopiedOf(Map<String, String> setOnTopic) {
        Map<String, String> left = new TreeMap<>(setOnTopic);
        left.keySet().removeIf(SafeTopicConfigs::copied);
        return left;
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
