package io.ckafkamigrator;

import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;

import io.ckafkamigrator.support.KafkaTestCluster;
import io.ckafkamigrator.support.MigratorExtension;
import io.ckafkamigrator.support.Name;
import io.ckafkamigrator.support.OrdersMigrator;
import io.ckafkamigrator.support.RunningMigrator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static io.ckafkamigrator.support.Json.field;
import static io.ckafkamigrator.support.OrdersApp.TOPIC;
import static io.ckafkamigrator.support.HealthAnswer.downMessages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A topic whose offsets cannot be read while its clusters answer (its topic deleted under the
 * running app): the switch is refused with 503 and nothing moves, and readiness is DOWN naming
 * the topic, the cluster and the error until the offsets can be read again.
 */
@ExtendWith(MigratorExtension.class)
class UnreadableOffsetsIT {

    @Name("legacy") private KafkaTestCluster legacy;
    @Name("ckafka") private KafkaTestCluster ckafka;
    @OrdersMigrator private RunningMigrator app;

    @Test
    void shouldRefuseTheSwitchWith503AndLeaveTheTopicInLegacyWhenLegacyOffsetsCannotBeRead() {
        // Given
        legacy.deleteTopic(TOPIC);

        // When
        HttpResponse<String> refused = app.request("POST", "/api/migrations/orders/switch-producer");

        // Then
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(field(refused.body(), "error")).isEqualTo("offsets_unreadable");
        assertThat(refused.body()).contains("topic 'orders' stays in LEGACY",
                "legacy cluster: end offsets of topic 'orders'");
        String status = app.status("orders");
        assertThat(field(status, "phase")).isEqualTo("LEGACY");
        assertThat(field(status, "producer")).isEqualTo("legacy");
        assertThat(field(status, "lastError")).isEqualTo("null");
        assertThat(app.request("GET", "/api/migrations/orders/history").body())
                .contains("\"action\":\"switch-producer\"", "\"status\":503", "\"result\":\"offsets_unreadable\"")
                .doesNotContain("DRAINING");
    }

    @Test
    void shouldReportTheTopicOnReadinessWhileItsCkafkaOffsetsCannotBeRead() {
        // Given
        await().atMost(30, TimeUnit.SECONDS).until(() -> ready().statusCode() == 200);

        // When
        ckafka.deleteTopic(TOPIC);

        // Then
        awaitNotReady("topic-orders: topic 'orders' (LEGACY): the ckafka cluster's offsets have not been read for",
                "ckafka cluster: end offsets of topic 'orders'");
    }

    @Test
    void shouldReportADrainingTopicOnReadinessWhileItsLegacyOffsetsCannotBeRead() {
        // Given
        app.request("POST", "/api/migrations/orders/switch-producer");

        // When
        legacy.deleteTopic(TOPIC);

        // Then
        awaitNotReady("topic-orders: topic 'orders' (DRAINING): the legacy cluster's offsets have not been read",
                "legacy cluster: offsets of group 'orders-consumer' on topic 'orders'");
    }

    @Test
    void shouldBeReadyAgainOnceTheOffsetsCanBeReadAgain() {
        // Given
        ckafka.deleteTopic(TOPIC);
        await().atMost(30, TimeUnit.SECONDS).until(() -> ready().statusCode() == 503);

        // When
        ckafka.recreateTopic(TOPIC, 3);

        // Then
        await().atMost(30, TimeUnit.SECONDS).untilAsserted(() ->
                assertThat(ready().statusCode()).isEqualTo(200));
    }

    private HttpResponse<String> ready() {
        return app.request("GET", "/observe/health/ready");
    }

    /** Readiness answers 503 with one check down, its message starting and going on as given. */
    private void awaitNotReady(String startsWith, String contains) {
        await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> {
            HttpResponse<String> ready = ready();
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(downMessages(ready.body())).singleElement().asString().startsWith(startsWith).contains(contains);
        });
    }
}
