package io.ckafkamigrator.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Each topic's monitor round on its own: one topic's failing or stuck round never holds up another's. */
class TopicRoundsTest {

    private static final TopicConfig ORDERS = topic("orders");
    private static final TopicConfig PAYMENTS = topic("payments");

    private final ProducerSwitch producers = new ProducerSwitch();
    private final FailingStateStore store = new FailingStateStore();
    private final StuckLegacy legacy = new StuckLegacy();
    private final PerGroupOffsets ckafka = new PerGroupOffsets();
    private MigrationControl control;

    private static TopicConfig topic(String name) {
        return new TopicConfig(name, name, name, name + "-legacy-group", name + "-ckafka-group", Ordering.UNORDERED,
                false);
    }

    /** Both topics, handoffs run at once; monitor rounds on the caller's thread, or on a thread per topic when null. */
    private MigrationControl startControl(java.util.function.Function<String, java.util.concurrent.Executor> monitor) {
        MigrationServices services = new MigrationServices(store, new Clusters<>(legacy, ckafka), new RecordingRoutes(),
                producers, Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC), AuditTrail.NONE,
                HandoffFaultHook.NONE, Consumers.IDENTITY);
        control = new MigrationControl(List.of(ORDERS, PAYMENTS), services, Runnable::run, monitor);
        control.load();
        control.startConsumers();
        return control;
    }

    @AfterEach
    void close() {
        legacy.release.countDown();
        if (control != null) {
            control.close();
        }
    }

    @Test
    void shouldRunTheNextTopicsRoundWhenARoundBeforeItThrows() throws Exception {
        // Given
        // Both switches are saved but their drain targets were not captured (legacy did not answer),
        // and from now on nothing of the first topic can be saved
        startControl(topic -> Runnable::run);
        legacy.end.put(0, 4L);
        legacy.failEndOffsetsAfterNextRead();
        control.switchProducer("orders");
        legacy.failEndOffsetsAfterNextRead();
        control.switchProducer("payments");
        store.failing.add("orders");

        // When
        control.tick();

        // Then
        assertThat(control.state("orders").drainTarget()).isEmpty();
        assertThat(control.state("payments").drainTarget()).isEqualTo(Map.of(0, 4L));
    }

    @Test
    void shouldHandOverATopicWhileAnotherTopicsRoundIsStuckInAClusterCall() throws Exception {
        // Given
        // Both topics switched with 4 records to drain; the first topic's measurement will hang
        startControl(null);
        legacy.end.put(0, 4L);
        control.switchProducer("orders");
        control.switchProducer("payments");
        legacy.stuckTopic = "orders";
        control.tick();
        await().atMost(Duration.ofSeconds(5)).until(() -> legacy.stuck.getCount() == 0);

        // When

        // Payments' legacy group drains; only a measurement sees it (its last offset is a marker)
        legacy.committed.put(0, 3L);
        legacy.recordsUpTo = 3;
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).until(() -> {
            control.tick();
            return control.state("payments").phase() == Phase.MIGRATED;
        });

        // Then
        assertThat(control.state("orders").phase()).isEqualTo(Phase.DRAINING);
        assertThat(legacy.release.getCount()).isEqualTo(1);
    }

    /** A store whose saves of the named topics fail, as a state file that cannot be written. */
    private static final class FailingStateStore extends InMemoryStateStore {

        final Set<String> failing = java.util.concurrent.ConcurrentHashMap.newKeySet();

        @Override
        public void save(MigrationState state) {
            if (failing.contains(state.topic())) {
                throw new StateStoreException("cannot write the state of " + state.topic(), null);
            }
            super.save(state);
        }
    }

    /** Legacy offsets whose measurement of one topic hangs until released, as a cluster call waiting for its timeout. */
    /** CKafka with each group's committed offsets apart: both topics switch on the same cluster. */
    private static final class PerGroupOffsets extends FakeClusterOffsets {

        final Map<String, Map<Integer, Long>> byGroup = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public Map<Integer, Long> committedOffsets(String group, String topic) {
            return Map.copyOf(byGroup.getOrDefault(group, Map.of()));
        }

        @Override
        public void commitOffsets(String group, String topic, Map<Integer, Long> offsets) {
            byGroup.computeIfAbsent(group, g -> new java.util.concurrent.ConcurrentHashMap<>()).putAll(offsets);
        }
    }

    private static final class StuckLegacy extends FakeClusterOffsets {

        volatile String stuckTopic;
        final CountDownLatch stuck = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public GroupOffsets groupOffsets(String group, String topic, Set<Integer> partitions) {
            if (topic.equals(stuckTopic)) {
                stuck.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return super.groupOffsets(group, topic, partitions);
        }
    }
}
