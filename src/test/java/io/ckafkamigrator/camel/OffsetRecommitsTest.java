package io.ckafkamigrator.camel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OffsetRecommitsTest {

    private static final Duration INTERVAL = Duration.ofHours(1);
    private static final List<TopicPartition> PARTITIONS = IntStream.range(0, 6)
            .mapToObj(p -> new TopicPartition("orders", p)).toList();

    private final AtomicLong nanos = new AtomicLong();
    private final OffsetRecommits recommits = new OffsetRecommits(INTERVAL, nanos::get);
    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>(OffsetResetStrategy.EARLIEST);
    private final List<Map<TopicPartition, OffsetAndMetadata>> recommitted = new ArrayList<>();

    /** Commits each partition at offset 10 + its number, and notes it as the consumer would. */
    private void commitAll() {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        PARTITIONS.forEach(tp -> offsets.put(tp, new OffsetAndMetadata(10 + tp.partition(), "m" + tp.partition())));
        consumer.commitSync(offsets);
        recommits.committed(offsets.keySet());
    }

    /** Partitions 0 to 4 deliver a record and commit; partition 5 stays idle. */
    private void busyPartitionsCommit() {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        PARTITIONS.subList(0, 5).forEach(tp -> offsets.put(tp, new OffsetAndMetadata(20 + tp.partition())));
        consumer.commitSync(offsets);
        recommits.committed(offsets.keySet());
    }

    private void recommitIfDue() {
        recommits.recommitIfDue(consumer, (offsets, timeout) -> {
            recommitted.add(Map.copyOf(offsets));
            consumer.commitSync(offsets, timeout);
        });
    }

    private void advance(Duration by) {
        nanos.addAndGet(by.toNanos());
    }

    @Test
    void shouldRecommitAnIdlePartitionAtItsCommittedOffsetWhileTheOthersKeepCommitting() {
        // Given
        // Six partitions committed at the start; the consumer has fetched past partition 5's offset
        consumer.assign(PARTITIONS);
        commitAll();
        consumer.seek(PARTITIONS.get(5), 99);
        // Partitions 0-4 commit every 40 minutes, partition 5 never
        advance(Duration.ofMinutes(40));
        busyPartitionsCommit();
        advance(Duration.ofMinutes(40));
        busyPartitionsCommit();

        // When
        recommitIfDue();

        // Then
        assertThat(recommitted).containsExactly(Map.of(PARTITIONS.get(5), new OffsetAndMetadata(15, "m5")));
    }

    @Test
    void shouldNotRecommitPartitionsThatCommittedWithinTheInterval() {
        // Given
        consumer.assign(PARTITIONS);
        commitAll();
        advance(INTERVAL.minusMinutes(1));

        // When
        recommitIfDue();

        // Then
        assertThat(recommitted).isEmpty();
    }

    @Test
    void shouldRecommitAPartitionAtOnceWhenItIsFirstAssignedAsItsLastCommitIsUnknown() {
        // Given
        // Partition 3 comes with an offset that another member committed (this one did not)
        consumer.assign(List.of(PARTITIONS.get(3)));
        consumer.commitSync(Map.of(PARTITIONS.get(3), new OffsetAndMetadata(7)));

        // When
        recommitIfDue();

        // Then
        assertThat(recommitted).containsExactly(Map.of(PARTITIONS.get(3), new OffsetAndMetadata(7)));
    }

    @Test
    void shouldLeaveAPartitionWithoutACommittedOffsetAlone() {
        // Given
        consumer.assign(PARTITIONS);

        // When
        recommitIfDue();

        // Then
        assertThat(recommitted).isEmpty();
    }
}
