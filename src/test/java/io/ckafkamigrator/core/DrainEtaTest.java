package io.ckafkamigrator.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.within;

class DrainEtaTest {

    @Test
    void shouldMeasureTheRateOverTheSamples() {
        // Given
        // 10 records per second over 3 samples
        DrainEta eta = new DrainEta(5);
        eta.record(0, 100);
        eta.record(1_000, 110);
        eta.record(2_000, 120);

        // When
        double rate = eta.ratePerSecond();

        // Then
        assertThat(rate).isCloseTo(10, within(1e-9));
    }

    @Test
    void shouldEstimateTheTimeLeftFromTheRecentRate() {
        // Given
        // 10 records per second over 3 samples
        DrainEta eta = new DrainEta(5);
        eta.record(0, 100);
        eta.record(1_000, 110);
        eta.record(2_000, 120);

        // When
        double seconds = eta.secondsLeft(50);

        // Then
        assertThat(seconds).isCloseTo(5, within(1e-9));
    }

    @Test
    void shouldMeasureOnlyTheSamplesInTheWindow() {
        // Given
        // fast at first, then 1 record per second for the last 3 samples
        DrainEta eta = new DrainEta(3);
        eta.record(0, 0);
        eta.record(1_000, 1_000);
        eta.record(2_000, 1_001);
        eta.record(3_000, 1_002);
        eta.record(4_000, 1_003);

        // When
        double seconds = eta.secondsLeft(10);

        // Then
        assertThat(seconds).isCloseTo(10, within(1e-9));
    }

    @Test
    void shouldBeZeroWhenNothingIsLeft() {
        // Given
        DrainEta eta = new DrainEta(3);

        // When
        double seconds = eta.secondsLeft(0);

        // Then
        assertThat(seconds).isZero();
    }

    @Test
    void shouldBeUnknownWithOneSample() {
        // Given
        DrainEta eta = new DrainEta(3);
        eta.record(0, 5);

        // When
        double seconds = eta.secondsLeft(10);

        // Then
        assertThat(seconds).isNaN();
    }

    @Test
    void shouldBeUnknownWhenTheGroupDidNotMove() {
        // Given
        DrainEta eta = new DrainEta(3);
        eta.record(0, 5);
        eta.record(1_000, 5);

        // When
        double seconds = eta.secondsLeft(10);

        // Then
        assertThat(seconds).isNaN();
    }

    @Test
    void shouldStartOverWhenThePositionGoesBack() {
        // Given
        // the topic was recreated, positions restart near 0
        DrainEta eta = new DrainEta(5);
        eta.record(0, 1_000);
        eta.record(1_000, 1_100);
        eta.record(2_000, 3);

        // When
        double seconds = eta.secondsLeft(10);

        // Then
        assertThat(seconds).isNaN();
    }

    @Test
    void shouldMeasureFromTheNewPositionsOnceStartedOver() {
        // Given
        // the topic was recreated, positions restart near 0 and then move by 2 in one second
        DrainEta eta = new DrainEta(5);
        eta.record(0, 1_000);
        eta.record(1_000, 1_100);
        eta.record(2_000, 3);
        eta.record(3_000, 5);

        // When
        double seconds = eta.secondsLeft(10);

        // Then
        assertThat(seconds).isCloseTo(5, within(1e-9));
    }

    @Test
    void shouldRefuseAWindowTooSmallForARate() {
        // Given
        int window = 1;

        // When
        Throwable thrown = catchThrowable(() -> new DrainEta(window));

        // Then
        assertThat(thrown).isInstanceOf(IllegalArgumentException.class);
    }
}
