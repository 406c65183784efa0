package io.ckafkamigrator.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CachedProbeTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-01T10:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicReference<Optional<String>> answer = new AtomicReference<>(Optional.empty());
    private final CachedProbe probe = new CachedProbe(() -> {
        calls.incrementAndGet();
        return answer.get();
    }, Duration.ofSeconds(5), clock);

    @Test
    void shouldAskOnceWithinTheCachePeriod() {
        // Given
        probe.problem();
        answer.set(Optional.of("ckafka cluster unreachable"));
        now.set(now.get().plusMillis(4_999));

        // When
        Optional<String> problem = probe.problem();

        // Then
        assertThat(problem).isEmpty();
        assertThat(calls).hasValue(1);
    }

    @Test
    void shouldAskAgainOnceTheAnswerIsOlderThanTheCachePeriod() {
        // Given
        probe.problem();
        answer.set(Optional.of("ckafka cluster unreachable"));
        now.set(now.get().plusSeconds(5));

        // When
        Optional<String> problem = probe.problem();

        // Then
        assertThat(problem).contains("ckafka cluster unreachable");
        assertThat(calls).hasValue(2);
    }

    @Test
    void shouldAskEveryTimeWithAZeroCachePeriod() {
        // Given
        CachedProbe uncached = new CachedProbe(() -> {
            calls.incrementAndGet();
            return Optional.empty();
        }, Duration.ZERO, clock);
        uncached.problem();

        // When
        uncached.problem();

        // Then
        assertThat(calls).hasValue(2);
    }
}
