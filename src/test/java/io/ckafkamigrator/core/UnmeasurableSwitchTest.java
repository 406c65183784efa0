package io.ckafkamigrator.core;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A producer switch that cannot be measured is not made: if the legacy end offsets, the legacy
 * group's committed offsets or the CKafka end offsets cannot be read, or answer no partition,
 * the topic stays in LEGACY with nothing moved and nothing saved; an empty answer is never
 * taken as a drain target.
 */
class UnmeasurableSwitchTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final TopicConfig ORDERS = new TopicConfig("orders", "orders", "orders", "legacy-group",
            "ckafka-group", Ordering.UNORDERED, false);

    private final FakeClusterOffsets legacy = new FakeClusterOffsets();
    private final FakeClusterOffsets ckafka = new FakeClusterOffsets();
    private final ProducerSwitch producers = new ProducerSwitch();
    private final InMemoryStateStore store = new InMemoryStateStore();
    private final RecordingRoutes routes = new RecordingRoutes();
    private final RecordingAuditTrail audit = new RecordingAuditTrail();
    private final MigrationControl control = started();

    private MigrationControl started() {
        legacy.end.put(0, 10L);
        legacy.committed.put(0, 4L);
        ckafka.end.put(0, 7L);
        MigrationServices services = new MigrationServices(store, new Clusters<>(legacy, ckafka), routes, producers,
                Clock.fixed(NOW, ZoneOffset.UTC), audit, HandoffFaultHook.NONE, Consumers.IDENTITY);
        MigrationControl started = new MigrationControl(List.of(ORDERS), services, Runnable::run);
        started.load();
        return started;
    }

    @Test
    void shouldRefuseTheSwitchNamingLegacyWhenItsEndOffsetsCannotBeRead() {
        // Given
        legacy.endOffsetFailures = 1;

        // When
        Throwable refused = catchThrowable(() -> control.switchProducer("orders"));

        // Then
        assertThat(refused).isInstanceOf(SwitchUnmeasurableException.class)
                .hasMessageContaining("topic 'orders' stays in LEGACY")
                .hasMessageContaining("legacy cluster: end offsets of topic 'orders': cluster did not answer");
        assertNothingMoved();
    }

    @Test
    void shouldRefuseTheSwitchWhenLegacyAnswersNoPartition() {
        // Given
        legacy.end.clear();

        // When
        Throwable refused = catchThrowable(() -> control.switchProducer("orders"));

        // Then
        assertThat(refused).isInstanceOf(SwitchUnmeasurableException.class)
                .hasMessageContaining("legacy cluster: end offsets of topic 'orders': the cluster answered no partition");
        assertNothingMoved();
    }

    @Test
    void shouldRefuseTheSwitchWhenTheLegacyGroupsCommittedOffsetsCannotBeRead() {
        // Given
        legacy.committedFailures = 1;

        // When
        Throwable refused = catchThrowable(() -> control.switchProducer("orders"));

        // Then
        assertThat(refused).isInstanceOf(SwitchUnmeasurableException.class)
                .hasMessageContaining("legacy cluster: committed offsets of group 'legacy-group' on topic 'orders'");
        assertNothingMoved();
    }

    @Test
    void shouldRefuseTheSwitchNamingCkafkaWhenItsEndOffsetsCannotBeRead() {
        // Given
        ckafka.endOffsetFailures = 1;

        // When
        Throwable refused = catchThrowable(() -> control.switchProducer("orders"));

        // Then
        assertThat(refused).isInstanceOf(SwitchUnmeasurableException.class)
                .hasMessageContaining("ckafka cluster: end offsets of topic 'orders': cluster did not answer");
        assertThat(((SwitchUnmeasurableException) refused).cluster()).isEqualTo(Cluster.CKAFKA);
        assertNothingMoved();
    }

    @Test
    void shouldNotTakeAnEmptyAnswerAfterTheSwitchAsTheDrainTarget() throws InterruptedException {
        // Given
        // The switch's own reading answers; the capture of the target after it answers no partition.
        legacy.duringNextEndOffsets = () -> legacy.duringNextEndOffsets = legacy.end::clear;

        // When
        MigrationState answered = control.switchProducer("orders");

        // Then
        assertThat(answered.phase()).isEqualTo(Phase.DRAINING);
        assertThat(answered.drainTarget()).isEmpty();
        assertThat(answered.lastError()).get().asString().contains("the cluster answered no partition");
        assertThat(audit.events).noneMatch(e -> e.toJson().contains("drain-target"));
    }

    private void assertNothingMoved() {
        assertThat(control.state("orders").phase()).isEqualTo(Phase.LEGACY);
        assertThat(control.state("orders").lastError()).isEmpty();
        assertThat(store.saved.get("orders").phase()).isEqualTo(Phase.LEGACY);
        assertThat(producers.cluster("orders")).contains(Cluster.LEGACY);
        assertThat(routes.started).isEmpty();
        assertThat(ckafka.commits).isEmpty();
        assertThat(audit.events).noneMatch(e -> e.toJson().contains("DRAINING"));
    }
}
