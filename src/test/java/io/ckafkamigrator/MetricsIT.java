package io.ckafkamigrator;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.ckafkamigrator.support.OrdersAppTest;
import io.ckafkamigrator.support.PrometheusScrape;
import io.ckafkamigrator.support.RawKafka;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The migration's Prometheus metrics, scraped from {@code /observe/metrics} of the real main
 * class while the shipped {@code orders} topic migrates between two real clusters.
 */
class MetricsIT extends OrdersAppTest {

    private static final Logger LOG = LoggerFactory.getLogger(MetricsIT.class);
    private static final String[] ORDERS = {"topic", TOPIC};
    private static final int LEGACY_RECORDS = 30;
    private static final int CKAFKA_RECORDS = 5;

    @Override
    protected Map<String, String> extraProperties() {
        // Sampled often, so the test need not wait long for a new sample.
        return Map.of("migration.metrics.sample-interval-ms", "200");
    }

    private PrometheusScrape scrape() {
        HttpResponse<String> response = app.request("GET", "/observe/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        return PrometheusScrape.of(response.body());
    }

    private static String[] orders(String... more) {
        String[] labels = new String[2 + more.length];
        labels[0] = "topic";
        labels[1] = TOPIC;
        System.arraycopy(more, 0, labels, 2, more.length);
        return labels;
    }

    private void post(String prefix, int count) {
        for (int i = 0; i < count; i++) {
            HttpResponse<String> stored = app.post("/topics/orders?key=key-" + (i % 6), "text/plain", prefix + i);
            assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
        }
    }

    private static void assertPhase(PrometheusScrape scrape, String current) {
        for (String phase : List.of("LEGACY", "DRAINING", "CUTTING_OVER", "MIGRATED")) {
            assertThat(scrape.get("ckafka_migrator_phase", orders("phase", phase))).as(phase)
                    .isEqualTo(phase.equals(current) ? 1.0 : 0.0);
        }
    }

    private static double partitionSum(PrometheusScrape scrape) {
        double sum = 0;
        for (String partition : List.of("0", "1", "2")) {
            sum += scrape.get("ckafka_migrator_legacy_partition_remaining_records", orders("partition", partition));
        }
        return sum;
    }

    @Test
    void shouldExposeEachMetricWithItsValueThroughAnOrderedMigration() {
        // Given: the sink stalls, so the legacy group cannot move
        sink.hold();
        post("legacy-", LEGACY_RECORDS);

        // Then: before the switch, everything is on legacy and all of it is left to consume
        await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> {
            PrometheusScrape scrape = scrape();
            assertPhase(scrape, "LEGACY");
            assertThat(scrape.get("ckafka_migrator_produced_records_total", orders("cluster", "legacy"))).isEqualTo(LEGACY_RECORDS);
            assertThat(scrape.get("ckafka_migrator_produced_records_total", orders("cluster", "ckafka"))).isZero();
            assertThat(scrape.get("ckafka_migrator_legacy_remaining_records", ORDERS)).isEqualTo(LEGACY_RECORDS);
            assertThat(partitionSum(scrape)).isEqualTo(LEGACY_RECORDS);
            assertThat(scrape.get("ckafka_migrator_delivered_records_total", orders("route", "orders-legacy-consumer"))).isZero();
            assertThat(scrape.get("ckafka_migrator_ckafka_backlog_records", ORDERS)).isZero();
            assertThat(scrape.get("ckafka_migrator_drain_eta_seconds", ORDERS)).isNaN();
            assertThat(scrape.get("ckafka_migrator_handoff_pause_seconds", ORDERS)).isNaN();
        });

        // When: the producer is switched and records heap up in CKafka while legacy is stalled
        assertThat(app.request("POST", "/api/migrations/orders/switch-producer").statusCode()).isEqualTo(200);
        post("ckafka-", CKAFKA_RECORDS);

        // Then
        await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> {
            PrometheusScrape scrape = scrape();
            assertPhase(scrape, "DRAINING");
            assertThat(scrape.get("ckafka_migrator_produced_records_total", orders("cluster", "ckafka"))).isEqualTo(CKAFKA_RECORDS);
            assertThat(scrape.get("ckafka_migrator_ckafka_backlog_records", ORDERS)).isEqualTo(CKAFKA_RECORDS);
            assertThat(scrape.get("ckafka_migrator_legacy_remaining_records", ORDERS)).isEqualTo(LEGACY_RECORDS);
            assertThat(partitionSum(scrape)).isEqualTo(LEGACY_RECORDS);
            assertThat(scrape.get("ckafka_migrator_stray_writes_records", ORDERS)).isZero();
            assertThat(scrape.get("ckafka_migrator_drain_eta_seconds", ORDERS)).as("stalled: unknown").isNaN();
        });
        LOG.info("Scrape mid-migration (DRAINING, legacy stalled):\n{}", String.join("\n", scrape().lines("ckafka_migrator_")));

        // When: the sink takes records again, slowly
        sink.delayEach(Duration.ofMillis(150));
        sink.release();

        // Then: the lag falls and the time left is estimated from the recent rate
        await().atMost(30, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            PrometheusScrape scrape = scrape();
            assertThat(scrape.get("ckafka_migrator_legacy_remaining_records", ORDERS)).isBetween(1.0, LEGACY_RECORDS - 1.0);
            assertThat(scrape.get("ckafka_migrator_drain_eta_seconds", ORDERS)).isBetween(0.01, 60.0);
        });
        LOG.info("Scrape while draining:\n{}", String.join("\n", scrape().lines("ckafka_migrator_")));

        // When: cut over
        HttpResponse<String> cutover = app.request("POST", "/api/migrations/orders/cutover?wait=60");
        sink.delayEach(Duration.ZERO);

        // Then: everything delivered, nothing left, the handoff pause measured
        assertThat(cutover.statusCode()).as(cutover.body()).isEqualTo(200);
        await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> {
            PrometheusScrape scrape = scrape();
            assertPhase(scrape, "MIGRATED");
            assertThat(scrape.get("ckafka_migrator_delivered_records_total", orders("route", "orders-legacy-consumer"))).isEqualTo(LEGACY_RECORDS);
            assertThat(scrape.get("ckafka_migrator_delivered_records_total", orders("route", "orders-ckafka-consumer"))).isEqualTo(CKAFKA_RECORDS);
            assertThat(scrape.get("ckafka_migrator_legacy_remaining_records", ORDERS)).isZero();
            assertThat(partitionSum(scrape)).isZero();
            assertThat(scrape.get("ckafka_migrator_ckafka_backlog_records", ORDERS)).isZero();
            assertThat(scrape.get("ckafka_migrator_drain_eta_seconds", ORDERS)).isZero();
            assertThat(scrape.get("ckafka_migrator_handoff_pause_seconds", ORDERS)).isBetween(0.0, 30.0);
            assertThat(scrape.get("ckafka_migrator_metrics_sample_errors_total", ORDERS)).isZero();
            assertThat(scrape.get("ckafka_migrator_metrics_sample_age_seconds", ORDERS)).isBetween(0.0, 5.0);
        });
        assertThat(sink.accepted()).hasSize(LEGACY_RECORDS + CKAFKA_RECORDS);
        assertThat(Thread.getAllStackTraces().keySet()).as("one sampler, however many routes were started")
                .filteredOn(t -> t.getName().equals("migration-metrics-sampler") && t.isAlive()).hasSize(1);
        LOG.info("Scrape after the handoff:\n{}", String.join("\n", scrape().lines("ckafka_migrator_")));
    }

    @Test
    void shouldCountStrayWritesToLegacyAfterTheSwitch() throws Exception {
        // Given
        post("legacy-", 1);
        assertThat(app.request("POST", "/api/migrations/orders/switch-producer").statusCode()).isEqualTo(200);

        // When: a producer that was not redirected still writes to legacy
        RawKafka.produce(clusters.legacy(), TOPIC, "stray", "s1", "s2");

        // Then
        await().atMost(30, TimeUnit.SECONDS).untilAsserted(() ->
                assertThat(scrape().get("ckafka_migrator_stray_writes_records", ORDERS)).isEqualTo(2));
    }
}
