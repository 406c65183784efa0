package io.ckafkamigrator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.ckafkamigrator.support.HttpCalls;
import io.ckafkamigrator.support.JarProcess;
import io.ckafkamigrator.support.KafkaTestCluster;
import io.ckafkamigrator.support.MigratorExtension;
import io.ckafkamigrator.support.Name;
import io.ckafkamigrator.support.RunningMigrator;
import io.ckafkamigrator.support.SaslCluster;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * CKafka public access: SASL_PLAINTEXT with PLAIN, the password from an environment variable.
 * The packaged jar logs in with the right password, refuses to start with a wrong one, and
 * never prints either.
 */
@ExtendWith(MigratorExtension.class)
class CkafkaSaslIT {

    private static final String USER = SaslCluster.USER;
    private static final String PASSWORD = SaslCluster.PASSWORD;
    private static KafkaTestCluster legacy;
    private static KafkaTestCluster ckafka;

    @BeforeAll
    static void startSaslCluster(@Name("legacy") KafkaTestCluster sharedLegacy) {
        legacy = sharedLegacy;
        legacy.recreateTopic("orders", 3, "orders-consumer");
        legacy.commitAtEnd("orders-consumer", "orders");
        ckafka = SaslCluster.start();
        ckafka.recreateTopic("orders", 3);
    }

    @AfterAll
    static void stopSaslCluster() {
        ckafka.close();
    }

    private static List<String> saslProperties(int port) {
        return List.of("migration.embedded.enabled=false",
                "legacy.bootstrap-servers=" + legacy.bootstrapServers(),
                "ckafka.bootstrap-servers=" + ckafka.bootstrapServers(),
                "ckafka.security-protocol=SASL_PLAINTEXT",
                "ckafka.sasl-mechanism=PLAIN",
                "ckafka.sasl-username=" + USER,
                "migration.startup.broker-timeout-ms=5000",
                "camel.server.port=" + RunningMigrator.freePort(), "camel.management.port=" + port);
    }

    @Test
    void shouldStartAgainstASaslClusterWithThePasswordFromTheEnvironmentAndNeverPrintIt() throws Exception {
        // Given
        int port = RunningMigrator.freePort();
        Map<String, String> environment = Map.of("CKAFKA_SASL_PASSWORD", PASSWORD);

        // When
        try (JarProcess app = JarProcess.start(environment, saslProperties(port))) {
            boolean healthy = becomesHealthy(port);
            app.terminate(60);

            // Then
            // The app's own words say why it is not healthy; the output file goes with the process.
            assertThat(healthy).as("healthy within 90 s; the app printed:\n%s", app.output()).isTrue();
            assertThat(app.output()).contains("Cluster reachable: cluster=ckafka")
                    .doesNotContain(PASSWORD);
        }
    }

    @Test
    void shouldRefuseToStartWithAWrongPasswordNamingTheCredentialsAndHidingThem() throws Exception {
        // Given
        String wrong = "Not-The-Pw-77";

        // When
        JarProcess.Exit exit = JarProcess.runUntilExit(Map.of("CKAFKA_SASL_PASSWORD", wrong),
                saslProperties(RunningMigrator.freePort()));

        // Then
        assertThat(exit.code()).isEqualTo(2);
        assertThat(exit.startFailureLines()).singleElement().asString()
                .contains("ckafka.sasl-username/ckafka.sasl-password", "rejected the credentials", USER);
        assertThat(exit.output()).doesNotContain(wrong);
    }

    /** Whether {@code /observe/health} answers 200 within 90 s. */
    private static boolean becomesHealthy(int port) {
        HttpClient http = HttpCalls.newClient();
        try {
            await().atMost(90, TimeUnit.SECONDS).ignoreExceptions().until(() -> http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observe/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }
}
