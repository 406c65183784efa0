package io.ckafkamigrator.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Once per interval of the shared clock, so that every topic does it in the same tick. */
class CadenceTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void shouldBeDueAtFirstAndThenOncePerIntervalOfTheSharedClock() {
        // Given a cadence of a second, first asked 0.9 s into an interval
        Cadence cadence = new Cadence(SECOND);

        // When asked again within that interval, and in the next one
        // Then it is due at first, not again in the same interval, and again in the next
        assertThat(cadence.due(10 * SECOND + 900_000_000L)).isTrue();
        assertThat(cadence.due(10 * SECOND + 950_000_000L)).isFalse();
        assertThat(cadence.due(11 * SECOND + 10_000_000L)).isTrue();
    }

    @Test
    void shouldMakeTopicsThatStartedAtDifferentTimesDueInTheSameTick() {
        // Given two topics whose first rounds were 0.3 s apart
        Cadence early = new Cadence(SECOND);
        Cadence late = new Cadence(SECOND);
        early.due(5 * SECOND + 100_000_000L);
        late.due(5 * SECOND + 400_000_000L);

        // When the clock enters the next interval
        long tick = 6 * SECOND + 50_000_000L;

        // Then both are due in that same tick
        assertThat(early.due(tick)).isTrue();
        assertThat(late.due(tick)).isTrue();
    }

    @Test
    void shouldHandleANegativeClock() {
        // Given System.nanoTime may be negative
        Cadence cadence = new Cadence(SECOND);

        // When asked at -0.5 s and -0.4 s (the same interval), then at +0.1 s
        // Then due, not due, due
        assertThat(cadence.due(-500_000_000L)).isTrue();
        assertThat(cadence.due(-400_000_000L)).isFalse();
        assertThat(cadence.due(100_000_000L)).isTrue();
    }
}
