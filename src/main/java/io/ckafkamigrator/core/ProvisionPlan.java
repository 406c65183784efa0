package io.ckafkamigrator.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What provisioning does for one CKafka topic: create it (with the legacy topic's partition
 * count, the configured replication factor and the legacy topic's configs of the safe list,
 * {@link SafeTopicConfigs}), or, for a topic that exists, nothing but list how it differs.
 * An existing topic is never changed: altering a live topic's partitions or retention is the
 * operator's decision, not a side effect of a repeated request.
 *
 * <p>Differences are against what provisioning would have created: the partition count; the
 * replication factor only when one is configured (with the broker's default the wanted value is
 * the broker's business); each safe-list config that either topic sets on itself, compared by
 * its effective value on both. A safe-list config neither topic sets is each broker's default
 * and not compared (the preflight compares effective settings).
 *
 * @param configs   the configs to create the topic with (the copied part of the legacy topic's own)
 * @param notCopied the legacy topic's own configs outside the safe list, which are not copied
 */
public record ProvisionPlan(String ckafkaTopic, boolean create, int partitions, int replicationFactor,
                            Map<String, String> configs, Map<String, String> notCopied,
                            List<TopicDifference> differences) {

    /** The replication factor that leaves the choice to the broker ({@code default.replication.factor}). */
    public static final int BROKER_DEFAULT_REPLICATION = -1;

    public ProvisionPlan {
        configs = Map.copyOf(configs);
        notCopied = Map.copyOf(notCopied);
        differences = List.copyOf(differences);
    }

    /**
     * @param legacy            the legacy topic
     * @param ckafka            the CKafka topic, empty when it does not exist
     * @param replicationFactor the configured one, or {@link #BROKER_DEFAULT_REPLICATION}
     */
    public static ProvisionPlan of(String ckafkaTopic, DescribedTopic legacy, Optional<DescribedTopic> ckafka,
                                   int replicationFactor) {
        Map<String, String> configs = SafeTopicConfigs.copiedOf(legacy.setOnTopic());
        Map<String, String> notCopied = SafeTopicConfigs.notCopiedOf(legacy.setOnTopic());
        if (ckafka.isEmpty()) {
            return new ProvisionPlan(ckafkaTopic, true, legacy.partitions(), replicationFactor, configs, notCopied,
                    List.of());
        }
        DescribedTopic existing = ckafka.get();
        return new ProvisionPlan(ckafkaTopic, false, existing.partitions(), existing.replicationFactor(),
                existing.sortedSetOnTopic(), notCopied, differences(legacy, existing, replicationFactor));
    }

    private static List<TopicDifference> differences(DescribedTopic legacy, DescribedTopic ckafka, int replicationFactor) {
        List<TopicDifference> differences = new ArrayList<>();
        if (legacy.partitions() != ckafka.partitions()) {
            differences.add(new TopicDifference("partitions", String.valueOf(legacy.partitions()),
                    String.valueOf(ckafka.partitions())));
        }
        if (replicationFactor != BROKER_DEFAULT_REPLICATION && replicationFactor != ckafka.replicationFactor()) {
            differences.add(new TopicDifference("replicationFactor", String.valueOf(replicationFactor),
                    String.valueOf(ckafka.replicationFactor())));
        }
        TreeSet<String> compared = new TreeSet<>(SafeTopicConfigs.copiedOf(legacy.setOnTopic()).keySet());
        compared.addAll(SafeTopicConfigs.copiedOf(ckafka.setOnTopic()).keySet());
        for (String config : compared) {
            String wanted = legacy.effective().get(config);
            String has = ckafka.effective().get(config);
            if (!Objects.equals(wanted, has)) {
                differences.add(new TopicDifference(config, wanted, has));
            }
        }
        return differences;
    }

    /**
     * The step that makes the topic by hand, for a cluster that refuses to let clients create
     * topics (CKafka's console), with everything this plan would have set.
     */
    public String consoleStep() {
        String configsText = configs.isEmpty() ? "no configs to change from the defaults"
                : "these configs: " + configs.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .reduce((a, b) -> a + ", " + b).orElse("");
        return "create the topic in the CKafka console: Topic Management > Create, name '" + ckafkaTopic + "', "
                + partitions + " partition" + (partitions == 1 ? "" : "s") + ", "
                + (replicationFactor == BROKER_DEFAULT_REPLICATION ? "the instance's default replica count"
                        : replicationFactor + " replica" + (replicationFactor == 1 ? "" : "s")) + ", " + configsText
                + "; then the switch of the topic works without a restart";
    }
}
