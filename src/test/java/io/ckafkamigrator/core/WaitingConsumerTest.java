package io.ckafkamigrator.core;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WaitingConsumerTest {

    private static final Map<Integer, Long> START = Map.of(0, 7L, 1, 3L);

    @Test
    void shouldAskTheConsumerToTakeTheStartOffsetsOfItsAssignment() {
        // Given
        WaitingConsumer consumer = new WaitingConsumer();
        consumer.assigned(Set.of(1), 4);

        // When
        consumer.positionAt(START);

        // Then
        assertThat(consumer.positionToTake()).isEqualTo(Map.of(1, 3L));
        assertThat(consumer.holdsAt(START)).isFalse();
    }

    @Test
    void shouldHoldOnceItStandsAtTheStartOffsetsOfEveryPartition() {
        // Given
        WaitingConsumer consumer = new WaitingConsumer();
        consumer.positionAt(START);
        consumer.assigned(Set.of(0, 1), 4);

        // When
        consumer.positioned(Set.of(0, 1), consumer.positionToTake());

        // Then
        assertThat(consumer.holdsAt(START)).isTrue();
        assertThat(consumer.positionToTake()).isEmpty();
    }

    @Test
    void shouldTakeItsPositionAgainAfterItsAssignmentChanged() {
        // Given
        // Positioned, then a rebalance took a partition away.
        WaitingConsumer consumer = new WaitingConsumer();
        consumer.positionAt(START);
        consumer.assigned(Set.of(0, 1), 4);
        consumer.positioned(Set.of(0, 1), consumer.positionToTake());

        // When
        consumer.assigned(Set.of(0), 5);

        // Then
        assertThat(consumer.holdsAt(START)).isFalse();
        assertThat(consumer.positionToTake()).isEqualTo(Map.of(0, 7L));
        assertThat(consumer.generation()).isEqualTo(5);
    }

    @Test
    void shouldHaveNothingToTakeBeforeTheSwitch() {
        // Given
        WaitingConsumer consumer = new WaitingConsumer();

        // When
        consumer.assigned(Set.of(0, 1), 1);

        // Then
        assertThat(consumer.positionToTake()).isEmpty();
        assertThat(consumer.wantedPosition()).isEmpty();
    }

    @Test
    void shouldStopWaitingForTheConsumerOnceItHolds() throws Exception {
        // Given
        WaitingConsumer consumer = new WaitingConsumer();
        consumer.positionAt(START);
        consumer.assigned(Set.of(0, 1), 4);
        Thread pollingThread = new Thread(() -> consumer.positioned(Set.of(0, 1), consumer.positionToTake()));

        // When
        pollingThread.start();
        boolean holds = consumer.awaitHolding(START, Duration.ofSeconds(10));

        // Then
        assertThat(holds).isTrue();
    }

    @Test
    void shouldWakeThePollOfTheLatestClient() {
        // Given
        WaitingConsumer consumer = new WaitingConsumer();
        int[] woken = new int[2];
        consumer.wakeWith(() -> woken[0]++);
        consumer.wakeWith(() -> woken[1]++);

        // When
        consumer.wake();

        // Then
        assertThat(woken).containsExactly(0, 1);
    }
}
