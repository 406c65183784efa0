package io.ckafkamigrator.core;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProvisionPlanTest {

    private static final int BROKER_DEFAULT = ProvisionPlan.BROKER_DEFAULT_REPLICATION;

    @Test
    void shouldCreateAMissingTopicWithTheLegacyPartitionsAndOnlyItsOwnSafeListConfigs() {
        // Given a legacy topic that sets two safe-list configs and one outside the list on itself
        DescribedTopic legacy = new DescribedTopic(6, 3,
                Map.of("cleanup.policy", "compact", "retention.ms", "86400000", "min.insync.replicas", "2"),
                Map.of("cleanup.policy", "compact", "retention.ms", "86400000", "min.insync.replicas", "2",
                        "max.message.bytes", "1048588"));

        // When
        ProvisionPlan plan = ProvisionPlan.of("orders", legacy, Optional.empty(), BROKER_DEFAULT);

        // Then the broker default max.message.bytes is not copied, nor min.insync.replicas
        assertThat(plan.create()).isTrue();
        assertThat(plan.partitions()).isEqualTo(6);
        assertThat(plan.replicationFactor()).isEqualTo(-1);
        assertThat(plan.configs()).containsExactlyInAnyOrderEntriesOf(
                Map.of("cleanup.policy", "compact", "retention.ms", "86400000"));
        assertThat(plan.notCopied()).containsExactlyInAnyOrderEntriesOf(Map.of("min.insync.replicas", "2"));
        assertThat(plan.differences()).isEmpty();
    }

    @Test
    void shouldListNoDifferenceForATopicCreatedAsPlanned() {
        // Given the CKafka topic as the plan created it
        DescribedTopic legacy = new DescribedTopic(3, 3, Map.of("retention.ms", "3600000"),
                Map.of("retention.ms", "3600000", "cleanup.policy", "delete"));
        DescribedTopic ckafka = new DescribedTopic(3, 2, Map.of("retention.ms", "3600000"),
                Map.of("retention.ms", "3600000", "cleanup.policy", "delete"));

        // When
        ProvisionPlan plan = ProvisionPlan.of("orders", legacy, Optional.of(ckafka), BROKER_DEFAULT);

        // Then the replication factor is the broker's business with the default setting
        assertThat(plan.create()).isFalse();
        assertThat(plan.differences()).isEmpty();
    }

    @Test
    void shouldListEachDifferenceOfAnExistingTopicWithoutChangingIt() {
        // Given a CKafka topic with fewer partitions, another retention, and compaction set on it alone
        DescribedTopic legacy = new DescribedTopic(6, 3, Map.of("retention.ms", "86400000"),
                Map.of("retention.ms", "86400000", "cleanup.policy", "delete"));
        DescribedTopic ckafka = new DescribedTopic(3, 2, Map.of("retention.ms", "3600000", "cleanup.policy", "compact"),
                Map.of("retention.ms", "3600000", "cleanup.policy", "compact"));

        // When
        ProvisionPlan plan = ProvisionPlan.of("orders", legacy, Optional.of(ckafka), 3);

        // Then
        assertThat(plan.create()).isFalse();
        assertThat(plan.differences()).containsExactly(
                new TopicDifference("partitions", "6", "3"),
                new TopicDifference("replicationFactor", "3", "2"),
                new TopicDifference("cleanup.policy", "delete", "compact"),
                new TopicDifference("retention.ms", "86400000", "3600000"));
    }

    @Test
    void shouldNotCompareASafeListConfigThatNeitherTopicSets() {
        // Given both topics leave segment and retention to their brokers, whose defaults differ
        DescribedTopic legacy = new DescribedTopic(1, 1, Map.of(), Map.of("retention.ms", "604800000"));
        DescribedTopic ckafka = new DescribedTopic(1, 1, Map.of(), Map.of("retention.ms", "259200000"));

        // When
        ProvisionPlan plan = ProvisionPlan.of("orders", legacy, Optional.of(ckafka), BROKER_DEFAULT);

        // Then
        assertThat(plan.differences()).isEmpty();
    }

    @Test
    void shouldNameEveryPlannedSettingInTheConsoleStep() {
        // Given
        DescribedTopic legacy = new DescribedTopic(3, 3, Map.of("retention.ms", "3600000"), Map.of("retention.ms", "3600000"));

        // When
        String step = ProvisionPlan.of("orders", legacy, Optional.empty(), 2).consoleStep();

        // Then
        assertThat(step).contains("CKafka console: Topic Management > Create", "'orders'", "3 partitions",
                "2 replicas", "retention.ms=3600000");
    }

    @Test
    void shouldKeepMinInsyncReplicasOffTheSafeList() {
        // Then: above CKafka's replica count every acks=all send would fail
        assertThat(SafeTopicConfigs.copied("min.insync.replicas")).isFalse();
        assertThat(SafeTopicConfigs.NOT_COPIED).containsKey("min.insync.replicas");
        assertThat(SafeTopicConfigs.COPIED).containsKeys("cleanup.policy", "retention.ms", "retention.bytes",
                "max.message.bytes", "message.timestamp.type", "compression.type", "min.compaction.lag.ms",
                "delete.retention.ms");
    }
}
