package io.ckafkamigrator;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.ckafkamigrator.support.HttpSink;
import io.ckafkamigrator.support.RunningMigrator;
import io.ckafkamigrator.support.StoppableClusters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.ckafkamigrator.support.HealthAnswer.downMessages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * /observe/health against a cluster pair of its own (one broker is stopped and restarted, which
 * the shared pair must never see): DOWN with a reason while CKafka is away or the state
 * directory cannot be written, UP again after; readiness follows, liveness stays UP.
 */
class HealthIT {

    private static StoppableClusters clusters;

    private HttpSink sink;
    private RunningMigrator app;

    @BeforeAll
    static void startClusters() {
        clusters = StoppableClusters.start();
        clusters.legacy().recreateTopic("orders", 3);
        clusters.ckafka().recreateTopic("orders", 3);
    }

    @AfterAll
    static void stopClusters() {
        clusters.close();
    }

    @BeforeEach
    void startMigrator() throws Exception {
        sink = new HttpSink();
        Map<String, String> props = RunningMigrator.overrides(clusters.legacy(), clusters.ckafka(), sink);
        props.put("migration.health.cluster-timeout-ms", "1000");
        props.put("migration.health.cache-ms", "500");
        app = RunningMigrator.start(props);
        await().atMost(30, TimeUnit.SECONDS).until(() -> app.request("GET", "/observe/health").statusCode() == 200);
    }

    @AfterEach
    void stopMigrator() throws Exception {
        clusters.ckafkaBroker().restartBroker();
        app.close();
        sink.close();
    }

    @Test
    void shouldReportCkafkaUnreachableOnReadinessButStayLiveWhileItsBrokerIsDown() {
        // Given
        String bootstrapServers = clusters.ckafka().bootstrapServers();

        // When
        clusters.ckafkaBroker().stopBroker();

        // Then
        await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> {
            HttpResponse<String> health = app.request("GET", "/observe/health");
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(downMessages(health.body())).contains(
                    "ckafka-cluster: ckafka cluster unreachable at " + bootstrapServers + ": no answer within 1000 ms");
            HttpResponse<String> ready = app.request("GET", "/observe/health/ready");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).contains("ckafka cluster unreachable");
        });
        assertLive();
    }

    @Test
    void shouldBeUpAgainOnceTheCkafkaBrokerIsBack() {
        // Given
        clusters.ckafkaBroker().stopBroker();
        await().atMost(30, TimeUnit.SECONDS).until(() -> app.request("GET", "/observe/health/ready").statusCode() == 503);

        // When
        clusters.ckafkaBroker().restartBroker();

        // Then
        await().atMost(60, TimeUnit.SECONDS).untilAsserted(() -> {
            assertThat(app.request("GET", "/observe/health").statusCode()).isEqualTo(200);
            assertThat(app.request("GET", "/observe/health/ready").statusCode()).isEqualTo(200);
        });
        assertLive();
    }

    @Test
    void shouldNameTheStateDirectoryOnReadinessButStayLiveWhenItCannotBeWritten() throws Exception {
        // Given
        // Tests may run as root, whom permissions do not stop, so a file takes the folder's place.
        Path dir = Path.of(app.stateDir());

        // When
        replaceByFile(dir);

        // Then
        await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> {
            HttpResponse<String> ready = app.request("GET", "/observe/health/ready");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(downMessages(ready.body())).containsExactly(
                    "state-store: state directory " + dir.toAbsolutePath() + " is not a directory");
        });
        assertLive();
    }

    @Test
    void shouldBeUpAgainOnceTheStateDirectoryIsWritableAgain() throws Exception {
        // Given
        Path dir = Path.of(app.stateDir());
        Path saved = replaceByFile(dir);
        await().atMost(30, TimeUnit.SECONDS).until(() -> app.request("GET", "/observe/health/ready").statusCode() == 503);

        // When
        Files.delete(dir);
        Files.move(saved, dir);

        // Then
        await().atMost(30, TimeUnit.SECONDS).untilAsserted(() ->
                assertThat(app.request("GET", "/observe/health/ready").statusCode()).isEqualTo(200));
    }

    private void assertLive() {
        HttpResponse<String> live = app.request("GET", "/observe/health/live");
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(live.body()).contains("UP").doesNotContain("DOWN");
    }

    /** Moves the directory aside and puts a regular file in its place; returns where it went. */
    private static Path replaceByFile(Path dir) throws Exception {
        Path saved = dir.resolveSibling(dir.getFileName() + "-saved");
        Files.move(dir, saved);
        Files.writeString(dir, "not a directory");
        return saved;
    }
}
