package io.ckafkamigrator;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.ckafkamigrator.support.HttpSink;
import io.ckafkamigrator.support.RunningMigrator;
import io.ckafkamigrator.support.StoppableClusters;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.ckafkamigrator.support.Json.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Once every topic is MIGRATED the legacy cluster can be switched off: the app restarts,
 * is ready and serves its status with the legacy broker gone, and CKafka delivery goes on.
 * Against a cluster pair of its own, whose legacy broker is stopped for good.
 */
class LegacyDecommissionIT {

    private StoppableClusters clusters;
    private HttpSink sink;
    private RunningMigrator app;

    @BeforeEach
    void migrateOrders() throws Exception {
        clusters = StoppableClusters.start();
        clusters.legacy().recreateTopic("orders", 3);
        clusters.ckafka().recreateTopic("orders", 3);
        sink = new HttpSink();
        Map<String, String> props = RunningMigrator.overrides(clusters.legacy(), clusters.ckafka(), sink);
        props.put("migration.health.cluster-timeout-ms", "1000");
        props.put("migration.health.cache-ms", "500");
        app = RunningMigrator.start(props);
        app.post("/topics/orders?key=k", "text/plain", "k:0");
        await().atMost(30, TimeUnit.SECONDS).until(() -> sink.accepted().size() == 1);
        app.request("POST", "/api/migrations/orders/switch-producer");
        app.post("/topics/orders?key=k", "text/plain", "k:1");
        app.request("POST", "/api/migrations/orders/cutover?wait=30");
        await().atMost(30, TimeUnit.SECONDS).until(() -> sink.accepted().size() == 2);
    }

    @AfterEach
    void stopAll() throws Exception {
        try {
            app.close();
        } finally {
            sink.close();
            clusters.close();
        }
    }

    @Test
    void shouldRestartReadyWithTheLegacyClusterGoneOnceEveryTopicIsMigrated() throws Exception {
        // Given
        String phase = field(app.status("orders"), "phase");
        clusters.legacyBroker().stopBroker();

        // When
        app.restart();

        // Then
        assertThat(phase).isEqualTo("MIGRATED");
        await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> {
            HttpResponse<String> health = app.request("GET", "/observe/health?exposureLevel=full");
            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
            assertThat(check(health.body(), "legacy-cluster")).containsEntry("status", "UP")
                    .containsEntry("message", "not needed");
            assertThat(app.request("GET", "/observe/health/ready").statusCode()).isEqualTo(200);
        });
        HttpResponse<String> status = app.request("GET", "/api/migrations/orders");
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(field(status.body(), "phase")).isEqualTo("MIGRATED");
        assertThat(status.body()).doesNotContain("offsetsError");
        assertThat(field(status.body(), "strayWrites")).as("legacy not measured").isEqualTo("null");
        HttpResponse<String> stored = app.post("/topics/orders?key=k", "text/plain", "k:2");
        assertThat(stored.body()).contains("\"cluster\":\"ckafka\"");
        await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> assertThat(sink.accepted())
                .extracting(HttpSink.Delivery::value).containsExactly("k:0", "k:1", "k:2"));
    }

    /** One check of a health answer, read as JSON. */
    private static Map<String, Object> check(String json, String name) throws Exception {
        JsonObject answer = (JsonObject) Jsoner.deserialize(json);
        for (Object check : answer.getCollection("checks")) {
            JsonObject result = (JsonObject) check;
            if (name.equals(result.getString("name"))) {
                return result;
            }
        }
        throw new AssertionError("no check " + name + " in " + json);
    }
}
