package io.ckafkamigrator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.ckafkamigrator.core.FileStateStore;
import io.ckafkamigrator.core.MigrationState;
import io.ckafkamigrator.core.Phase;
import io.ckafkamigrator.support.ApiUsers;
import io.ckafkamigrator.support.HttpCalls;
import io.ckafkamigrator.support.JarProcess;
import io.ckafkamigrator.support.KafkaTestCluster;
import io.ckafkamigrator.support.MigratorExtension;
import io.ckafkamigrator.support.Name;
import io.ckafkamigrator.support.RouteFiles;
import io.ckafkamigrator.support.RunningMigrator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged jar started the way the README says, from the repository root: it comes up
 * healthy on the embedded default, and each kind of bad start ends with exit code 2 and one
 * line that names the property or file to fix.
 */
@ExtendWith(MigratorExtension.class)
class StartupIT {

    private final HttpClient http = HttpCalls.newClient();
    private final int port = RunningMigrator.freePort();
    private final int managementPort = RunningMigrator.freePort();

    @Test
    void shouldStartHealthyOnTheEmbeddedDefaultAndServeARecord() throws Exception {
        // Given
        try (JarProcess app = startedOnTheEmbeddedDefault()) {

            // When
            HttpResponse<String> stored = post("/topics/orders?key=k1", "hello");

            // Then
            assertThat(stored.statusCode()).as(app.output()).isEqualTo(200);
            await().atMost(30, TimeUnit.SECONDS)
                    .until(() -> app.output().contains("RouteId: orders-legacy-consumer, Body: hello"));
            assertThat(app.output()).contains("THROW-AWAY");
        }
    }

    @Test
    void shouldStopCleanlyOnSigtermAndStopTheEmbeddedClusters() throws Exception {
        // Given
        try (JarProcess app = startedOnTheEmbeddedDefault()) {
            post("/topics/orders?key=k1", "hello");
            await().atMost(30, TimeUnit.SECONDS).until(() -> app.output().contains("Body: hello"));

            // When
            int exitCode = app.terminate(60);

            // Then
            assertThat(exitCode).as(app.output()).isIn(0, 143);
            assertThat(app.output()).contains("Embedded Kafka cluster stopped: cluster=legacy");
            // The only warnings are about the user's own setup: throw-away clusters, demo user.
            assertThat(app.output().lines().filter(l -> l.contains(" WARN "))).as(app.output())
                    .allMatch(l -> l.contains("THROW-AWAY in-JVM Kafka clusters") || l.contains("accepts the DEMO user"));
            Matcher stateDir = Pattern.compile("kept in throw-away (\\S+)").matcher(app.output());
            assertThat(stateDir.find()).as(app.output()).isTrue();
            assertThat(Path.of(stateDir.group(1))).as("the embedded run's state is deleted").doesNotExist();
        }
    }

    @Test
    void shouldRefuseToStartWithABadPropertyValueAndNameIt() throws Exception {
        // Given
        List<String> props = List.of("migration.embedded.enabled=false", "legacy.security-protocol=PLAINTXT");

        // When
        JarProcess.Exit exit = JarProcess.runUntilExit(props);

        // Then
        assertThat(exit.code()).isEqualTo(2);
        assertThat(exit.startFailureLines()).singleElement().asString()
                .contains("legacy.security-protocol", "PLAINTXT");
    }

    @Test
    void shouldRefuseToStartWhenALegacyBrokerIsUnreachable(@Name("ckafka") KafkaTestCluster ckafka) throws Exception {
        // Given
        List<String> props = List.of("migration.embedded.enabled=false",
                "legacy.bootstrap-servers=127.0.0.1:" + RunningMigrator.freePort(),
                "ckafka.bootstrap-servers=" + ckafka.bootstrapServers(),
                "migration.startup.broker-timeout-ms=2000",
                "camel.server.port=" + port);

        // When
        JarProcess.Exit exit = JarProcess.runUntilExit(props);

        // Then
        assertThat(exit.code()).isEqualTo(2);
        assertThat(exit.startFailureLines()).singleElement().asString()
                .contains("legacy.bootstrap-servers", "cannot reach the legacy cluster");
        assertThat(exit.took().toSeconds()).isLessThan(30);
    }

    @Test
    void shouldRefuseToStartWhenATopicIsMissingOnLegacy(@Name("legacy") KafkaTestCluster legacy,
                                                       @Name("ckafka") KafkaTestCluster ckafka) throws Exception {
        // Given
        legacy.deleteTopicIfExists("orders");
        ckafka.recreateTopic("orders", 3);

        // When
        JarProcess.Exit exit = JarProcess.runUntilExit(List.of("migration.embedded.enabled=false",
                "legacy.bootstrap-servers=" + legacy.bootstrapServers(),
                "ckafka.bootstrap-servers=" + ckafka.bootstrapServers(),
                "camel.server.port=" + port));

        // Then
        assertThat(exit.code()).isEqualTo(2);
        assertThat(exit.startFailureLines()).singleElement().asString()
                .contains("[orders]", "legacy cluster", "create them first");
    }

    @Test
    void shouldRefuseToStartWhenTheCkafkaTopicOfASwitchedTopicIsMissing(@Name("legacy") KafkaTestCluster legacy,
            @Name("ckafka") KafkaTestCluster ckafka, @TempDir Path state) throws Exception {
        // Given a topic switched to CKafka, whose CKafka topic is gone (a LEGACY topic would start, see ProvisioningIT)
        legacy.recreateTopic("orders", 3);
        ckafka.deleteTopicIfExists("orders");
        Instant now = Instant.now();
        new FileStateStore(state).save(MigrationState.initial("orders", now).moveTo(Phase.DRAINING, now)
                .withCkafkaStartOffsets(Map.of(0, 0L, 1, 0L, 2, 0L)));

        // When
        JarProcess.Exit exit = JarProcess.runUntilExit(List.of("migration.embedded.enabled=false",
                "legacy.bootstrap-servers=" + legacy.bootstrapServers(),
                "ckafka.bootstrap-servers=" + ckafka.bootstrapServers(),
                "migration.state-dir=" + state,
                "camel.server.port=" + port));

        // Then
        assertThat(exit.code()).isEqualTo(2);
        assertThat(exit.startFailureLines()).singleElement().asString()
                .contains("topic 'orders' does not exist on the ckafka cluster", "is DRAINING", "not provisioned");
    }

    @Test
    void shouldRefuseToStartWithABrokenRouteFileAndNameTheFile(@TempDir Path routes) throws Exception {
        // Given
        // The shipped routes plus one file that is not valid route YAML.
        RouteFiles.copy(Path.of("routes"), routes);
        Files.writeString(routes.resolve("topics/broken.yaml"), "- route:\n    from:\n      uri: direct:x\n      steps:\n        - notAnEip: {}\n");

        // When
        JarProcess.Exit exit = JarProcess.runUntilExit(List.of("migration.embedded.enabled=false",
                "camel.server.port=" + port), "--routes", routes.toString());

        // Then
        assertThat(exit.code()).isEqualTo(2);
        assertThat(exit.startFailureLines()).singleElement().asString().contains("broken.yaml");
    }

    @Test
    void shouldRefuseToStartWithACorruptStateFileInsteadOfResettingTheTopic(
            @Name("legacy") KafkaTestCluster legacy, @Name("ckafka") KafkaTestCluster ckafka, @TempDir Path state)
            throws Exception {
        // Given
        legacy.recreateTopic("orders", 3);
        ckafka.recreateTopic("orders", 3);
        Files.writeString(state.resolve("orders.state"), "version=1\ntopic=orders\nphase=DRAINNG\n");

        // When
        JarProcess.Exit exit = JarProcess.runUntilExit(List.of("migration.embedded.enabled=false",
                "legacy.bootstrap-servers=" + legacy.bootstrapServers(),
                "ckafka.bootstrap-servers=" + ckafka.bootstrapServers(),
                "migration.state-dir=" + state,
                "camel.server.port=" + port));

        // Then
        assertThat(exit.code()).isEqualTo(2);
        assertThat(exit.startFailureLines()).singleElement().asString()
                .contains("orders.state", "never reset");
        assertThat(Files.readString(state.resolve("orders.state"))).contains("DRAINNG");
    }

    @Test
    void shouldRefuseToStartWhenTheConfigFileIsMissing() throws Exception {
        // Given
        String missing = "no/such/file.properties";

        // When
        JarProcess.Exit exit = JarProcess.runUntilExit(List.of(), "--config", missing);

        // Then
        assertThat(exit.code()).isEqualTo(2);
        assertThat(exit.startFailureLines()).singleElement().asString().contains("--config", "file.properties");
    }

    /**
     * The jar on the shipped config, moved to free ports so the test cannot collide with anything, once healthy.
     * Its brokers let a consumer group's first member in at once, not after 3 s as on real clusters.
     */
    private JarProcess startedOnTheEmbeddedDefault() throws Exception {
        List<String> props = List.of("legacy.bootstrap-servers=127.0.0.1:" + RunningMigrator.freePort(),
                "ckafka.bootstrap-servers=127.0.0.1:" + RunningMigrator.freePort(),
                "camel.server.basic-properties-file=config/demo-users.properties",
                "camel.server.port=" + port, "camel.management.port=" + managementPort,
                "migration.embedded.group-initial-rebalance-delay-ms=0");
        JarProcess app = JarProcess.start(props);
        try {
            long started = System.nanoTime();
            await().atMost(90, TimeUnit.SECONDS).ignoreExceptions()
                    .until(() -> get("/observe/health").body().contains("UP"));
            System.out.printf("java -jar to healthy on the embedded default: %d ms%n",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            return app;
        } catch (RuntimeException | Error e) {
            app.close();
            throw e;
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "text/plain").header("Authorization", ApiUsers.basic("demo", "demo"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
