package io.ckafkamigrator.core;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** External producers without the operator's word: the legacy end offsets quiet for the whole period. */
class ProducersQuietTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void shouldCallTheProducersSwitchedOnlyOnceTheEndOffsetsStoodStillForThePeriod() {
        // Given
        ProducersQuiet quiet = new ProducersQuiet(Duration.ofSeconds(10));
        quiet.observe(Map.of(0, 5L), SECOND);
        quiet.observe(Map.of(0, 5L), 9 * SECOND);

        // When
        boolean elapsed = quiet.observe(Map.of(0, 5L), 11 * SECOND);

        // Then
        assertThat(elapsed).isTrue();
    }

    @Test
    void shouldStartTheQuietPeriodAgainWhenAnEndOffsetMoves() {
        // Given
        ProducersQuiet quiet = new ProducersQuiet(Duration.ofSeconds(10));
        quiet.observe(Map.of(0, 5L, 1, 2L), SECOND);
        quiet.observe(Map.of(0, 5L, 1, 3L), 9 * SECOND); // one slow producer still writes

        // When
        boolean elapsed = quiet.observe(Map.of(0, 5L, 1, 3L), 12 * SECOND);

        // Then
        assertThat(elapsed).isFalse();
        assertThat(quiet.unchangedFor(12 * SECOND)).contains(Duration.ofSeconds(3));
    }

    @Test
    void shouldNeverElapseWhenOff() {
        // Given
        ProducersQuiet quiet = new ProducersQuiet(Duration.ZERO);

        // When
        boolean elapsed = quiet.elapsed(new FakeClusterOffsets(), "orders", SECOND);

        // Then
        assertThat(elapsed).isFalse();
        assertThat(quiet.unchangedFor(SECOND)).isEmpty();
    }
}
