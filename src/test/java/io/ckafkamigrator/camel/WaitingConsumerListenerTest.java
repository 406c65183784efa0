package io.ckafkamigrator.camel;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.ckafkamigrator.core.ClusterOffsets;
import io.ckafkamigrator.core.Clusters;
import io.ckafkamigrator.core.ConsumerIdentity;
import io.ckafkamigrator.core.GroupMembers;
import io.ckafkamigrator.core.MigrationControl;
import io.ckafkamigrator.core.MigrationServices;
import io.ckafkamigrator.core.MigrationState;
import io.ckafkamigrator.core.Ordering;
import io.ckafkamigrator.core.ProducerSwitch;
import io.ckafkamigrator.core.RouteControl;
import io.ckafkamigrator.core.StateStore;
import io.ckafkamigrator.core.TopicConfig;
import io.ckafkamigrator.core.TopicMigration;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The waiting CKafka consumer as it is let go, on a mock consumer: it never skips what retention deleted. */
class WaitingConsumerListenerTest {

    // MockConsumer reports this group id; the topic's CKafka group must be it to be found.
    private static final TopicConfig ORDERS = new TopicConfig("orders", "orders", "orders", "orders-consumer",
            "dummy.group.id", Ordering.ORDERED, false);
    private static final TopicPartition P0 = new TopicPartition("orders", 0);
    private static final TopicPartition P1 = new TopicPartition("orders", 1);

    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>(OffsetResetStrategy.EARLIEST);
    private TopicMigration migration;
    private WaitingConsumerListener listener;

    /** Two partitions, nothing written before the switch: the start offsets are 0. */
    private static final class EmptyCluster implements ClusterOffsets {
        @Override
        public Map<Integer, Long> endOffsets(String topic) {
            return Map.of(0, 0L, 1, 0L);
        }

        @Override
        public Map<Integer, Long> logStartOffsets(String topic) {
            return Map.of(0, 0L, 1, 0L);
        }

        @Override
        public Map<Integer, Long> committedOffsets(String group, String topic) {
            return Map.of();
        }

        @Override
        public boolean hasRecords(String topic, int partition, long from, long to) {
            return false;
        }

        @Override
        public void commitOffsets(String group, String topic, Map<Integer, Long> offsets) {
        }

        @Override
        public GroupMembers members(String group) {
            return new GroupMembers(List.of());
        }
    }

    private static final class MemoryStore implements StateStore {
        private final Map<String, MigrationState> states = new ConcurrentHashMap<>();

        @Override
        public Optional<MigrationState> load(String topic) {
            return Optional.ofNullable(states.get(topic));
        }

        @Override
        public void save(MigrationState state) {
            states.put(state.topic(), state);
        }
    }

    private static final class NoRoutes implements RouteControl {
        @Override
        public void start(String routeId) {
        }

        @Override
        public void stop(String routeId, Duration timeout) {
        }
    }

    @BeforeEach
    void switchedWithTheConsumerWaiting() throws Exception {
        MigrationControl control = new MigrationControl(List.of(ORDERS), new MigrationServices(new MemoryStore(),
                new Clusters<>(new EmptyCluster(), new EmptyCluster()), new NoRoutes(), new ProducerSwitch(),
                Clock.systemUTC(), new ConsumerIdentity("test1")));
        control.load();
        control.switchProducer("orders");
        migration = control.migration("orders");
        listener = new WaitingConsumerListener(() -> control);
        consumer.assign(List.of(P0, P1));
        consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
        // A poll while held: it pauses the partitions and stands at the start offsets.
        listener.afterConsume(consumer);
    }

    @Test
    void shouldKeepAPartitionPausedWhoseRecordsRetentionDeletedBeforeTheConsumerWasLetGo() {
        // Given
        // Retention deleted partition 0's first 5 migrated records; then the gate opened
        consumer.updateBeginningOffsets(Map.of(P0, 5L, P1, 0L));
        migration.ckafkaGate().open();

        // When
        listener.afterConsume(consumer);

        // Then
        assertThat(consumer.paused()).containsExactly(P0);
        assertThat(consumer.position(P0)).isZero();
        assertThat(migration.holdReport().ckafkaExpired()).isEqualTo(Map.of(0, 5L));
    }

    @Test
    void shouldResumeEveryPartitionWhenNothingWasDeleted() {
        // Given
        migration.ckafkaGate().open();

        // When
        listener.afterConsume(consumer);

        // Then
        assertThat(consumer.paused()).isEmpty();
        assertThat(migration.holdReport().ckafkaExpiredTotal()).isZero();
    }
}
