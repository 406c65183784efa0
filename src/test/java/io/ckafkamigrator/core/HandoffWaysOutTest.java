package io.ckafkamigrator.core;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * What holds a drained topic's handoff besides the drain (stray writes, expired CKafka backlog,
 * new partitions), what does not (markers, aborted records, our own late appends), and the
 * operator's ways out; in-memory clusters, store and routes.
 */
class HandoffWaysOutTest {

    private static final TopicConfig ORDERS = new TopicConfig("orders", "orders", "orders", "legacy-group",
            "ckafka-group", Ordering.ORDERED, false);

    private final FakeClusterOffsets legacy = new FakeClusterOffsets();
    private final FakeClusterOffsets ckafka = new FakeClusterOffsets();
    private final ProducerSwitch producers = new ProducerSwitch();
    private final RecordingAuditTrail audit = new RecordingAuditTrail();
    private final RecordingStateStore store = new RecordingStateStore(producers);
    /** The handoff steps reached, in order. */
    private final List<HandoffFaultHook.Step> steps = new java.util.concurrent.CopyOnWriteArrayList<>();
    private MigrationControl control;

    @BeforeEach
    void startControl() {
        control = startedControl();
    }

    /** A control over the same clusters and store, as after a restart. */
    private MigrationControl startedControl() {
        MigrationServices services = new MigrationServices(store, new Clusters<>(legacy, ckafka), new RecordingRoutes(),
                producers, Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC), audit,
                (topic, step) -> steps.add(step), Consumers.IDENTITY);
        // Handoff attempts run at once on the calling thread, so each step's outcome is known when it returns.
        MigrationControl started = new MigrationControl(List.of(ORDERS), services, Runnable::run);
        started.load();
        started.startConsumers();
        return started;
    }

    /** Switched with 5 legacy records, all of them consumed and reported, the CKafka consumer waiting. */
    private TopicMigration drainedAfterSwitch() throws InterruptedException {
        legacy.end.put(0, 5L);
        control.switchProducer("orders");
        legacyCommitted(5L);
        Consumers.waitAtStartOffsets(control.migration("orders"));
        return control.migration("orders");
    }

    /** The legacy consumer committed {@code offset} in partition 0 and reported it. */
    private void legacyCommitted(long offset) {
        legacy.committed.put(0, offset);
        control.migration("orders").legacyCommitted(Map.of(0, offset));
    }

    private Phase phase() {
        return control.state("orders").phase();
    }

    @Test
    void shouldNotHoldTheHandoffForAnAbortedTransactionPastTheTarget() throws Exception {
        // Given
        // After the switch a transaction wrote two records to legacy and was aborted: 5, 6 and its marker 7
        drainedAfterSwitch();
        legacy.end.put(0, 8L);
        legacy.recordTags = Map.of();
        control.requestCutover("orders");

        // When
        control.tick();

        // Then
        assertThat(phase()).isEqualTo(Phase.MIGRATED);
        assertThat(control.lastDrainReport("orders")).get().extracting(DrainReport::strayWrites).isEqualTo(0L);
    }

    @Test
    void shouldReportALateAppendOfOurOwnSendApartFromStrayWritesAndNotHoldTheHandoff() throws Exception {
        // Given
        // A send of ours that timed out was appended after the target was captured
        drainedAfterSwitch();
        legacy.end.put(0, 6L);
        legacy.recordTags = Map.of(5L, Consumers.IDENTITY.recordTag());
        control.requestCutover("orders");

        // When
        control.tick();

        // Then
        assertThat(phase()).isEqualTo(Phase.MIGRATED);
        assertThat(control.lastDrainReport("orders")).get()
                .extracting(DrainReport::strayWrites, DrainReport::lateAppends).containsExactly(0L, 1L);
    }

    @Test
    void shouldHandOverOnceStrayWritesTheLegacyConsumerDeliveredAreAccepted() throws Exception {
        // Given
        // A foreign producer wrote 5 and 6 after the switch; the legacy consumer delivered them
        drainedAfterSwitch();
        legacy.end.put(0, 7L);
        legacy.recordTags = Map.of(5L, "", 6L, "");
        control.requestCutover("orders");
        control.tick();
        legacyCommitted(7L);

        // When
        MigrationState accepted = control.acceptStrayWrites("orders");

        // Then
        assertThat(accepted.drainTarget()).isEqualTo(Map.of(0, 7L));
        assertThat(phase()).isEqualTo(Phase.MIGRATED);
        assertThat(audit.events).filteredOn(e -> e.event().equals("stray-writes-accepted")).singleElement()
                .satisfies(e -> assertThat(e.details()).containsEntry("oldDrainTarget", Map.of(0, 5L))
                        .containsEntry("newDrainTarget", Map.of(0, 7L)).containsEntry("strayWrites", 2L));
    }

    @Test
    void shouldWaitForTheLegacyConsumerToDeliverAcceptedStrayWritesBeforeHandingOver() throws Exception {
        // Given
        drainedAfterSwitch();
        legacy.end.put(0, 7L);
        control.requestCutover("orders");
        control.tick();

        // When
        control.acceptStrayWrites("orders");

        // Then
        assertThat(phase()).isEqualTo(Phase.CUTTING_OVER);
        assertThat(control.migration("orders").measureDrain().remaining()).isEqualTo(2);
    }

    @Test
    void shouldRefuseToAcceptStrayWritesBeforeTheSwitch() {
        // Given
        legacy.end.put(0, 5L);

        // When
        Throwable refused = catchThrowable(() -> control.acceptStrayWrites("orders"));

        // Then
        assertThat(refused).isInstanceOf(IllegalPhaseException.class).hasMessageContaining("DRAINING or CUTTING_OVER");
        assertThat(control.state("orders").drainTarget()).isEmpty();
    }

    @Test
    void shouldRefuseTheCutoverOnceRetentionDeletedCkafkaRecordsTheWaitingConsumerHasNotRead() throws Exception {
        // Given
        // 4 migrated records deleted from CKafka below the start offset 0
        drainedAfterSwitch();
        ckafka.end.put(0, 10L);
        ckafka.logStart.put(0, 4L);
        control.tick();

        // When
        Throwable refused = catchThrowable(() -> control.requestCutover("orders"));

        // Then
        assertThat(refused).isInstanceOf(HandoffRefusedException.class).hasMessageContaining("partition=records {0=4}");
        assertThat(((HandoffRefusedException) refused).code()).isEqualTo("ckafka_backlog_expired");
        assertThat(phase()).isEqualTo(Phase.DRAINING);
        assertThat(control.migration("orders").holdReport().ckafkaExpiredTotal()).isEqualTo(4);
        assertThat(audit.events).extracting(AuditEvent::event).containsOnlyOnce("ckafka-backlog-expired");
    }

    @Test
    void shouldHandOverFromTheLogStartOnceTheExpiredBacklogIsAccepted() throws Exception {
        // Given
        TopicMigration orders = drainedAfterSwitch();
        ckafka.end.put(0, 10L);
        ckafka.logStart.put(0, 4L);
        control.tick();
        control.acceptExpiredBacklog("orders");
        Consumers.waitAtStartOffsets(orders);

        // When
        control.requestCutover("orders");

        // Then
        assertThat(phase()).isEqualTo(Phase.MIGRATED);
        assertThat(control.state("orders").ckafkaStartOffsets()).isEqualTo(Map.of(0, 4L));
        assertThat(orders.holdReport().ckafkaExpiredTotal()).isZero();
        assertThat(audit.events).filteredOn(e -> e.event().equals("expired-backlog-accepted")).singleElement()
                .satisfies(e -> assertThat(e.details()).containsEntry("expiredRecords", Map.of(0, 4L))
                        .containsEntry("newCkafkaStartOffsets", Map.of(0, 4L)));
    }

    @Test
    void shouldReportLegacyRecordsRetentionRemovedBeforeTheGroupReadThem() throws Exception {
        // Given
        // The group committed 2; retention moved the legacy log start to 4
        legacy.end.put(0, 5L);
        control.switchProducer("orders");
        legacy.committed.put(0, 2L);
        legacy.logStart.put(0, 4L);

        // When
        control.tick();

        // Then
        assertThat(control.migration("orders").holdReport().legacyExpired()).isEqualTo(Map.of(0, 2L));
        assertThat(audit.events).extracting(AuditEvent::event).containsOnlyOnce("legacy-records-expired");
    }

    @Test
    void shouldHoldTheHandoffWhileALegacyPartitionAddedAfterTheSwitchIsNotInTheTarget() throws Exception {
        // Given
        drainedAfterSwitch();
        legacy.end.put(1, 3L);
        control.tick();

        // When
        Throwable refused = catchThrowable(() -> control.requestCutover("orders"));

        // Then
        assertThat(((HandoffRefusedException) refused).code()).isEqualTo("partitions_changed");
        assertThat(control.migration("orders").holdReport().partitionChange().newLegacy()).isEqualTo(Set.of(1));
        assertThat(phase()).isEqualTo(Phase.DRAINING);
    }

    @Test
    void shouldTakeNewPartitionsOfBothTopicsInWhenStrayWritesAreAccepted() throws Exception {
        // Given
        drainedAfterSwitch();
        legacy.end.put(1, 3L);
        ckafka.end.put(1, 2L);
        ckafka.logStart.put(1, 0L);
        control.tick();

        // When
        MigrationState accepted = control.acceptStrayWrites("orders");

        // Then
        assertThat(accepted.drainTarget()).isEqualTo(Map.of(0, 5L, 1, 3L));
        assertThat(accepted.ckafkaStartOffsets()).isEqualTo(Map.of(0, 0L, 1, 0L));
        assertThat(control.migration("orders").holdReport().partitionChange().none()).isTrue();
        assertThat(control.migration("orders").waitingConsumer().wantedPosition()).contains(Map.of(0, 0L, 1, 0L));
    }

    @Test
    void shouldNotHandOverWhileALegacyPartitionAddedSinceTheMonitorsLastLookIsNotInTheTarget() throws Exception {
        // Given
        // The monitor found no new partition; then partition 1 was added and a stray producer wrote 3 records to it
        drainedAfterSwitch();
        control.tick();
        legacy.end.put(1, 3L);

        // When
        control.requestCutover("orders");

        // Then
        assertThat(phase()).isEqualTo(Phase.CUTTING_OVER);
        assertThat(control.state("orders").lastError()).get().asString().contains("legacy topic 'orders' partitions [1]");
        assertThat(control.migration("orders").holdReport().partitionChange().newLegacy()).isEqualTo(Set.of(1));
        assertThat(control.migration("orders").legacyGate().state()).isEqualTo(DeliveryGate.State.OPEN);
    }

    @Test
    void shouldRefuseACutoverAfterARestartWhileALegacyPartitionAddedBeforeItIsNotInTheTarget() throws Exception {
        // Given
        // Partition 1 was added before the restart, the legacy consumer took it from 0; the
        // restarted monitor has not looked yet
        drainedAfterSwitch();
        legacy.end.put(1, 3L);
        legacy.committed.put(1, 0L);
        MigrationControl restarted = startedControl();
        Consumers.waitAtStartOffsets(restarted.migration("orders"));

        // When
        Throwable refused = catchThrowable(() -> restarted.requestCutover("orders"));

        // Then
        assertThat(refused).isInstanceOf(HandoffRefusedException.class);
        assertThat(((HandoffRefusedException) refused).code()).isEqualTo("partitions_changed");
        assertThat(restarted.state("orders").phase()).isEqualTo(Phase.DRAINING);
    }

    @Test
    void shouldNotReportPartitionsAcceptedWhileTheMonitorLookedAtThemAsChanged() throws Exception {
        // Given
        // Legacy partition 1 is new; the operator accepts it while the monitor reads the CKafka partitions
        drainedAfterSwitch();
        legacy.end.put(1, 3L);
        ckafka.duringNextEndOffsets = this::acceptStrayWrites;

        // When
        control.tick();

        // Then
        assertThat(control.state("orders").drainTarget()).isEqualTo(Map.of(0, 5L, 1, 3L));
        assertThat(control.migration("orders").holdReport().partitionChange().none()).isTrue();
        assertThat(audit.events).extracting(AuditEvent::event).doesNotContain("partitions-changed");
    }

    @Test
    void shouldNotStartAHandoffOnADrainMeasuredAgainstATargetTheOperatorMovedMeanwhile() throws Exception {
        // Given
        // Requested, the legacy group at the old target 5; while the monitor measures, legacy
        // partition 1 (3 records) is added and accepted into the target
        legacy.end.put(0, 5L);
        control.switchProducer("orders");
        Consumers.waitAtStartOffsets(control.migration("orders"));
        control.requestCutover("orders");
        legacy.committed.put(0, 5L);
        legacy.duringNextEndOffsets = () -> {
            legacy.end.put(1, 3L);
            legacy.committed.put(1, 0L);
            acceptStrayWrites();
        };

        // When
        control.tick();

        // Then
        assertThat(control.state("orders").drainTarget()).isEqualTo(Map.of(0, 5L, 1, 3L));
        assertThat(steps).doesNotContain(HandoffFaultHook.Step.LEGACY_RETIRED);
        assertThat(phase()).isEqualTo(Phase.CUTTING_OVER);
    }

    /** The operator's accept-stray-writes, from inside a read of the monitor's round. */
    private void acceptStrayWrites() {
        try {
            control.acceptStrayWrites("orders");
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
