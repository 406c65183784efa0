package io.ckafkamigrator;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.ckafkamigrator.support.HttpSink;
import io.ckafkamigrator.support.HttpSink.Delivery;
import io.ckafkamigrator.support.KafkaTestCluster;
import io.ckafkamigrator.support.MigratorExtension;
import io.ckafkamigrator.support.Name;
import io.ckafkamigrator.support.OrdersMigrator;
import io.ckafkamigrator.support.PrometheusScrape;
import io.ckafkamigrator.support.RunningMigrator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static io.ckafkamigrator.support.Json.field;
import static io.ckafkamigrator.support.OrdersApp.TOPIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * CKafka's retention deletes migrated records while the CKafka consumer waits for the handoff,
 * with the real main class and two real clusters (the brokers check retention every second):
 * the handoff is refused with {@code ckafka_backlog_expired} and the metric counts the
 * records, until the operator accepts them as lost; the handoff then starts at the log start.
 */
@ExtendWith(MigratorExtension.class)
class CkafkaBacklogExpiryIT {

    @Name("ckafka") private KafkaTestCluster ckafka;
    @OrdersMigrator private RunningMigrator app;
    @OrdersMigrator private HttpSink sink;

    private final List<String> migrated = new ArrayList<>();

    private void post(String value) {
        assertThat(app.post("/topics/orders?key=k", "text/plain", value).statusCode()).isEqualTo(200);
    }

    /**
     * With retention lowered on the CKafka topic, records go on being migrated (each append rolls
     * a segment) until retention deleted some; then retention is set back, so the count holds still.
     */
    private void ckafkaRetentionDeletesMigratedRecords() {
        Map<String, String> shortRetention = Map.of("retention.ms", "1000", "segment.ms", "100");
        ckafka.setTopicConfig(TOPIC, shortRetention);
        await().atMost(60, TimeUnit.SECONDS).pollInterval(200, TimeUnit.MILLISECONDS).until(() -> {
            String value = "c:" + migrated.size();
            post(value);
            migrated.add(value);
            return ckafka.logStartOffsets(TOPIC).values().stream().anyMatch(offset -> offset > 0);
        });
        Map<String, String> defaults = new HashMap<>();
        shortRetention.keySet().forEach(name -> defaults.put(name, null));
        ckafka.setTopicConfig(TOPIC, defaults);
        await().atMost(30, TimeUnit.SECONDS).until(() -> !field(app.status("orders"), "ckafkaExpiredRecords").equals("0"));
    }

    private long expiredByRetention() {
        return ckafka.logStartOffsets(TOPIC).values().stream().mapToLong(Long::longValue).sum();
    }

    @Test
    void shouldRefuseTheHandoffAndCountTheRecordsRetentionDeletedWhileTheConsumerWaited() {
        // Given
        post("k:0");
        app.request("POST", "/api/migrations/orders/switch-producer");
        ckafkaRetentionDeletesMigratedRecords();

        // When
        HttpResponse<String> cutover = app.request("POST", "/api/migrations/orders/cutover");

        // Then
        long expired = expiredByRetention();
        assertThat(cutover.statusCode()).isEqualTo(409);
        assertThat(cutover.body()).contains("\"error\":\"ckafka_backlog_expired\"", "retention deleted " + expired + " records");
        assertThat(field(app.status("orders"), "phase")).isEqualTo("DRAINING");
        assertThat(field(app.status("orders"), "ckafkaExpiredRecords")).isEqualTo(String.valueOf(expired));
        PrometheusScrape scrape = PrometheusScrape.of(app.request("GET", "/observe/metrics").body());
        assertThat(scrape.get("ckafka_migrator_ckafka_expired_records", "topic", TOPIC)).isEqualTo(expired);
        assertThat(app.request("GET", "/api/migrations/orders/history").body()).contains("\"event\":\"ckafka-backlog-expired\"");
    }

    @Test
    void shouldHandOverFromTheLogStartOnceTheExpiredRecordsAreAcceptedAsLost() {
        // Given
        // Requested while the sink stalls, so the handoff meets the deletion
        sink.hold();
        post("k:0");
        app.request("POST", "/api/migrations/orders/switch-producer");
        app.request("POST", "/api/migrations/orders/cutover");
        ckafkaRetentionDeletesMigratedRecords();
        sink.release();
        await().atMost(30, TimeUnit.SECONDS).until(() -> field(app.status("orders"), "lastError").contains("retention deleted"));

        // When
        HttpResponse<String> accepted = app.request("POST", "/api/migrations/orders/accept-expired-backlog");

        // Then
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        await().atMost(60, TimeUnit.SECONDS).until(() -> field(app.status("orders"), "phase").equals("MIGRATED"));
        int expired = (int) expiredByRetention();
        List<String> expected = new ArrayList<>(List.of("k:0"));
        expected.addAll(migrated.subList(expired, migrated.size()));
        await().atMost(30, TimeUnit.SECONDS).untilAsserted(() ->
                assertThat(sink.accepted()).extracting(Delivery::value).containsExactlyElementsOf(expected));
        assertThat(field(app.status("orders"), "ckafkaExpiredRecords")).isEqualTo("0");
        assertThat(app.request("GET", "/api/migrations/orders/history").body())
                .contains("\"event\":\"expired-backlog-accepted\"", "accept-expired-backlog");
    }
}
