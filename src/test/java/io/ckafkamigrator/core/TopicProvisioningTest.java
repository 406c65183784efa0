package io.ckafkamigrator.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Provisioning's outcomes without a broker: what is created, validated, refused and recorded. */
class TopicProvisioningTest {

    private static final TopicConfig ORDERS = new TopicConfig("orders", "orders", "orders-ck", "g", "g-ck",
            Ordering.ORDERED, false);
    private static final DescribedTopic LEGACY = new DescribedTopic(3, 1, Map.of("retention.ms", "3600000"),
            Map.of("retention.ms", "3600000"));

    private final FakeTopicAdmin admin = new FakeTopicAdmin();
    private final RecordingAuditTrail audit = new RecordingAuditTrail();
    private final CkafkaTopicPresence presence = new CkafkaTopicPresence(Set.of("orders-ck"), admin::ckafkaTopicExists,
            Duration.ofHours(1), System::nanoTime);
    private final TopicProvisioning provisioning = new TopicProvisioning(admin, -1, presence, audit,
            Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC));

    @Test
    void shouldCreateTheMissingTopicAndNoLongerCountItMissing() {
        // When
        ProvisionOutcome outcome = provisioning.provision(ORDERS, false);

        // Then
        assertThat(outcome.status()).isEqualTo(ProvisionOutcome.Status.CREATED);
        assertThat(admin.created).containsExactly("orders-ck:3:-1:{retention.ms=3600000}:false");
        assertThat(presence.missing("orders-ck")).isFalse();
        assertThat(audit.events).singleElement().satisfies(e -> {
            assertThat(e.event()).isEqualTo("provision");
            assertThat(e.details()).containsEntry("status", "created").containsEntry("dryRun", false);
        });
    }

    @Test
    void shouldOnlyValidateOnADryRunAndLeaveTheTopicMissing() {
        // When
        ProvisionOutcome outcome = provisioning.provision(ORDERS, true);

        // Then
        assertThat(outcome.status()).isEqualTo(ProvisionOutcome.Status.WOULD_CREATE);
        assertThat(admin.created).containsExactly("orders-ck:3:-1:{retention.ms=3600000}:true");
        assertThat(admin.ckafka).isEmpty();
        assertThat(presence.missing("orders-ck")).isTrue();
    }

    @Test
    void shouldAnswerARefusalWithTheConsoleStepAndRecordIt() {
        // Given
        admin.refusal = new ProvisionFailedException(ProvisionFailedException.Reason.REFUSED,
                "the ckafka cluster refused the topic by its topic creation policy", null);

        // When
        ProvisionOutcome outcome = provisioning.provision(ORDERS, false);

        // Then
        assertThat(outcome.status()).isEqualTo(ProvisionOutcome.Status.FAILED);
        assertThat(outcome.error()).get().satisfies(e -> {
            assertThat(e.reason()).isEqualTo(ProvisionFailedException.Reason.REFUSED);
            assertThat(e.getMessage()).contains("topic creation policy", "Topic Management > Create", "3 partitions",
                    "retention.ms=3600000");
        });
        assertThat(presence.missing("orders-ck")).isTrue();
        assertThat(audit.events).singleElement().satisfies(e -> assertThat(e.details())
                .containsEntry("status", "failed"));
    }

    @Test
    void shouldReportATopicSomeoneCreatedMeanwhileAsExisting() {
        // Given another client creates the topic between our look and our create
        admin.createdMeanwhile = new DescribedTopic(3, 1, Map.of("retention.ms", "3600000"),
                Map.of("retention.ms", "3600000"));

        // When
        ProvisionOutcome outcome = provisioning.provision(ORDERS, false);

        // Then
        assertThat(outcome.status()).isEqualTo(ProvisionOutcome.Status.EXISTS);
        assertThat(outcome.plan()).get().satisfies(p -> assertThat(p.differences()).isEmpty());
        assertThat(presence.missing("orders-ck")).isFalse();
    }

    @Test
    void shouldNeverChangeAnExistingTopic() {
        // Given
        admin.ckafka.put("orders-ck", new DescribedTopic(1, 1, Map.of(), Map.of("retention.ms", "600000")));

        // When
        ProvisionOutcome outcome = provisioning.provision(ORDERS, false);

        // Then
        assertThat(outcome.status()).isEqualTo(ProvisionOutcome.Status.EXISTS);
        assertThat(admin.created).isEmpty();
        assertThat(outcome.plan().orElseThrow().differences()).containsExactly(
                new TopicDifference("partitions", "3", "1"),
                new TopicDifference("retention.ms", "3600000", "600000"));
    }

    /** Clusters in memory: one legacy topic, the CKafka topics created. */
    private static final class FakeTopicAdmin implements TopicAdmin {
        final Map<String, DescribedTopic> ckafka = new HashMap<>();
        final List<String> created = new ArrayList<>();
        ProvisionFailedException refusal;
        DescribedTopic createdMeanwhile;

        @Override
        public DescribedTopic describeLegacy(String topic) {
            return LEGACY;
        }

        @Override
        public Optional<DescribedTopic> describeCkafka(String topic) {
            return Optional.ofNullable(ckafka.get(topic));
        }

        @Override
        public void createCkafka(String topic, int partitions, int replicationFactor, Map<String, String> configs,
                                 boolean validateOnly) {
            if (createdMeanwhile != null) {
                ckafka.put(topic, createdMeanwhile);
                throw new ProvisionFailedException(ProvisionFailedException.Reason.ALREADY_EXISTS, "exists", null);
            }
            if (refusal != null) {
                throw refusal;
            }
            created.add(topic + ":" + partitions + ":" + replicationFactor + ":" + configs + ":" + validateOnly);
            if (!validateOnly) {
                ckafka.put(topic, new DescribedTopic(partitions, 1, configs, configs));
            }
        }

        @Override
        public boolean ckafkaTopicExists(String topic) {
            return ckafka.containsKey(topic);
        }
    }
}
