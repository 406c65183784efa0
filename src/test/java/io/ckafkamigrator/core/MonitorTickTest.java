package io.ckafkamigrator.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The span of a monitor tick: from the tick to the end of the last round it started. */
class MonitorTickTest {

    @Test
    void shouldPublishTheSpanOnlyWhenTheLastRoundOfTheTickEnded() {
        // Given a tick that started two rounds
        MonitorTick ticks = new MonitorTick();
        MonitorTick.Span span = ticks.begin();
        span.enter();
        span.enter();
        span.allStarted();

        // When one round ends
        span.exit();

        // Then nothing is published until the other ends too
        assertThat(ticks.lastNanos()).isEmpty();
        span.exit();
        assertThat(ticks.lastNanos()).isPresent();
        assertThat(ticks.lastNanos().getAsLong()).isPositive();
    }

    @Test
    void shouldNotPublishBeforeTheTickStartedEveryRound() {
        // Given a tick whose first round ended before the tick started the second
        MonitorTick ticks = new MonitorTick();
        MonitorTick.Span span = ticks.begin();
        span.enter();
        span.exit();

        // When the tick has not finished starting rounds
        // Then no span is published
        assertThat(ticks.lastNanos()).isEmpty();
        span.allStarted();
        assertThat(ticks.lastNanos()).isPresent();
    }
}
