package io.ckafkamigrator.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The control's decisions, with in-memory clusters, store and routes: no broker, no Camel. */
class MigrationControlTest {

    private static final TopicConfig ORDERS = new TopicConfig("orders", "orders", "orders", "legacy-group",
            "ckafka-group", Ordering.ORDERED, false);

    /** One cluster's offsets, settable by the test. */
    static final class FakeCluster implements ClusterOffsets {
        Map<Integer, Long> end = new HashMap<>(Map.of(0, 0L));
        Map<Integer, Long> committed = new HashMap<>();
        int members;
        boolean stable;
        int endOffsetFailures;
        final List<Map<Integer, Long>> commits = new ArrayList<>();

        @Override
        public Map<Integer, Long> endOffsets(String topic) {
            if (endOffsetFailures > 0) {
                endOffsetFailures--;
                throw new IllegalStateException("cluster did not answer");
            }
            return Map.copyOf(end);
        }

        @Override
        public Map<Integer, Long> logStartOffsets(String topic) {
            return Map.of(0, 0L);
        }

        @Override
        public Map<Integer, Long> committedOffsets(String group, String topic) {
            return Map.copyOf(committed);
        }

        /** Offsets below this hold no record a consumer would deliver (markers, compaction gaps). */
        long recordsUpTo = Long.MAX_VALUE;
        int probes;

        @Override
        public boolean hasRecords(String topic, int partition, long from, long to) {
            probes++;
            return from < Math.min(to, recordsUpTo);
        }

        @Override
        public void commitOffsets(String group, String topic, Map<Integer, Long> offsets) {
            commits.add(Map.copyOf(offsets));
            committed.putAll(offsets);
        }

        @Override
        public int activeMembers(String group) {
            return members;
        }

        @Override
        public boolean hasStableMembers(String group) {
            return stable;
        }
    }

    /** Remembers saves, and where the producer pointed when each was saved. */
    final class RecordingStore extends InMemoryStateStore {
        final List<String> producerAtSave = new ArrayList<>();

        @Override
        public void save(MigrationState state) {
            super.save(state);
            producerAtSave.add(state.phase() + "@" + producers.cluster(state.topic()));
        }
    }

    final class RecordingRoutes implements RouteControl {
        final List<String> started = new ArrayList<>();
        final List<String> stopped = new ArrayList<>();

        @Override
        public void start(String routeId) {
            started.add(routeId);
        }

        @Override
        public synchronized void stop(String routeId, Duration timeout) {
            stopped.add(routeId);
        }
    }

    private final FakeCluster legacy = new FakeCluster();
    private final FakeCluster ckafka = new FakeCluster();
    private final ProducerSwitch producers = new ProducerSwitch();
    private final RecordingStore store = new RecordingStore();
    private final RecordingRoutes routes = new RecordingRoutes();
    private MigrationControl control;

    private final List<AuditEvent> audited = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AuditTrail audit = new AuditTrail() {
        @Override
        public void record(AuditEvent event) {
            audited.add(event);
        }

        @Override
        public List<String> history(String topic) {
            return audited.stream().map(AuditEvent::toJson).toList();
        }
    };

    @BeforeEach
    void startControl() {
        control = newControl();
    }

    private MigrationControl newControl() {
        MigrationControl c = new MigrationControl(List.of(ORDERS), store, legacy, ckafka, routes, producers,
                Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC), audit);
        c.load();
        c.startConsumers();
        return c;
    }

    private void switchAndRequestCutover() throws InterruptedException {
        control.switchProducer("orders");
        control.requestCutover("orders");
    }

    /** The CKafka group holds its partitions with this many members. */
    private void ckafkaGroupJoined(int members) {
        ckafka.members = members;
        ckafka.stable = true;
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
        assertThat(producers.cluster("orders")).isEqualTo("ckafka");
        assertThat(control.state("orders").drainTarget()).isEqualTo(Map.of(0, 5L));
        assertThat(control.state("orders").ckafkaStartOffsets()).isEqualTo(Map.of(0, 7L));
        assertThat(ckafka.commits).containsExactly(Map.of(0, 7L));
        assertThat(routes.started).containsExactly("orders-legacy-consumer", "orders-ckafka-consumer");
        assertThat(control.ckafkaGate("orders").state()).isEqualTo(DeliveryGate.State.HOLD);
    }

    @Test
    void givenTheLegacyGroupStillCommitting_whenTheMonitorMeasures_thenItDoesNotProbeTheLog() throws Exception {
        // Given: 10 records to drain, a cutover requested, the CKafka consumer in its group
        legacy.end.put(0, 10L);
        switchAndRequestCutover();
        ckafkaGroupJoined(1);

        // When: the legacy consumer commits further before each round
        for (long committed = 2; committed <= 8; committed += 2) {
            legacy.committed.put(0, committed);
            control.tick();
        }

        // Then
        assertThat(legacy.probes).isZero();
        assertThat(control.state("orders").phase()).isEqualTo(Phase.CUTTING_OVER);
    }

    @Test
    void givenTheLegacyGroupStoppedShortOfItsTargetOnMarkers_whenTheNextRoundProbes_thenTheHandoffHappens()
            throws Exception {
        // Given: the last two offsets before the target are transaction markers
        legacy.end.put(0, 10L);
        legacy.recordsUpTo = 8;
        switchAndRequestCutover();
        ckafkaGroupJoined(1);
        legacy.committed.put(0, 8L);
        control.tick();
        assertThat(control.state("orders").phase()).as("still moving: not drained yet").isEqualTo(Phase.CUTTING_OVER);

        // When: the committed offset stays where it is
        control.tick();

        // Then
        assertThat(legacy.probes).isPositive();
        assertThat(control.state("orders").phase()).isEqualTo(Phase.MIGRATED);
    }

    @Test
    void shouldTreatARepeatedSwitchAsNoOp() throws Exception {
        control.switchProducer("orders");
        MigrationState first = control.state("orders");

        assertThat(control.switchProducer("orders")).isEqualTo(first);
        assertThat(ckafka.commits).hasSize(1);
    }

    @Test
    void shouldRefuseACutoverBeforeTheSwitch() {
        assertThatThrownBy(() -> control.requestCutover("orders")).isInstanceOf(IllegalPhaseException.class)
                .hasMessageContaining("LEGACY");
    }

    @Test
    void shouldRefuseTheSwitchWhileSomeoneConsumesTheCkafkaGroup() {
        ckafka.members = 1;

        assertThatThrownBy(() -> control.switchProducer("orders")).isInstanceOf(HandoffRefusedException.class);
        assertThat(control.state("orders").phase()).isEqualTo(Phase.LEGACY);
        assertThat(producers.cluster("orders")).isEqualTo("legacy");
    }

    @Test
    void shouldHandOverOnlyOnceDrainedAndTheCkafkaConsumerHoldsItsPartitions() throws Exception {
        // Given: switched with 5 records left in legacy, cutover requested
        legacy.end.put(0, 5L);
        switchAndRequestCutover();
        legacy.committed.put(0, 3L);

        // When / Then: not drained
        control.tick();
        assertThat(control.state("orders").phase()).isEqualTo(Phase.CUTTING_OVER);

        // When / Then: drained, but the CKafka consumer has not joined yet
        legacy.committed.put(0, 5L);
        control.tick();
        assertThat(control.state("orders").phase()).isEqualTo(Phase.CUTTING_OVER);

        // When / Then: joined
        ckafkaGroupJoined(1);
        control.tick();
        assertThat(control.state("orders").phase()).isEqualTo(Phase.MIGRATED);
        assertThat(control.legacyGate("orders").state()).isEqualTo(DeliveryGate.State.RETIRED);
        assertThat(control.ckafkaGate("orders").state()).isEqualTo(DeliveryGate.State.OPEN);
    }

    @Test
    void shouldHoldTheHandoffWhileLegacyReceivesStrayWrites() throws Exception {
        legacy.end.put(0, 5L);
        switchAndRequestCutover();
        legacy.committed.put(0, 5L);
        legacy.end.put(0, 6L);
        ckafkaGroupJoined(1);

        control.tick();

        assertThat(control.state("orders").phase()).isEqualTo(Phase.CUTTING_OVER);
        assertThat(control.lastDrainReport("orders")).get().extracting(DrainReport::strayWrites).isEqualTo(1L);
    }

    @Test
    void shouldResumeAfterARestartWithoutStartingTheLegacyConsumerOnceMigrated() throws Exception {
        // Given
        switchAndRequestCutover();
        ckafkaGroupJoined(1);
        control.tick();
        routes.started.clear();

        // When
        MigrationControl restarted = newControl();

        // Then
        assertThat(restarted.state("orders").phase()).isEqualTo(Phase.MIGRATED);
        assertThat(producers.cluster("orders")).isEqualTo("ckafka");
        assertThat(routes.started).containsExactly("orders-ckafka-consumer");
        assertThat(restarted.ckafkaGate("orders").state()).isEqualTo(DeliveryGate.State.OPEN);
    }

    @Test
    void shouldRefuseTheHandoffWhileAForeignConsumerSharesTheCkafkaGroup() throws Exception {
        switchAndRequestCutover();
        ckafkaGroupJoined(2);

        control.tick();

        assertThat(control.state("orders").phase()).isEqualTo(Phase.CUTTING_OVER);
        assertThat(control.state("orders").lastError()).get().asString().contains("2 active members");
    }

    @Test
    void shouldFinishASavedSwitchWhoseLaterStepFailed() throws Exception {
        // Given: legacy does not answer when the drain target is captured
        legacy.end.put(0, 4L);
        legacy.endOffsetFailures = 1;

        // When
        MigrationState answered = control.switchProducer("orders");

        // Then: switched and saying why it is not finished; the monitor finishes it
        assertThat(answered.phase()).isEqualTo(Phase.DRAINING);
        assertThat(answered.lastError()).get().asString().contains("did not answer");
        assertThat(producers.cluster("orders")).isEqualTo("ckafka");
        control.tick();
        assertThat(control.state("orders").drainTarget()).isEqualTo(Map.of(0, 4L));
        assertThat(routes.started).contains("orders-ckafka-consumer");
    }

    @Test
    void shouldRefuseToStartATopicWithoutStateWhoseCkafkaGroupWasAlreadySwitched() {
        // Given: the state was lost after a switch
        store.saved.clear();
        ckafka.committed.put(0, 7L);

        // When / Then
        assertThatThrownBy(this::newControl).isInstanceOf(StateStoreException.class)
                .hasMessageContaining("ckafka-group").hasMessageContaining("restore");
    }

    @Test
    void shouldNotLetASwitchWaitingForLegacySendsHoldUpTheMonitor() throws Exception {
        // Given: a send to legacy is under way, so the switch waits for it while holding the topic
        assertThat(producers.enter("orders")).isEqualTo("legacy");
        Thread switcher = new Thread(() -> {
            try {
                control.switchProducer("orders");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        switcher.start();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> control.state("orders").phase() == Phase.DRAINING);

        // When
        control.tick();

        // Then: the round came back while the switch still waits: it skipped the busy topic
        boolean switchStillWaiting = switcher.isAlive();
        producers.leave("orders", "legacy");
        switcher.join(10_000);
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
        assertThat(audited).extracting(e -> e.event() + ":" + e.details().get("from") + "->" + e.details().get("to"))
                .containsExactly("transition:null->LEGACY", "transition:LEGACY->DRAINING",
                        "drain-target:DRAINING->DRAINING", "transition:DRAINING->CUTTING_OVER");
        assertThat(audited.get(1).details()).containsEntry("ckafkaStartOffsets", new java.util.TreeMap<>(Map.of(0, 7L)));
        assertThat(audited.get(2).details()).containsEntry("drainTarget", new java.util.TreeMap<>(Map.of(0, 5L)));
    }
}
