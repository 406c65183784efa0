package io.ckafkamigrator;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.ckafkamigrator.support.ApiUsers;
import io.ckafkamigrator.support.OrdersAppTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API port needs credentials for everything; the management port stays open for probes
 * and scrapers; a request refused for its credentials or its size changes nothing.
 */
class ApiSecurityIT extends OrdersAppTest {

    private static final List<String> BAD_CREDENTIALS = Arrays.asList(null,
            ApiUsers.basic(ApiUsers.OPERATOR, "wrong-password"),
            ApiUsers.basic("mallory", ApiUsers.OPERATOR_PASSWORD), "Bearer some.jwt.token");

    @Test
    void shouldAnswer401WithoutValidCredentialsAndChangeNothing() {
        // When
        List<Integer> statuses = new ArrayList<>();
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
        assertThat(field(app.request("GET", "/api/migrations/orders").body(), "phase")).isEqualTo("LEGACY");
        assertThat(field(app.request("GET", "/api/migrations/orders").body(), "producer")).isEqualTo("legacy");
        assertThat(clusters.legacy().endOffsetSum(TOPIC)).isZero();
        assertThat(clusters.ckafka().endOffsetSum(TOPIC)).isZero();
        assertThat(app.request("GET", "/api/migrations/orders/history").body()).doesNotContain("\"event\":\"request\"");
    }

    @Test
    void shouldKeepHealthAndMetricsOpenOnTheManagementPort() {
        // When
        HttpResponse<String> health = app.requestAs(null, "GET", "/observe/health");
        HttpResponse<String> metrics = app.requestAs(null, "GET", "/observe/metrics");

        // Then
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(app.requestAs(null, "GET", "/api/migrations").statusCode()).isEqualTo(401);
    }

    @Test
    void shouldRefuseARecordLargerThanTheTopicAcceptsBeforeStoringIt() {
        // When
        HttpResponse<String> justTooLarge = app.post("/topics/orders?key=k", "text/plain", "x".repeat(1_048_577));
        HttpResponse<String> wayTooLarge = app.post("/topics/orders?key=k", "text/plain", "x".repeat(3_000_000));
        HttpResponse<String> aboveTheServerLimit = app.post("/topics/orders?key=k", "text/plain", "x".repeat(11_000_000));
        HttpResponse<String> large = app.post("/topics/orders?key=k", "text/plain", "y".repeat(900_000));

        // Then
        assertThat(justTooLarge.statusCode()).isEqualTo(413);
        assertThat(justTooLarge.body()).contains("\"error\":\"too_large\"", "1048578 bytes");
        assertThat(wayTooLarge.statusCode()).isEqualTo(413);
        assertThat(aboveTheServerLimit.statusCode()).isEqualTo(413);
        assertThat(large.statusCode()).as(large.body()).isEqualTo(200);
        assertThat(clusters.legacy().endOffsetSum(TOPIC)).isEqualTo(1);
    }
}
