package io.ckafkamigrator.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * The migration of services the app does not host, with in-memory clusters, store and routes:
 * external producers move between prepare and producers-switched, external consumers are
 * watched through their groups, and the hooks are called, retried and remembered.
 */
class ExternalServicesTest {

    private static final TopicConfig ORDERED = new TopicConfig("orders", "orders", "orders", "legacy-group",
            "ckafka-group", Ordering.ORDERED, false).withSides(Side.EXTERNAL, Side.EXTERNAL);
    private static final TopicConfig UNORDERED = new TopicConfig("orders", "orders", "orders", "legacy-group",
            "ckafka-group", Ordering.UNORDERED, false).withSides(Side.EXTERNAL, Side.EXTERNAL);
    private static final GroupMembers.Member OLD_SERVICE = new GroupMembers.Member("orders-service-1", "/10.0.0.7");

    private final FakeClusterOffsets legacy = new FakeClusterOffsets();
    private final FakeClusterOffsets ckafka = new FakeClusterOffsets();
    private final ProducerSwitch producers = new ProducerSwitch();
    private final RecordingStateStore store = new RecordingStateStore(producers);
    private final RecordingRoutes routes = new RecordingRoutes();
    private final RecordingAuditTrail audit = new RecordingAuditTrail();
    private final RecordingHooks hooks = new RecordingHooks();
    private MigrationControl control;

    /** Hook routes that exist for every hook, record each call and fail the first {@link #failures} calls. */
    private static final class RecordingHooks implements Hooks {
        final List<String> calls = new CopyOnWriteArrayList<>();
        final AtomicInteger failures = new AtomicInteger();
        /** A route that fails every call, whatever {@link #failures} says; null for none. */
        volatile String down;

        @Override
        public boolean defined(String routeId) {
            return true;
        }

        @Override
        public void call(String routeId, HookCall call) {
            calls.add(routeId + "@" + call.phase());
            if (routeId.equals(down) || failures.getAndDecrement() > 0) {
                throw new IllegalStateException("hook endpoint answered 500");
            }
        }
    }

    /** A control over the same clusters, store and hooks, as after a restart. */
    private MigrationControl start(TopicConfig topic) {
        MigrationServices services = new MigrationServices(store, new Clusters<>(legacy, ckafka), routes, producers,
                Clock.fixed(Instant.parse("2026-12-02T10:00:00Z"), ZoneOffset.UTC), audit, HandoffFaultHook.NONE,
                Consumers.IDENTITY, new ExternalSides(hooks, Duration.ZERO));
        // Handoff attempts and monitor rounds run at once on the calling thread.
        MigrationControl c = new MigrationControl(List.of(topic), services, Runnable::run);
        c.load();
        c.startConsumers();
        control = c;
        return c;
    }

    private Phase phase() {
        return control.state("orders").phase();
    }

    /** Prepared, producers switched at legacy end 5, the old service's group still at 3 and running. */
    private void drainingWithTarget(TopicConfig topic) throws InterruptedException {
        start(topic);
        legacy.end.put(0, 5L);
        legacy.committed.put(0, 3L);
        legacy.members.add(OLD_SERVICE);
        ckafka.end.put(0, 7L);
        control.prepare("orders");
        control.producersSwitched("orders");
    }

    @Test
    void shouldRefuseTheSwitchOfExternalProducersAndLeaveTheTopicInLegacy() {
        // Given
        start(ORDERED);

        // When
        Throwable thrown = catchThrowable(() -> control.switchProducer("orders"));

        // Then
        assertThat(thrown).isInstanceOf(WrongSideException.class).hasMessageContaining("/prepare");
        assertThat(((WrongSideException) thrown).code()).isEqualTo("producers_external");
        assertThat(phase()).isEqualTo(Phase.LEGACY);
    }

    @Test
    void shouldRefuseRecordsOnTheRouteOfExternalProducers() {
        // Given
        start(ORDERED);

        // When
        Throwable thrown = catchThrowable(() -> producers.enter("orders"));

        // Then
        assertThat(thrown).isInstanceOf(WrongSideException.class);
        assertThat(((WrongSideException) thrown).code()).isEqualTo("producers_external");
    }

    @Test
    void shouldCommitTheStartOffsetsAtPrepareWithoutCapturingADrainTarget() throws Exception {
        // Given
        start(ORDERED);
        legacy.end.put(0, 5L);
        ckafka.end.put(0, 7L);

        // When
        control.prepare("orders");

        // Then
        MigrationState state = control.state("orders");
        assertThat(state.phase()).isEqualTo(Phase.DRAINING);
        assertThat(state.ckafkaStartOffsets()).isEqualTo(Map.of(0, 7L));
        assertThat(state.drainTarget()).isEmpty();
        assertThat(ckafka.commits).containsExactly(Map.of(0, 7L));
        assertThat(routes.started).isEmpty();
    }

    @Test
    void shouldRefusePrepareWhileTheCkafkaGroupHasAMember() throws Exception {
        // Given
        start(ORDERED);
        ckafka.members.add(Consumers.FOREIGN);

        // When
        Throwable thrown = catchThrowable(() -> control.prepare("orders"));

        // Then
        assertThat(thrown).isInstanceOf(HandoffRefusedException.class);
        assertThat(((HandoffRefusedException) thrown).code()).isEqualTo("ckafka_group_active");
        assertThat(phase()).isEqualTo(Phase.LEGACY);
        assertThat(ckafka.commits).isEmpty();
    }

    @Test
    void shouldRefuseProducersSwitchedBeforePrepare() {
        // Given
        start(ORDERED);

        // When
        Throwable thrown = catchThrowable(() -> control.producersSwitched("orders"));

        // Then
        assertThat(thrown).isInstanceOf(IllegalPhaseException.class).hasMessageContaining("prepare first");
    }

    @Test
    void shouldTakeTheLegacyEndOffsetsAsDrainTargetWhenTheOperatorSaysTheProducersSwitched() throws Exception {
        // Given
        start(ORDERED);
        ckafka.end.put(0, 7L);
        control.prepare("orders");
        legacy.end.put(0, 9L); // the producers wrote to legacy while they were repointed

        // When
        control.producersSwitched("orders");

        // Then
        assertThat(control.state("orders").drainTarget()).isEqualTo(Map.of(0, 9L));
        assertThat(audit.events).extracting(AuditEvent::event).contains("drain-target");
    }

    @Test
    void shouldRefusePrepareForHostedProducers() {
        // Given
        start(new TopicConfig("orders", "orders", "orders", "legacy-group", "ckafka-group", Ordering.ORDERED, false)
                .withSides(Side.HOSTED, Side.EXTERNAL));

        // When
        Throwable thrown = catchThrowable(() -> control.prepare("orders"));

        // Then
        assertThat(thrown).isInstanceOf(WrongSideException.class);
        assertThat(((WrongSideException) thrown).code()).isEqualTo("producers_hosted");
    }

    @Test
    void shouldNotHandOverWhileTheOldConsumerServiceIsInTheLegacyGroup() throws Exception {
        // Given
        drainingWithTarget(ORDERED);
        control.requestCutover("orders");
        legacy.committed.put(0, 5L); // the old service consumed everything, but runs on

        // When
        await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> {
            control.tick();
            assertThat(hooks.calls).contains("orders-stop-legacy-consumers@CUTTING_OVER");
        });

        // Then
        for (int round = 0; round < 30; round++) {
            control.tick(); // rounds over more than the two looks a second apart the handoff needs
            Thread.sleep(50);
        }
        assertThat(phase()).isEqualTo(Phase.CUTTING_OVER);
        assertThat(control.migration("orders").externalConsumers().orElseThrow().legacyGroupMembers()).contains(1);
        assertThat(hooks.calls).doesNotContain("orders-start-ckafka-consumers@MIGRATED");
    }

    @Test
    void shouldHandOverOnceTheOldServiceLeftItsGroupAndThenAskTheStartHook() throws Exception {
        // Given
        drainingWithTarget(ORDERED);
        control.requestCutover("orders");
        legacy.committed.put(0, 5L);
        control.tick();

        // When
        legacy.members.clear(); // the stop hook (or the operator) stopped it

        // Then
        await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> {
            control.tick();
            assertThat(phase()).isEqualTo(Phase.MIGRATED);
        });
        await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> assertThat(hooks.calls)
                .contains("orders-start-ckafka-consumers@MIGRATED", "orders-on-phase@MIGRATED"));
        assertThat(control.migration("orders").externalConsumers().orElseThrow().findings()).isEmpty();
    }

    @Test
    void shouldRefuseTheHandoffAndReportANewConsumerStartedBeforeMigrated() throws Exception {
        // Given
        drainingWithTarget(ORDERED);
        control.requestCutover("orders");
        legacy.committed.put(0, 5L);
        legacy.members.clear();

        // When
        ckafka.members.add(Consumers.FOREIGN);

        // Then
        await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> {
            control.tick();
            assertThat(control.state("orders").lastError()).hasValueSatisfying(e -> assertThat(e).contains("before the handoff"));
        });
        assertThat(phase()).isEqualTo(Phase.CUTTING_OVER);
        ExternalConsumersView view = control.migration("orders").externalConsumers().orElseThrow();
        assertThat(view.findings()).extracting(ConsumerFinding::kind).containsExactly(ConsumerFinding.Kind.CKAFKA_CONSUMER_EARLY);
        assertThat(view.count(ConsumerFinding.Kind.CKAFKA_CONSUMER_EARLY)).isEqualTo(1);
        assertThat(audit.events).extracting(AuditEvent::event).contains("consumer-check");
    }

    @Test
    void shouldReportACkafkaGroupThatMovedPastItsStartOffsetsBeforeTheHandoff() throws Exception {
        // Given
        drainingWithTarget(ORDERED);
        control.requestCutover("orders");
        legacy.committed.put(0, 5L);
        legacy.members.clear();

        // When
        ckafka.committed.put(0, 8L); // a consumer read one record and stopped again

        // Then
        await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> {
            control.tick();
            assertThat(phase()).isEqualTo(Phase.MIGRATED);
        });
        assertThat(control.migration("orders").externalConsumers().orElseThrow().findings())
                .extracting(ConsumerFinding::kind).containsExactly(ConsumerFinding.Kind.CKAFKA_GROUP_MOVED);
    }

    @Test
    void shouldAskTheStartHookAtPrepareForUnorderedConsumersAndMigrateOnceTheOldServiceStopped() throws Exception {
        // Given
        drainingWithTarget(UNORDERED);
        legacy.committed.put(0, 5L);

        // When
        legacy.members.clear();

        // Then
        await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> {
            control.tick();
            assertThat(phase()).isEqualTo(Phase.MIGRATED);
        });
        await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> assertThat(hooks.calls)
                .contains("orders-start-ckafka-consumers@DRAINING", "orders-stop-legacy-consumers@DRAINING"));
        assertThat(hooks.calls.indexOf("orders-start-ckafka-consumers@DRAINING"))
                .isLessThan(hooks.calls.indexOf("orders-stop-legacy-consumers@DRAINING"));
    }

    @Test
    void shouldRetryAFailingHookUntilItSucceedsAndRecordItInTheSavedState() throws Exception {
        // Given
        start(ORDERED);
        hooks.failures.set(2);
        ckafka.end.put(0, 7L);

        // When
        control.prepare("orders"); // on-phase DRAINING, refused twice

        // Then
        await().atMost(15, TimeUnit.SECONDS).untilAsserted(() -> assertThat(control.state("orders").hooksDone())
                .contains("on-phase:DRAINING"));
        assertThat(hooks.calls).containsExactly("orders-on-phase@DRAINING", "orders-on-phase@DRAINING",
                "orders-on-phase@DRAINING");
        HookStatus status = control.migration("orders").hookStatus().get(Hook.ON_PHASE);
        assertThat(status.attempts()).isEqualTo(3);
        assertThat(status.failures()).isEqualTo(2);
        assertThat(status.lastError()).isEmpty();
        assertThat(audit.events).filteredOn(e -> e.event().equals("hook")).extracting(e -> e.details().get("outcome"))
                .containsExactly("failed", "succeeded");
        assertThat(store.load("orders").orElseThrow().hooksDone()).contains("on-phase:DRAINING");
    }

    @Test
    void shouldNotMakeAHookCallAgainAfterARestartOnceItSucceeded() throws Exception {
        // Given
        start(ORDERED);
        ckafka.end.put(0, 7L);
        control.prepare("orders");
        await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> assertThat(control.state("orders").hooksDone())
                .contains("on-phase:DRAINING"));
        control.close();

        // When
        start(ORDERED);

        // Then
        assertThat(control.migration("orders").hookStatus().get(Hook.ON_PHASE).pending()).isFalse();
        assertThat(hooks.calls).containsExactly("orders-on-phase@DRAINING");
    }

    @Test
    void shouldMakeTheOnPhaseCallOfTheSavedPhaseAfterARestartThatInterruptedIt() throws Exception {
        // Given
        start(ORDERED);
        hooks.failures.set(Integer.MAX_VALUE);
        ckafka.end.put(0, 7L);
        control.prepare("orders");
        control.close();
        hooks.failures.set(0);
        hooks.calls.clear();

        // When
        start(ORDERED);

        // Then
        await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> assertThat(control.state("orders").hooksDone())
                .contains("on-phase:DRAINING"));
        assertThat(hooks.calls).containsExactly("orders-on-phase@DRAINING");
    }

    @Test
    void shouldStartTheNewServicesWhileTheOnPhaseWebhookIsDown() throws Exception {
        // Given
        hooks.down = "orders-on-phase";
        start(UNORDERED);
        ckafka.end.put(0, 7L);

        // When
        control.prepare("orders");

        // Then
        await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> assertThat(control.state("orders").hooksDone())
                .contains("start-ckafka-consumers"));
        assertThat(control.migration("orders").hookStatus().get(Hook.ON_PHASE).pending()).isTrue();
        assertThat(control.state("orders").hooksDone()).doesNotContain("on-phase:DRAINING");
    }

    @Test
    void shouldCallTheStopHookAgainForTheNewTargetAfterStrayWritesWereAccepted() throws Exception {
        // Given
        drainingWithTarget(ORDERED);
        control.requestCutover("orders");
        legacy.committed.put(0, 5L);
        await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> {
            control.tick();
            assertThat(control.state("orders").hooksDone()).contains("stop-legacy-consumers");
        });
        legacy.end.put(0, 6L); // a stray write: the old service was stopped before it came

        // When
        control.acceptStrayWrites("orders");

        // Then
        assertThat(control.state("orders").drainTarget()).isEqualTo(Map.of(0, 6L));
        assertThat(control.state("orders").hooksDone()).doesNotContain("stop-legacy-consumers");
    }
}
