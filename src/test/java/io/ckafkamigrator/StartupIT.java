package io.ckafkamigrator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.ckafkamigrator.support.ApiUsers;
import io.ckafkamigrator.support.JarProcess;
import io.ckafkamigrator.support.RouteFiles;
import io.ckafkamigrator.support.RunningMigrator;
import io.ckafkamigrator.support.TwoClusters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged jar started the way the README says, from the repository root: it comes up
 * healthy on the embedded default, and each kind of bad start ends with exit code 2 and one
 * line that names the property or file to fix.
 */
class StartupIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldStartOnTheEmbeddedDefaultServeARecordAndStopCleanly() throws Exception {
        // Given: the shipped config, moved to free ports so the test cannot collide with anything
        int port = RunningMigrator.freePort();
        int managementPort = RunningMigrator.freePort();
        List<String> props = List.of("legacy.bootstrap-servers=127.0.0.1:" + RunningMigrator.freePort(),
                "ckafka.bootstrap-servers=127.0.0.1:" + RunningMigrator.freePort(),
                "camel.server.basic-properties-file=config/demo-users.properties",
                "camel.server.port=" + port, "camel.management.port=" + managementPort);

        // When
        try (JarProcess app = JarProcess.start(props)) {
            long started = System.nanoTime();
            await().atMost(90, TimeUnit.SECONDS).ignoreExceptions()
                    .until(() -> get(managementPort, "/observe/health").body().contains("UP"));
            long healthyMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            HttpResponse<String> stored = post(port, "/topics/orders?key=k1", "hello");

            // Then
            assertThat(stored.statusCode()).as(app.output()).isEqualTo(200);
            await().atMost(30, TimeUnit.SECONDS)
                    .until(() -> app.output().contains("RouteId: orders-legacy-consumer, Body: hello"));
            assertThat(app.output()).contains("THROW-AWAY");
            assertThat(app.terminate(60)).as(app.output()).isIn(0, 143);
            assertThat(app.output()).contains("Embedded Kafka cluster stopped: cluster=legacy");
            // The only warnings are about the user's own setup: throw-away clusters, demo user.
            assertThat(app.output().lines().filter(l -> l.contains(" WARN "))).as(app.output())
                    .allMatch(l -> l.contains(" MigratorStartup - "));
            System.out.printf("java -jar to healthy on the embedded default: %d ms%n", healthyMs);
        }
    }

    @Test
    void shouldRefuseToStartWithABadPropertyValueAndNameIt() throws Exception {
        try (JarProcess app = JarProcess.start(List.of("migration.embedded.enabled=false",
                "legacy.security-protocol=PLAINTXT"))) {
            assertThat(app.awaitExit(60)).isEqualTo(2);
            assertThat(app.startFailureLines()).singleElement().asString()
                    .contains("legacy.security-protocol", "PLAINTXT");
        }
    }

    @Test
    void shouldRefuseToStartWhenALegacyBrokerIsUnreachable() throws Exception {
        TwoClusters clusters = TwoClusters.shared();
        try (JarProcess app = JarProcess.start(List.of("migration.embedded.enabled=false",
                "legacy.bootstrap-servers=127.0.0.1:" + RunningMigrator.freePort(),
                "ckafka.bootstrap-servers=" + clusters.ckafka().bootstrapServers(),
                "migration.startup.broker-timeout-ms=2000",
                "camel.server.port=" + RunningMigrator.freePort()))) {
            long started = System.nanoTime();
            assertThat(app.awaitExit(60)).isEqualTo(2);
            assertThat(app.startFailureLines()).singleElement().asString()
                    .contains("legacy.bootstrap-servers", "cannot reach the legacy cluster");
            assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isLessThan(30);
        }
    }

    @Test
    void shouldRefuseToStartWhenATopicIsMissingOnCkafka() throws Exception {
        TwoClusters clusters = TwoClusters.shared();
        clusters.legacy().recreateTopic("orders", 3);
        clusters.ckafka().deleteTopicIfExists("orders");
        try (JarProcess app = JarProcess.start(List.of("migration.embedded.enabled=false",
                "legacy.bootstrap-servers=" + clusters.legacy().bootstrapServers(),
                "ckafka.bootstrap-servers=" + clusters.ckafka().bootstrapServers(),
                "camel.server.port=" + RunningMigrator.freePort()))) {
            assertThat(app.awaitExit(60)).isEqualTo(2);
            assertThat(app.startFailureLines()).singleElement().asString()
                    .contains("[orders]", "ckafka cluster", "create them first");
        }
    }

    @Test
    void shouldRefuseToStartWithABrokenRouteFileAndNameTheFile(@TempDir Path routes) throws Exception {
        // Given: the shipped routes plus one file that is not valid route YAML
        RouteFiles.copy(Path.of("routes"), routes);
        Files.writeString(routes.resolve("topics/broken.yaml"), "- route:\n    from:\n      uri: direct:x\n      steps:\n        - notAnEip: {}\n");

        // When
        try (JarProcess app = JarProcess.start(List.of("migration.embedded.enabled=false",
                "camel.server.port=" + RunningMigrator.freePort()), "--routes", routes.toString())) {

            // Then
            assertThat(app.awaitExit(60)).isEqualTo(2);
            assertThat(app.startFailureLines()).singleElement().asString().contains("broken.yaml");
        }
    }

    @Test
    void shouldRefuseToStartWithACorruptStateFileInsteadOfResettingTheTopic(@TempDir Path state) throws Exception {
        // Given
        TwoClusters clusters = TwoClusters.shared();
        clusters.legacy().recreateTopic("orders", 3);
        clusters.ckafka().recreateTopic("orders", 3);
        Files.writeString(state.resolve("orders.state"), "version=1\ntopic=orders\nphase=DRAINNG\n");

        // When
        try (JarProcess app = JarProcess.start(List.of("migration.embedded.enabled=false",
                "legacy.bootstrap-servers=" + clusters.legacy().bootstrapServers(),
                "ckafka.bootstrap-servers=" + clusters.ckafka().bootstrapServers(),
                "migration.state-dir=" + state,
                "camel.server.port=" + RunningMigrator.freePort()))) {

            // Then
            assertThat(app.awaitExit(60)).isEqualTo(2);
            assertThat(app.startFailureLines()).singleElement().asString()
                    .contains("orders.state", "never reset");
            assertThat(Files.readString(state.resolve("orders.state"))).contains("DRAINNG");
        }
    }

    @Test
    void shouldRefuseToStartWhenTheConfigFileIsMissing() throws Exception {
        try (JarProcess app = JarProcess.start(List.of(), "--config", "no/such/file.properties")) {
            assertThat(app.awaitExit(60)).isEqualTo(2);
            assertThat(app.startFailureLines()).singleElement().asString().contains("--config", "file.properties");
        }
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(int port, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "text/plain").header("Authorization", ApiUsers.basic("demo", "demo"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
