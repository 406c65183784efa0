package io.ckafkamigrator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.ckafkamigrator.support.ApiUsers;
import io.ckafkamigrator.support.HttpCalls;
import io.ckafkamigrator.support.JarProcess;
import io.ckafkamigrator.support.KafkaTestCluster;
import io.ckafkamigrator.support.MigratorExtension;
import io.ckafkamigrator.support.Name;
import io.ckafkamigrator.support.RunningMigrator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * API passwords, right or wrong, never show in what the app writes: its output, its answers,
 * its metrics or its audit trail. Runs the packaged jar so the output is what an operator sees.
 */
@ExtendWith(MigratorExtension.class)
class SecretHygieneIT {

    private static final String WRONG_PASSWORD = "Wrong-Guess-4711";
    private final HttpClient http = HttpCalls.newClient();
    private int apiPort;
    private int managementPort;

    @Test
    void shouldKeepApiPasswordsOutOfOutputAnswersMetricsAndAudit(@Name("legacy") KafkaTestCluster legacy,
                                                                 @Name("ckafka") KafkaTestCluster ckafka,
                                                                 @TempDir Path state) throws Exception {
        // Given
        legacy.recreateTopic("orders", 3, "orders-consumer");
        legacy.commitAtEnd("orders-consumer", "orders");
        ckafka.recreateTopic("orders", 3, "orders-consumer-ckafka");
        apiPort = RunningMigrator.freePort();
        managementPort = RunningMigrator.freePort();
        List<String> answers = new ArrayList<>();
        try (JarProcess app = JarProcess.start(List.of("migration.embedded.enabled=false",
                "legacy.bootstrap-servers=" + legacy.bootstrapServers(),
                "ckafka.bootstrap-servers=" + ckafka.bootstrapServers(),
                "migration.state-dir=" + state, "camel.server.port=" + apiPort,
                "camel.management.port=" + managementPort))) {
            await().atMost(90, TimeUnit.SECONDS).ignoreExceptions()
                    .until(() -> send("GET", "/observe/health", null).statusCode() == 200);

            // When
            // Wrong and right credentials through a whole migration.
            String wrong = ApiUsers.basic(ApiUsers.OPERATOR, WRONG_PASSWORD);
            String right = ApiUsers.operator();
            answers.add(send("POST", "/api/migrations/orders/switch-producer", wrong).body());
            answers.add(send("POST", "/topics/orders?key=k", wrong).body());
            answers.add(send("POST", "/topics/orders?key=k", right).body());
            answers.add(send("POST", "/api/migrations/orders/switch-producer", right).body());
            answers.add(send("POST", "/api/migrations/orders/cutover?wait=60", right).body());
            answers.add(send("GET", "/api/migrations/orders", right).body());
            answers.add(send("GET", "/api/migrations/orders/history", right).body());
            answers.add(send("GET", "/observe/metrics", null).body());
            answers.add(send("GET", "/observe/health", null).body());
            app.terminate(60);

            // Then
            String written = app.output() + String.join("\n", answers)
                    + Files.readString(state.resolve("audit.jsonl"));
            assertThat(answers.get(4)).contains("\"phase\":\"MIGRATED\"");
            for (String secret : List.of(ApiUsers.OPERATOR_PASSWORD, WRONG_PASSWORD, right.substring(6), wrong.substring(6),
                    Base64.getEncoder().encodeToString(ApiUsers.OPERATOR_PASSWORD.getBytes(StandardCharsets.UTF_8)))) {
                assertThat(written).doesNotContain(secret);
            }
        }
    }

    private HttpResponse<String> send(String method, String path, String authorization) throws Exception {
        int port = path.startsWith("/observe") ? managementPort : apiPort;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "text/plain")
                .method(method, method.equals("POST") ? HttpRequest.BodyPublishers.ofString("v") : HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.timeout(java.time.Duration.ofSeconds(90)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
