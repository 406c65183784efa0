package io.ckafkamigrator;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.ckafkamigrator.support.HttpSink;
import io.ckafkamigrator.support.MigratorExtension;
import io.ckafkamigrator.support.MigratorProperty;
import io.ckafkamigrator.support.OrdersMigrator;
import io.ckafkamigrator.support.RunningMigrator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static io.ckafkamigrator.support.Json.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The batch requests on the real app with the shipped {@code orders} topic: their three-segment
 * paths reach the batch routes, not the topic status route; a malformed batch changes nothing;
 * a waiting batch cutover holds no HTTP worker thread (the Vert.x worker pool has one) and is
 * answered when the app stops. Twenty topics at once: {@link BatchMigrationIT}.
 */
@ExtendWith(MigratorExtension.class)
@MigratorProperty(name = "camel.beans.vertxOptions", value = "#class:io.vertx.core.VertxOptions")
@MigratorProperty(name = "camel.beans.vertxOptions.workerPoolSize", value = "1")
class BatchControlIT {

    @OrdersMigrator private RunningMigrator app;
    @OrdersMigrator private HttpSink sink;

    private String phase() {
        return field(app.status("orders"), "phase");
    }

    /** Starts a batch cutover of orders that cannot finish (the sink holds the legacy record) and waits until it waits. */
    private CompletableFuture<HttpResponse<String>> waitingBatchCutover() throws Exception {
        sink.hold();
        app.post("/topics/orders?key=a", "text/plain", "a:0");
        app.request("POST", "/api/migrations/switch-producer?topics=orders");
        CompletableFuture<HttpResponse<String>> cutover = CompletableFuture.supplyAsync(
                () -> app.request("POST", "/api/migrations/cutover?topics=orders&wait=50"));
        // Read from the state file, not over HTTP, which is what the tests look at.
        Path state = Path.of(app.stateDir(), "orders.state");
        await().atMost(30, TimeUnit.SECONDS).until(() -> Files.readString(state).contains("CUTTING_OVER"));
        return cutover;
    }

    @Test
    void shouldAnswerABatchSwitchWithEachTopicsResultAndAuditEachTopic() throws Exception {
        // Given
        String path = "/api/migrations/switch-producer?topics=orders,payments";

        // When
        HttpResponse<String> switched = app.request("POST", path);

        // Then
        assertThat(switched.statusCode()).as(switched.body()).isEqualTo(207);
        assertThat(switched.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(switched.body()).isEqualTo("{\"results\":["
                + "{\"topic\":\"orders\",\"status\":200,\"phase\":\"DRAINING\",\"error\":null},"
                + "{\"topic\":\"payments\",\"status\":404,\"phase\":null,\"error\":{\"error\":\"unknown_topic\","
                + "\"message\":\"no topic 'payments' is configured; each topic is a file routes/topics/<topic>.yaml\"}}]}");
        assertThat(phase()).isEqualTo("DRAINING");
        String audit = Files.readString(Path.of(app.stateDir(), "audit.jsonl"));
        assertThat(audit).contains("{\"topic\":\"orders\"", "\"event\":\"request\",\"actor\":\"operator\"",
                "\"action\":\"switch-producer\",\"query\":\"topics=orders,payments\",\"status\":200,\"result\":\"ok\"",
                "{\"topic\":\"payments\"", "\"status\":404,\"result\":\"unknown_topic\"");
    }

    @Test
    void shouldRefuseAMalformedBatchWith400AndSwitchNothing() {
        // Given
        String duplicated = "/api/migrations/switch-producer?topics=orders,orders";

        // When
        HttpResponse<String> refused = app.request("POST", duplicated);
        HttpResponse<String> missing = app.request("POST", "/api/migrations/switch-producer");

        // Then
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).isEqualTo(
                "{\"error\":\"bad_parameter\",\"message\":\"topics names 'orders' more than once\"}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(phase()).isEqualTo("LEGACY");
    }

    @Test
    void shouldLeaveAGetOfTheBatchPathsToTheTopicStatusRoute() {
        // Given
        String batchPath = "/api/migrations/cutover";

        // When
        HttpResponse<String> get = app.request("GET", batchPath);

        // Then
        // Read as the status of a topic named "cutover", which no file defines.
        assertThat(get.statusCode()).isEqualTo(404);
        assertThat(get.body()).startsWith("{\"error\":\"unknown_topic\"").contains("'cutover'");
    }

    @Test
    void shouldRefuseAnUnknownPhaseFilterNamingTheValidPhases() {
        // Given
        String filter = "/api/migrations?phase=DRAINED";

        // When
        HttpResponse<String> refused = app.request("GET", filter);
        HttpResponse<String> legacy = app.request("GET", "/api/migrations?phase=legacy");
        HttpResponse<String> draining = app.request("GET", "/api/migrations?phase=DRAINING,CUTTING_OVER");

        // Then
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("bad_parameter", "valid: LEGACY, DRAINING, CUTTING_OVER, MIGRATED");
        assertThat(legacy.body()).startsWith("{\"topics\":[{\"topic\":\"orders\",\"phase\":\"LEGACY\"");
        assertThat(draining.body()).isEqualTo("{\"topics\":[]}");
    }

    @Test
    void shouldAnswerAStatusRequestAtOnceWhileABatchCutoverWaitsWithOneWorkerThread() throws Exception {
        // Given
        CompletableFuture<HttpResponse<String>> cutover = waitingBatchCutover();
        long started = System.nanoTime();

        // When
        HttpResponse<String> status = app.request("GET", "/api/migrations/orders");

        // Then
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        assertThat(field(status.body(), "phase")).isEqualTo("CUTTING_OVER");
        assertThat(cutover).isNotDone();
    }

    @Test
    void shouldAnswerAWaitingBatchCutoverWhenTheAppStops() throws Exception {
        // Given
        CompletableFuture<HttpResponse<String>> cutover = waitingBatchCutover();

        // When
        CompletableFuture<Void> stopped = CompletableFuture.runAsync(this::closeApp);

        // Then
        // Answered while the app stops: the sink still holds the legacy delivery the stop waits for.
        HttpResponse<String> answer = cutover.get(30, TimeUnit.SECONDS);
        sink.release();
        stopped.get(60, TimeUnit.SECONDS);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        assertThat(answer.body()).isEqualTo(
                "{\"results\":[{\"topic\":\"orders\",\"status\":202,\"phase\":\"CUTTING_OVER\",\"error\":null}]}");
    }

    private void closeApp() {
        try {
            app.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
