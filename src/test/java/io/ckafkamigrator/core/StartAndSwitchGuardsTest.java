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
 * What refuses a start or a switch so that no record is replayed or skipped: a legacy group
 * without offsets, CKafka offsets of an earlier switch, a second instance with our identity, a
 * state older than the CKafka group, a topic shape changed after the switch.
 */
class StartAndSwitchGuardsTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final TopicConfig ORDERS = new TopicConfig("orders", "orders", "orders", "legacy-group",
            "ckafka-group", Ordering.ORDERED, false);

    private final FakeClusterOffsets legacy = new FakeClusterOffsets();
    private final FakeClusterOffsets ckafka = new FakeClusterOffsets();
    private final ProducerSwitch producers = new ProducerSwitch();
    private final InMemoryStateStore store = new InMemoryStateStore();
    private final RecordingAuditTrail audit = new RecordingAuditTrail();
    private final RecordingRoutes routes = new RecordingRoutes();

    private MigrationControl started(TopicConfig topic) {
        MigrationServices services = new MigrationServices(store, new Clusters<>(legacy, ckafka), routes,
                producers, Clock.fixed(NOW, ZoneOffset.UTC), audit, HandoffFaultHook.NONE, Consumers.IDENTITY);
        MigrationControl control = new MigrationControl(List.of(topic), services, Runnable::run);
        control.load();
        return control;
    }

    private static TopicConfig startingFrom(LegacyStartFrom from) {
        return new TopicConfig("orders", "orders", "orders", "legacy-group", "ckafka-group", Ordering.ORDERED, false, from);
    }

    private static MigrationState draining(Map<Integer, Long> ckafkaStart, TopicConfig shape) {
        return MigrationState.initial("orders", NOW).moveTo(Phase.DRAINING, NOW).withCkafkaStartOffsets(ckafkaStart)
                .withShape(TopicShape.of(shape));
    }

    @Test
    void shouldRefuseToStartWhenAPartitionThatHoldsRecordsHasNoLegacyOffsetNamingIt() {
        // Given
        // The group has an offset for partition 0 only; partition 1 holds records.
        legacy.end.putAll(Map.of(0, 5L, 1, 3L));
        legacy.committed.put(0, 5L);

        // When
        Throwable thrown = catchThrowable(() -> started(ORDERS));

        // Then
        assertThat(thrown).isInstanceOf(StartRefusedException.class)
                .hasMessageStartingWith("routes/topics/orders.yaml: legacy group 'legacy-group'")
                .hasMessageContaining("partition(s) [1]").hasMessageContaining("committed | earliest | latest");
        assertThat(legacy.commits).isEmpty();
    }

    @Test
    void shouldStartAGroupWithoutOffsetsOnPartitionsThatHoldNoRecord() {
        // Given
        legacy.end.putAll(Map.of(0, 0L, 1, 0L));

        // When
        MigrationControl control = started(ORDERS);

        // Then
        assertThat(control.state("orders").phase()).isEqualTo(Phase.LEGACY);
        assertThat(legacy.commits).isEmpty();
    }

    @Test
    void shouldCommitTheEndOffsetsOfPartitionsWithoutOneWithLatestAndAuditThem() {
        // Given
        legacy.end.putAll(Map.of(0, 5L, 1, 3L));
        legacy.committed.put(0, 2L);

        // When
        started(startingFrom(LegacyStartFrom.LATEST));

        // Then
        assertThat(legacy.commits).containsExactly(Map.of(1, 3L));
        assertThat(audit.events).anyMatch(e -> e.event().equals("legacy-start-offsets"));
    }

    @Test
    void shouldCommitTheLogStartOfPartitionsWithoutOneWithEarliest() {
        // Given
        legacy.end.putAll(Map.of(0, 5L));

        // When
        started(startingFrom(LegacyStartFrom.EARLIEST));

        // Then
        assertThat(legacy.commits).containsExactly(Map.of(0, 0L));
    }

    @Test
    void shouldRefuseTheSwitchWhenTheCkafkaGroupHasOffsetsOfAnEarlierSwitch() {
        // Given
        MigrationControl control = started(ORDERS);
        ckafka.committed.put(0, 7L);

        // When
        Throwable thrown = catchThrowable(() -> control.switchProducer("orders"));

        // Then
        assertThat(thrown).isInstanceOf(HandoffRefusedException.class).hasMessageContaining("{0=7}");
        assertThat(((HandoffRefusedException) thrown).code()).isEqualTo("ckafka_group_has_offsets");
        assertThat(control.state("orders").phase()).isEqualTo(Phase.LEGACY);
        assertThat(ckafka.commits).isEmpty();
    }

    @Test
    void shouldRefuseTheSwitchWhileAnotherMemberCarriesOurInstanceId() {
        // Given
        // Our consumer joined as m-ours; a copy of our state directory runs m-copy.
        MigrationControl control = started(ORDERS);
        control.migration("orders").waitingConsumer().joinedAs("m-ours");
        String clientId = Consumers.IDENTITY.clientId("orders", 1);
        ckafka.members.add(new GroupMembers.Member(clientId, "/10.0.0.1", "m-ours"));
        ckafka.members.add(new GroupMembers.Member(clientId, "/10.0.0.2", "m-copy"));

        // When
        Throwable thrown = catchThrowable(() -> control.switchProducer("orders"));

        // Then
        assertThat(thrown).isInstanceOf(HandoffRefusedException.class).hasMessageContaining("memberId=m-copy")
                .hasMessageContaining("copy of this state directory");
        assertThat(((HandoffRefusedException) thrown).code()).isEqualTo("ckafka_second_instance");
        assertThat(control.state("orders").phase()).isEqualTo(Phase.LEGACY);
    }

    @Test
    void shouldRefuseTheSwitchWhileTheCkafkaTopicIsMissingAndKeepTheTopicInLegacy() {
        // Given the start found the CKafka topic missing, and it still is
        MigrationControl control = started(ORDERS);
        control.watchCkafkaTopics(new CkafkaTopicPresence(java.util.Set.of("orders"), topic -> false,
                java.time.Duration.ofSeconds(5), System::nanoTime));
        int savedBefore = audit.events.size();

        // When
        Throwable thrown = catchThrowable(() -> control.switchProducer("orders"));

        // Then nothing was saved or moved
        assertThat(thrown).isInstanceOf(CkafkaTopicMissingException.class)
                .hasMessageContaining("POST /api/migrations/orders/provision");
        assertThat(control.state("orders").phase()).isEqualTo(Phase.LEGACY);
        assertThat(store.load("orders").orElseThrow().phase()).isEqualTo(Phase.LEGACY);
        assertThat(producers.cluster("orders")).contains(Cluster.LEGACY);
        assertThat(audit.events).hasSize(savedBefore);
        assertThat(control.readinessProblem("orders")).get().asString().contains("CKafka topic 'orders'");
    }

    @Test
    void shouldStartTheWaitingCkafkaConsumerOnlyOnceItsTopicExists() {
        // Given the start found the CKafka topic missing
        MigrationControl control = started(ORDERS);
        java.util.concurrent.atomic.AtomicBoolean exists = new java.util.concurrent.atomic.AtomicBoolean();
        CkafkaTopicPresence presence = new CkafkaTopicPresence(java.util.Set.of("orders"), topic -> exists.get(),
                java.time.Duration.ofSeconds(5), System::nanoTime);
        control.watchCkafkaTopics(presence);
        control.startConsumers();
        List<String> startedWhileMissing = List.copyOf(routes.started);

        // When provisioning created it
        presence.found("orders");

        // Then
        assertThat(startedWhileMissing).containsExactly(ORDERS.legacyConsumerRoute());
        assertThat(routes.started).containsExactly(ORDERS.legacyConsumerRoute(), ORDERS.ckafkaConsumerRoute());
    }

    @Test
    void shouldSwitchWhenTheOnlyMemberWithOurIdIsOurConsumer() throws Exception {
        // Given
        MigrationControl control = started(ORDERS);
        control.migration("orders").waitingConsumer().joinedAs("m-ours");
        ckafka.members.add(new GroupMembers.Member(Consumers.IDENTITY.clientId("orders", 1), "/10.0.0.1", "m-ours"));

        // When
        MigrationState switched = control.switchProducer("orders");

        // Then
        assertThat(switched.phase()).isEqualTo(Phase.DRAINING);
        assertThat(switched.shape()).contains(TopicShape.of(ORDERS));
    }

    @Test
    void shouldRefuseToStartAStateInLegacyWhileTheCkafkaGroupHasOffsets() {
        // Given
        store.save(MigrationState.initial("orders", NOW));
        ckafka.committed.put(0, 4L);

        // When
        Throwable thrown = catchThrowable(() -> started(ORDERS));

        // Then
        assertThat(thrown).isInstanceOf(StartRefusedException.class).hasMessageContaining("says LEGACY");
    }

    @Test
    void shouldRefuseToStartAnOrderedTopicWhoseCkafkaOffsetsArePastTheSavedStartOffsets() {
        // Given
        store.save(draining(Map.of(0, 5L), ORDERS));
        ckafka.committed.put(0, 9L);

        // When
        Throwable thrown = catchThrowable(() -> started(ORDERS));

        // Then
        assertThat(thrown).isInstanceOf(StartRefusedException.class).hasMessageContaining("start offsets {0=5}")
                .hasMessageContaining("{0=9}");
    }

    @Test
    void shouldStartAnOrderedTopicWhoseWaitingConsumerHasNotCommittedTheStartOffsetsAnAcceptedExpiryMoved() {
        // Given
        // The expired backlog was accepted: the saved start offset moved from 5 to the log start 8,
        // and the restart came before the waiting consumer committed 8
        store.save(draining(Map.of(0, 8L), ORDERS));
        ckafka.committed.put(0, 5L);
        ckafka.logStart.put(0, 8L);

        // When
        MigrationControl control = started(ORDERS);

        // Then
        assertThat(control.state("orders").ckafkaStartOffsets()).isEqualTo(Map.of(0, 8L));
    }

    @Test
    void shouldStartAnUnorderedTopicWhoseCkafkaGroupDeliveredPastTheStartOffsets() {
        // Given
        TopicConfig unordered = new TopicConfig("orders", "orders", "orders", "legacy-group", "ckafka-group",
                Ordering.UNORDERED, false);
        store.save(draining(Map.of(0, 5L), unordered));
        ckafka.committed.put(0, 9L);

        // When
        MigrationControl control = started(unordered);

        // Then
        assertThat(control.state("orders").phase()).isEqualTo(Phase.DRAINING);
    }

    @Test
    void shouldRefuseToStartWhenTheOrderingChangedAfterTheSwitch() {
        // Given
        store.save(draining(Map.of(0, 5L), ORDERS));
        TopicConfig unordered = new TopicConfig("orders", "orders", "orders", "legacy-group", "ckafka-group",
                Ordering.UNORDERED, false);

        // When
        Throwable thrown = catchThrowable(() -> started(unordered));

        // Then
        assertThat(thrown).isInstanceOf(StartRefusedException.class).hasMessage("routes/topics/orders.yaml: parameter "
                + "'ordering' is 'unordered', but topic 'orders' left LEGACY with 'ordered' (its migration state is "
                + "DRAINING); a topic's ordering cannot change once it moves: set it back to 'ordered'");
    }

    @Test
    void shouldStartAMigratedTopicWhoseLegacyGroupAndTopicChanged() {
        // Given
        // Legacy is decommissioned after the migration; the topic file now names other legacy parts
        store.save(draining(Map.of(0, 5L), ORDERS).moveTo(Phase.MIGRATED, NOW));
        TopicConfig legacyChanged = new TopicConfig("orders", "orders-old", "orders", "another-group", "ckafka-group",
                Ordering.ORDERED, false);

        // When
        MigrationControl control = started(legacyChanged);

        // Then
        assertThat(control.state("orders").phase()).isEqualTo(Phase.MIGRATED);
    }

    @Test
    void shouldRefuseToStartAMigratedTopicWhoseCkafkaGroupChanged() {
        // Given
        store.save(draining(Map.of(0, 5L), ORDERS).moveTo(Phase.MIGRATED, NOW));
        TopicConfig ckafkaChanged = new TopicConfig("orders", "orders", "orders", "legacy-group", "another-group",
                Ordering.ORDERED, false);

        // When
        Throwable thrown = catchThrowable(() -> started(ckafkaChanged));

        // Then
        assertThat(thrown).isInstanceOf(StartRefusedException.class).hasMessageContaining("parameter 'ckafkaGroup'");
    }

    @Test
    void shouldTakeTheRouteFilesShapeForAStateSavedBeforeShapesWereKept() {
        // Given
        store.save(MigrationState.initial("orders", NOW).moveTo(Phase.DRAINING, NOW).withCkafkaStartOffsets(Map.of(0, 5L)));

        // When
        started(ORDERS);

        // Then
        assertThat(store.load("orders").orElseThrow().shape()).contains(TopicShape.of(ORDERS));
    }
}
