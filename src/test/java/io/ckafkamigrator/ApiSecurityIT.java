package io.ckafkamigrator;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.ckafkamigrator.support.ApiUsers;
import io.ckafkamigrator.support.KafkaTestCluster;
import io.ckafkamigrator.support.MigratorExtension;
import io.ckafkamigrator.support.Name;
import io.ckafkamigrator.support.OrdersMigrator;
import io.ckafkamigrator.support.RunningMigrator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static io.ckafkamigrator.support.Json.field;
import static io.ckafkamigrator.support.OrdersApp.TOPIC;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API port needs credentials for everything; the management port stays open for probes
 * and scrapers; a request refused for its credentials or its size changes nothing.
 */
@ExtendWith(MigratorExtension.class)
class ApiSecurityIT {

    private static final List<String> BAD_CREDENTIALS = Arrays.asList(null,
            ApiUsers.basic(ApiUsers.OPERATOR, "wrong-password"),
            ApiUsers.basic("mallory", ApiUsers.OPERATOR_PASSWORD), "Bearer some.jwt.token");

    @Name("legacy") private KafkaTestCluster legacy;
    @Name("ckafka") private KafkaTestCluster ckafka;
    @OrdersMigrator private RunningMigrator app;

    @Test
    void shouldAnswer401WithoutValidCredentialsAndChangeNothing() {
        // Given
        List<Integer> statuses = new ArrayList<>();

        // When
        for (String authorization : BAD_CREDENTIALS) {
            statuses.add(app.postAs(authorization, "/topics/orders?key=k", "must-not-be-stored").statusCode());
            statuses.add(app.requestAs(authorization, "POST", "/api/migrations/orders/switch-producer").statusCode());
            statuses.add(app.requestAs(authorization, "POST", "/api/migrations/orders/cutover").statusCode());
            statuses.add(app.requestAs(authorization, "GET", "/api/migrations").statusCode());
            statuses.add(app.requestAs(authorization, "GET", "/api/migrations/orders/history").statusCode());
        }
        int malformed = app.requestAs("Basic not-base64!", "POST", "/api/migrations/orders/switch-producer").statusCode();

        // Then
        assertThat(statuses).hasSize(20).containsOnly(401);
        assertThat(malformed).isEqualTo(400);
        assertThat(field(app.status("orders"), "phase")).isEqualTo("LEGACY");
        assertThat(field(app.status("orders"), "producer")).isEqualTo("legacy");
        assertThat(legacy.endOffsetSum(TOPIC)).isZero();
        assertThat(ckafka.endOffsetSum(TOPIC)).isZero();
        assertThat(app.request("GET", "/api/migrations/orders/history").body()).doesNotContain("\"event\":\"request\"");
    }

    @Test
    void shouldKeepHealthAndMetricsOpenOnTheManagementPort() {
        // Given
        String noCredentials = null;

        // When
        HttpResponse<String> health = app.requestAs(noCredentials, "GET", "/observe/health");
        HttpResponse<String> metrics = app.requestAs(noCredentials, "GET", "/observe/metrics");
        HttpResponse<String> api = app.requestAs(noCredentials, "GET", "/api/migrations");

        // Then
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(api.statusCode()).isEqualTo(401);
    }

    @Test
    void shouldRefuseARecordLargerThanTheTopicAcceptsBeforeStoringIt() {
        // Given
        // The topic takes records up to its max.message.bytes (about 1 MiB), the HTTP server bodies up to 10 MiB.
        String overTheTopicLimit = "x".repeat(1_048_577);
        String farOverTheTopicLimit = "x".repeat(3_000_000);
        String overTheServerLimit = "x".repeat(11_000_000);
        String underTheTopicLimit = "y".repeat(900_000);

        // When
        HttpResponse<String> justTooLarge = app.post("/topics/orders?key=k", "text/plain", overTheTopicLimit);
        HttpResponse<String> wayTooLarge = app.post("/topics/orders?key=k", "text/plain", farOverTheTopicLimit);
        HttpResponse<String> aboveTheServerLimit = app.post("/topics/orders?key=k", "text/plain", overTheServerLimit);
        HttpResponse<String> large = app.post("/topics/orders?key=k", "text/plain", underTheTopicLimit);

        // Then
        assertThat(justTooLarge.statusCode()).isEqualTo(413);
        assertThat(justTooLarge.body()).contains("\"error\":\"too_large\"", "1048578 bytes");
        assertThat(wayTooLarge.statusCode()).isEqualTo(413);
        assertThat(aboveTheServerLimit.statusCode()).isEqualTo(413);
        assertThat(large.statusCode()).as(large.body()).isEqualTo(200);
        assertThat(legacy.endOffsetSum(TOPIC)).isEqualTo(1);
    }
}
