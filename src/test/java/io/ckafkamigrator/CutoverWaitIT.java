package io.ckafkamigrator;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.ckafkamigrator.support.HttpSink;
import io.ckafkamigrator.support.MigratorExtension;
import io.ckafkamigrator.support.MigratorProperty;
import io.ckafkamigrator.support.OrdersMigrator;
import io.ckafkamigrator.support.RunningMigrator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static io.ckafkamigrator.support.Json.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A cutover that waits ({@code ?wait=}) holds no HTTP worker thread: with a Vert.x worker pool of
 * one thread, a status request answers at once while the cutover waits, and no worker thread is
 * parked in the wait.
 */
@ExtendWith(MigratorExtension.class)
@MigratorProperty(name = "camel.beans.vertxOptions", value = "#class:io.vertx.core.VertxOptions")
@MigratorProperty(name = "camel.beans.vertxOptions.workerPoolSize", value = "1")
class CutoverWaitIT {

    @OrdersMigrator private RunningMigrator app;
    @OrdersMigrator private HttpSink sink;
    private CompletableFuture<HttpResponse<String>> waitingCutover;

    /** A topic that cannot drain (its sink holds the legacy record) and a cutover waiting for it. */
    @BeforeEach
    void startAWaitingCutover() {
        sink.hold();
        app.post("/topics/orders?key=a", "text/plain", "a:0");
        app.request("POST", "/api/migrations/orders/switch-producer");
        waitingCutover = CompletableFuture.supplyAsync(() -> app.request("POST", "/api/migrations/orders/cutover?wait=30"));
        // Read from the state file, not over HTTP, which is what the tests look at.
        Path state = Path.of(app.stateDir(), "orders.state");
        await().atMost(30, TimeUnit.SECONDS).until(() -> Files.readString(state).contains("CUTTING_OVER"));
    }

    @AfterEach
    void releaseTheSink() {
        sink.release();
    }

    @Test
    void shouldAnswerAStatusRequestAtOnceWhileACutoverWaitsWithOneWorkerThread() {
        // Given
        long started = System.nanoTime();

        // When
        HttpResponse<String> status = app.request("GET", "/api/migrations/orders");

        // Then
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(field(status.body(), "phase")).isEqualTo("CUTTING_OVER");
        assertThat(waitingCutover).isNotDone();
    }

    @Test
    void shouldParkNoWorkerThreadInTheWait() {
        // Given
        String worker = "vert.x-worker-thread";

        // When
        // A thread dump, taken again until the request's worker has left the route's first steps.
        java.util.function.Supplier<List<String>> waitingWorkers = () -> Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey().getName().startsWith(worker))
                .filter(e -> Arrays.stream(e.getValue()).anyMatch(frame -> frame.getClassName().contains("MigrationApi")
                        || frame.getClassName().contains("AsyncProcessorAwaitManager")))
                .map(e -> e.getKey().getName()).toList();

        // Then
        await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> assertThat(waitingWorkers.get()).isEmpty());
        assertThat(waitingCutover).isNotDone();
    }

    @Test
    void shouldAnswerTheWaitingCutoverWithJsonOnceTheTopicIsMigrated() throws Exception {
        // Given
        assertThat(waitingCutover).isNotDone();

        // When
        sink.release();

        // Then
        HttpResponse<String> cutover = waitingCutover.get(60, TimeUnit.SECONDS);
        assertThat(cutover.statusCode()).isEqualTo(200);
        assertThat(cutover.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(field(cutover.body(), "phase")).isEqualTo("MIGRATED");
    }
}
