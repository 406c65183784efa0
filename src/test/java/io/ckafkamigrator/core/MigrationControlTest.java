package io.ckafkamigrator.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/** The control's decisions, with in-memory clusters, store and routes: no broker, no Camel. */
class MigrationControlTest {

    private static final TopicConfig ORDERS = new TopicConfig("orders", "orders", "orders", "legacy-group",
            "ckafka-group", Ordering.ORDERED, false);

    private final FakeClusterOffsets legacy = new FakeClusterOffsets();
    private final FakeClusterOffsets ckafka = new FakeClusterOffsets();
    private final ProducerSwitch producers = new ProducerSwitch();
    private final RecordingStateStore store = new RecordingStateStore(producers);
    private final RecordingRoutes routes = new RecordingRoutes();
    private final RecordingAuditTrail audit = new RecordingAuditTrail();
    private MigrationControl control;

    @BeforeEach
    void startControl() {
        control = newControl();
    }

    /** A control over the same clusters, store and routes, as after a restart. */
    private MigrationControl newControl() {
        MigrationServices services = new MigrationServices(store, new Clusters<>(legacy, ckafka), routes, producers,
                Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC), audit, HandoffFaultHook.NONE,
                Consumers.IDENTITY);
        // Handoff attempts run at once on the calling thread, so each step's outcome is known when it returns.
        MigrationControl c = new MigrationControl(List.of(ORDERS), services, Runnable::run);
        c.load();
        c.startConsumers();
        return c;
    }

    private void switchAndRequestCutover() throws InterruptedException {
        control.switchProducer("orders");
        control.requestCutover("orders");
    }

    /** The CKafka consumer holds its partitions and stands at the start offsets, as its listener reports. */
    private void ckafkaConsumerWaits() {
        Consumers.waitAtStartOffsets(control.migration("orders"));
    }

    private Phase phase() {
        return control.state("orders").phase();
    }

    @Test
    void shouldSaveDrainingBeforeTheProducerMoves() throws Exception {
        // Given
        legacy.end.put(0, 5L);
        ckafka.end.put(0, 7L);

        // When
        control.switchProducer("orders");

        // Then
        assertThat(store.producerAtSave).contains("DRAINING@legacy");
        assertThat(producers.cluster("orders")).contains(Cluster.CKAFKA);
        assertThat(control.state("orders").drainTarget()).isEqualTo(Map.of(0, 5L));
        assertThat(control.state("orders").ckafkaStartOffsets()).isEqualTo(Map.of(0, 7L));
        assertThat(control.migration("orders").waitingConsumer().wantedPosition()).contains(Map.of(0, 7L));
        assertThat(routes.started).containsExactly("orders-legacy-consumer", "orders-ckafka-consumer");
        assertThat(control.ckafkaGate("orders").state()).isEqualTo(DeliveryGate.State.HOLD);
    }

    @Test
    void shouldNotProbeTheLogWhileTheLegacyGroupStillCommits() throws Exception {
        // Given
        // 10 records to drain, a cutover requested, the CKafka consumer in its group
        legacy.end.put(0, 10L);
        switchAndRequestCutover();
        ckafkaConsumerWaits();

        // When

        // The legacy consumer commits further before each round
        for (long committed = 2; committed <= 8; committed += 2) {
            legacy.committed.put(0, committed);
            control.tick();
        }

        // Then
        assertThat(legacy.probes).isZero();
        assertThat(phase()).isEqualTo(Phase.CUTTING_OVER);
    }

    @Test
    void shouldNotHandOverInTheRoundThatSeesTheLastCommitShortOfTheTarget() throws Exception {
        // Given
        // The last two offsets before the target are transaction markers
        legacy.end.put(0, 10L);
        legacy.recordsUpTo = 8;
        switchAndRequestCutover();
        ckafkaConsumerWaits();
        legacy.committed.put(0, 8L);

        // When
        control.tick();

        // Then

        // The committed offset just moved, so the consumer counts as still delivering
        assertThat(legacy.probes).isZero();
        assertThat(phase()).isEqualTo(Phase.CUTTING_OVER);
    }

    @Test
    void shouldHandOverOnceTheNextRoundProbesTheMarkersShortOfTheTarget() throws Exception {
        // Given
        // The legacy group stopped at 8, the offsets 8 and 9 are transaction markers
        legacy.end.put(0, 10L);
        legacy.recordsUpTo = 8;
        switchAndRequestCutover();
        ckafkaConsumerWaits();
        legacy.committed.put(0, 8L);
        control.tick();

        // When

        // The committed offset stays where it is
        control.tick();

        // Then
        assertThat(legacy.probes).isPositive();
        assertThat(phase()).isEqualTo(Phase.MIGRATED);
    }

    @Test
    void shouldTreatARepeatedSwitchAsNoOp() throws Exception {
        // Given
        control.switchProducer("orders");
        MigrationState first = control.state("orders");

        // When
        MigrationState second = control.switchProducer("orders");

        // Then
        assertThat(second).isEqualTo(first);
        assertThat(audit.events).filteredOn(e -> e.event().equals("transition")).hasSize(2);
    }

    @Test
    void shouldRefuseACutoverBeforeTheSwitch() {
        // When
        Throwable thrown = catchThrowable(() -> control.requestCutover("orders"));

        // Then
        assertThat(thrown).isInstanceOf(IllegalPhaseException.class).hasMessageContaining("LEGACY");
    }

    @Test
    void shouldRefuseTheSwitchWhileSomeoneConsumesTheCkafkaGroup() {
        // Given
        ckafka.members.add(Consumers.FOREIGN);

        // When
        Throwable thrown = catchThrowable(() -> control.switchProducer("orders"));

        // Then
        assertThat(thrown).isInstanceOf(HandoffRefusedException.class);
        assertThat(phase()).isEqualTo(Phase.LEGACY);
        assertThat(producers.cluster("orders")).contains(Cluster.LEGACY);
    }

    @Test
    void shouldNotHandOverBeforeTheLegacyGroupDrained() throws Exception {
        // Given
        // Switched with 5 records left in legacy, cutover requested, the CKafka consumer joined
        legacy.end.put(0, 5L);
        switchAndRequestCutover();
        ckafkaConsumerWaits();
        legacy.committed.put(0, 3L);

        // When
        control.tick();

        // Then
        assertThat(phase()).isEqualTo(Phase.CUTTING_OVER);
        assertThat(control.legacyGate("orders").state()).isEqualTo(DeliveryGate.State.OPEN);
    }

    @Test
    void shouldNotHandOverBeforeTheCkafkaConsumerHoldsItsPartitions() throws Exception {
        // Given
        // Drained, but the CKafka consumer has not joined its group yet
        legacy.end.put(0, 5L);
        switchAndRequestCutover();
        legacy.committed.put(0, 5L);

        // When
        control.tick();

        // Then
        assertThat(phase()).isEqualTo(Phase.CUTTING_OVER);
        assertThat(control.ckafkaGate("orders").state()).isEqualTo(DeliveryGate.State.HOLD);
    }

    @Test
    void shouldHandOverOnceDrainedAndTheCkafkaConsumerHoldsItsPartitions() throws Exception {
        // Given
        legacy.end.put(0, 5L);
        switchAndRequestCutover();
        legacy.committed.put(0, 5L);
        ckafkaConsumerWaits();

        // When
        control.tick();

        // Then
        assertThat(phase()).isEqualTo(Phase.MIGRATED);
        assertThat(control.legacyGate("orders").state()).isEqualTo(DeliveryGate.State.RETIRED);
        assertThat(control.ckafkaGate("orders").state()).isEqualTo(DeliveryGate.State.OPEN);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(routes.stopped).containsExactly("orders-legacy-consumer"));
    }

    @Test
    void shouldHoldTheHandoffWhileLegacyReceivesStrayWrites() throws Exception {
        // Given
        legacy.end.put(0, 5L);
        switchAndRequestCutover();
        legacy.committed.put(0, 5L);
        legacy.end.put(0, 6L);
        ckafkaConsumerWaits();

        // When
        control.tick();

        // Then
        assertThat(phase()).isEqualTo(Phase.CUTTING_OVER);
        assertThat(control.lastDrainReport("orders")).get().extracting(DrainReport::strayWrites).isEqualTo(1L);
    }

    @Test
    void shouldResumeAfterARestartWithoutStartingTheLegacyConsumerOnceMigrated() throws Exception {
        // Given
        switchAndRequestCutover();
        ckafkaConsumerWaits();
        control.tick();
        routes.started.clear();

        // When
        MigrationControl restarted = newControl();

        // Then
        assertThat(restarted.state("orders").phase()).isEqualTo(Phase.MIGRATED);
        assertThat(producers.cluster("orders")).contains(Cluster.CKAFKA);
        assertThat(routes.started).containsExactly("orders-ckafka-consumer");
        assertThat(restarted.ckafkaGate("orders").state()).isEqualTo(DeliveryGate.State.OPEN);
    }

    @Test
    void shouldRefuseTheHandoffWhileAForeignConsumerSharesTheCkafkaGroup() throws Exception {
        // Given
        switchAndRequestCutover();
        ckafkaConsumerWaits();
        ckafka.members.add(Consumers.FOREIGN);

        // When
        control.tick();

        // Then
        assertThat(phase()).isEqualTo(Phase.CUTTING_OVER);
        assertThat(control.state("orders").lastError()).get().asString()
                .contains("clientId=other-app-1").contains("host=/10.0.0.9");
    }

    @Test
    void shouldAnswerASavedSwitchWhoseLaterStepFailedWithItsPhaseAndTheReason() throws Exception {
        // Given
        // Legacy does not answer when the drain target is captured
        legacy.end.put(0, 4L);
        legacy.failEndOffsetsAfterNextRead();

        // When
        MigrationState answered = control.switchProducer("orders");

        // Then

        // Switched, and saying why it is not finished
        assertThat(answered.phase()).isEqualTo(Phase.DRAINING);
        assertThat(answered.lastError()).get().asString().contains("did not answer");
        assertThat(producers.cluster("orders")).contains(Cluster.CKAFKA);
    }

    @Test
    void shouldLetTheMonitorFinishASavedSwitchWhoseLaterStepFailed() throws Exception {
        // Given
        // A switch whose drain target could not be captured
        legacy.end.put(0, 4L);
        legacy.failEndOffsetsAfterNextRead();
        control.switchProducer("orders");

        // When
        control.tick();

        // Then
        assertThat(control.state("orders").drainTarget()).isEqualTo(Map.of(0, 4L));
        assertThat(routes.started).contains("orders-ckafka-consumer");
    }

    @Test
    void shouldRefuseToStartATopicWithoutStateWhoseCkafkaGroupWasAlreadySwitched() {
        // Given
        // The state was lost after a switch
        store.saved.clear();
        ckafka.committed.put(0, 7L);

        // When
        Throwable thrown = catchThrowable(this::newControl);

        // Then
        assertThat(thrown).isInstanceOf(StateStoreException.class)
                .hasMessageContaining("ckafka-group").hasMessageContaining("restore");
    }

    @Test
    void shouldNotLetASwitchWaitingForLegacySendsHoldUpTheMonitor() throws Exception {
        // Given
        // A send to legacy is under way, so the switch waits for it while holding the topic
        Cluster inFlight = producers.enter("orders");
        Thread switcher = new Thread(() -> {
            try {
                control.switchProducer("orders");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        switcher.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> phase() == Phase.DRAINING);

        // When
        control.tick();
        boolean switchStillWaiting = switcher.isAlive();

        // Then

        // The round came back while the switch still waits: it skipped the busy topic
        producers.leave("orders", inFlight);
        switcher.join(10_000);
        assertThat(inFlight).isEqualTo(Cluster.LEGACY);
        assertThat(switchStillWaiting).isTrue();
        assertThat(control.state("orders").drainTarget()).isNotEmpty();
    }

    @Test
    void shouldAuditEachSavedPhaseChangeAndTheDrainTargetWithTheirOffsets() throws Exception {
        // Given
        legacy.end.put(0, 5L);
        ckafka.end.put(0, 7L);

        // When
        switchAndRequestCutover();

        // Then
        assertThat(audit.events).extracting(e -> e.event() + ":" + e.details().get("from") + "->" + e.details().get("to"))
                .containsExactly("transition:null->LEGACY", "transition:LEGACY->DRAINING",
                        "drain-target:DRAINING->DRAINING", "transition:DRAINING->CUTTING_OVER");
        assertThat(audit.events.get(1).details()).containsEntry("ckafkaStartOffsets", new TreeMap<>(Map.of(0, 7L)));
        assertThat(audit.events.get(2).details()).containsEntry("drainTarget", new TreeMap<>(Map.of(0, 5L)));
    }

    @Test
    void shouldHandOverOnTheLegacyCommitThatReachesTheDrainTargetWithoutAMonitorRound() throws Exception {
        // Given
        // Requested while 5 records were still to drain; the CKafka consumer waits.
        legacy.end.put(0, 5L);
        switchAndRequestCutover();
        ckafkaConsumerWaits();
        legacy.committed.put(0, 5L);

        // When
        control.migration("orders").legacyCommitted(Map.of(0, 5L));

        // Then
        await().atMost(Duration.ofSeconds(10)).until(() -> phase() == Phase.MIGRATED);
        assertThat(control.ckafkaGate("orders").state()).isEqualTo(DeliveryGate.State.OPEN);
    }

    @Test
    void shouldHandOverRightAfterTheRequestWhenTheLegacyGroupDrainedBefore() throws Exception {
        // Given
        legacy.end.put(0, 5L);
        control.switchProducer("orders");
        ckafkaConsumerWaits();
        legacy.committed.put(0, 5L);
        control.migration("orders").legacyCommitted(Map.of(0, 5L));
        int[] woken = new int[1];
        control.migration("orders").waitingConsumer().wakeWith(() -> woken[0]++);

        // When
        control.requestCutover("orders");

        // Then
        // Without a monitor round
        assertThat(phase()).isEqualTo(Phase.MIGRATED);
        assertThat(woken[0]).isEqualTo(1);
    }

    @Test
    void shouldAcceptACutoverWhileTheGroupHoldsOnlyOurMembersADeadOneIncluded() throws Exception {
        // Given
        // Our member of before a crash has not expired yet, beside the one of this run.
        control.switchProducer("orders");
        ckafka.members.add(new GroupMembers.Member(Consumers.IDENTITY.clientId("orders", 1), "/10.0.0.1"));
        ckafka.members.add(new GroupMembers.Member(Consumers.IDENTITY.clientId("orders", 2), "/10.0.0.1"));

        // When
        MigrationState answered = control.requestCutover("orders");

        // Then
        assertThat(answered.phase()).isEqualTo(Phase.CUTTING_OVER);
        assertThat(answered.lastError()).isEmpty();
    }

    @Test
    void shouldRefuseACutoverNamingTheClientIdAndHostOfAForeignMember() throws Exception {
        // Given
        control.switchProducer("orders");
        ckafka.members.add(Consumers.FOREIGN);

        // When
        Throwable thrown = catchThrowable(() -> control.requestCutover("orders"));

        // Then
        assertThat(thrown).isInstanceOf(HandoffRefusedException.class)
                .hasMessageContaining("clientId=other-app-1 host=/10.0.0.9");
        assertThat(phase()).isEqualTo(Phase.DRAINING);
    }

    @Test
    void shouldMeasureThePauseAndTheDeliveryGapOfAHandoffAtItsFirstCkafkaDelivery() throws Exception {
        // Given
        // A legacy delivery, then the handoff.
        DeliveryGate legacyGate = control.legacyGate("orders");
        legacyGate.enter();
        legacyGate.leave();
        control.switchProducer("orders");
        ckafkaConsumerWaits();
        control.requestCutover("orders");
        DeliveryGate ckafkaGate = control.ckafkaGate("orders");
        ckafkaGate.enter();
        ckafkaGate.leave();

        // When
        control.tick();

        // Then
        MigrationState state = control.state("orders");
        assertThat(state.phase()).isEqualTo(Phase.MIGRATED);
        assertThat(state.handoffPauseMs()).get().satisfies(ms -> assertThat(ms).isBetween(0L, 10_000L));
        assertThat(state.deliveryGapMs()).get().satisfies(ms -> assertThat(ms).isGreaterThanOrEqualTo(state.handoffPauseMs().get()));
        assertThat(audit.events).extracting(AuditEvent::event).endsWith("handoff-measured");
    }

    @Test
    void shouldLeaveBothFiguresUnknownWhenARestartCameBetweenTheHandoffAndTheFirstCkafkaDelivery() throws Exception {
        // Given
        control.switchProducer("orders");
        ckafkaConsumerWaits();
        control.requestCutover("orders");
        control = newControl();
        DeliveryGate ckafkaGate = control.ckafkaGate("orders");
        ckafkaGate.enter();
        ckafkaGate.leave();

        // When
        control.tick();

        // Then
        assertThat(phase()).isEqualTo(Phase.MIGRATED);
        assertThat(control.state("orders").handoffPauseMs()).isEmpty();
        assertThat(control.state("orders").deliveryGapMs()).isEmpty();
    }
}
