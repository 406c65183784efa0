package io.ckafkamigrator.camel;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A waiting request ends when its condition holds, when its wait is over, or when the app stops. */
class RequestWaitsTest {

    private final RequestWaits waits = new RequestWaits();

    @AfterEach
    void stop() {
        waits.endAll();
    }

    @Test
    void shouldCompleteWithTrueOnceTheConditionHolds() {
        // Given
        AtomicBoolean migrated = new AtomicBoolean();
        CompletableFuture<Boolean> waiting = waits.until(migrated::get, Duration.ofSeconds(300));

        // When
        migrated.set(true);

        // Then
        await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> assertThat(waiting).isCompletedWithValue(true));
        assertThat(waits.waiting()).isZero();
    }

    @Test
    void shouldCompleteWithFalseOnceTheWaitIsOver() {
        // Given
        Duration wait = Duration.ofMillis(100);

        // When
        CompletableFuture<Boolean> waiting = waits.until(() -> false, wait);

        // Then
        await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> assertThat(waiting).isCompletedWithValue(false));
    }

    @Test
    void shouldAnswerAtOnceWithoutAWait() {
        // Given
        Duration noWait = Duration.ZERO;

        // When
        CompletableFuture<Boolean> waiting = waits.until(() -> false, noWait);

        // Then
        assertThat(waiting).isCompletedWithValue(false);
        assertThat(waits.waiting()).isZero();
    }

    @Test
    void shouldAnswerEveryWaitingRequestWhenTheAppStops() {
        // Given
        CompletableFuture<Boolean> waiting = waits.until(() -> false, Duration.ofSeconds(300));

        // When
        waits.endAll();

        // Then
        assertThat(waiting).isCompletedWithValue(false);
    }
}
