package io.ckafkamigrator.core;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DrainWatchTest {

    @Test
    void shouldReportTheCommitThatBringsTheLastPartitionToItsTarget() {
        // Given
        DrainWatch watch = new DrainWatch();
        watch.watch(Map.of(0, 10L, 1, 5L), Map.of(0, 10L), 1);

        // When
        boolean drained = watch.committed(Map.of(1, 5L), 42);

        // Then
        assertThat(drained).isTrue();
        assertThat(watch.reachedNanos()).isEqualTo(42);
    }

    @Test
    void shouldNotCountACommitShortOfTheTarget() {
        // Given
        DrainWatch watch = new DrainWatch();
        watch.watch(Map.of(0, 10L), Map.of(), 1);

        // When
        boolean drained = watch.committed(Map.of(0, 9L), 2);

        // Then
        assertThat(drained).isFalse();
        assertThat(watch.reachedNanos()).isZero();
    }

    @Test
    void shouldCountANeverWrittenPartitionAsDrainedWithoutACommit() {
        // Given
        DrainWatch watch = new DrainWatch();

        // When
        boolean drained = watch.watch(Map.of(0, 0L, 1, 3L), Map.of(1, 3L), 7);

        // Then
        assertThat(drained).isTrue();
        assertThat(watch.reachedNanos()).isEqualTo(7);
    }

    @Test
    void shouldKeepCommitsReportedBeforeTheTargetWasCaptured() {
        // Given
        // The legacy consumer committed up to the end before the switch captured it.
        DrainWatch watch = new DrainWatch();
        watch.committed(Map.of(0, 4L), 1);

        // When
        boolean drained = watch.watch(Map.of(0, 4L), Map.of(), 2);

        // Then
        assertThat(drained).isTrue();
    }

    @Test
    void shouldReportTheDrainOnceOnly() {
        // Given
        DrainWatch watch = new DrainWatch();
        watch.watch(Map.of(0, 2L), Map.of(), 1);
        watch.committed(Map.of(0, 2L), 5);

        // When
        boolean again = watch.committed(Map.of(0, 2L), 9);

        // Then
        assertThat(again).isFalse();
        assertThat(watch.reachedNanos()).isEqualTo(5);
    }

    @Test
    void shouldNotCountADrainSeenForTheTargetTheOperatorMovedAway() {
        // Given
        // A measurement of the old target 5 ends after the operator moved the target to 7
        DrainWatch watch = new DrainWatch();
        watch.watch(Map.of(0, 5L), Map.of(0, 3L), 1);
        watch.retarget(Map.of(0, 7L), 2);

        // When
        watch.reachedAt(Map.of(0, 5L), 3);

        // Then
        assertThat(watch.reachedNanos()).isZero();
    }

    @Test
    void shouldCountTheMovedTargetOnceTheGroupReachesItAfterTheOldOneWasReached() {
        // Given
        DrainWatch watch = new DrainWatch();
        watch.watch(Map.of(0, 5L), Map.of(0, 5L), 1);
        watch.retarget(Map.of(0, 7L), 2);

        // When
        boolean drained = watch.committed(Map.of(0, 7L), 3);

        // Then
        assertThat(drained).isTrue();
        assertThat(watch.reachedNanos()).isEqualTo(3);
    }
}
