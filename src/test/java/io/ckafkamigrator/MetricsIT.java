package io.ckafkamigrator;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.ckafkamigrator.support.HttpSink;
import io.ckafkamigrator.support.KafkaTestCluster;
import io.ckafkamigrator.support.MigratorExtension;
import io.ckafkamigrator.support.MigratorProperty;
import io.ckafkamigrator.support.Name;
import io.ckafkamigrator.support.OrdersMigrator;
import io.ckafkamigrator.support.PrometheusScrape;
import io.ckafkamigrator.support.RawKafka;
import io.ckafkamigrator.support.RunningMigrator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static io.ckafkamigrator.support.OrdersApp.TOPIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The migration's Prometheus metrics, scraped from {@code /observe/metrics} of the real main
 * class while the shipped {@code orders} topic migrates between two real clusters. The ordered
 * migration is followed stage by stage: the sink stalls so the legacy group cannot move, the
 * producer is switched, the sink takes records again slowly, the topic is cut over.
 */
@ExtendWith(MigratorExtension.class)
// Sampled often, so the test need not wait long for a new sample.
@MigratorProperty(name = "migration.metrics.sample-interval-ms", value = "200")
class MetricsIT {

    private static final Logger LOG = LoggerFactory.getLogger(MetricsIT.class);
    private static final String[] ORDERS = {"topic", TOPIC};
    private static final int LEGACY_RECORDS = 30;
    private static final int CKAFKA_RECORDS = 5;

    @Name("legacy") private KafkaTestCluster legacy;
    @OrdersMigrator private RunningMigrator app;
    @OrdersMigrator private HttpSink sink;

    @Test
    void shouldReportEverythingOnLegacyAndLeftToConsumeBeforeTheSwitch() {
        // Given
        // The sink stalls, so the legacy group cannot move.
        sink.hold();

        // When
        List<Integer> statuses = post("legacy-", LEGACY_RECORDS);

        // Then
        assertThat(statuses).hasSize(LEGACY_RECORDS).containsOnly(200);
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
    }

    @Test
    void shouldReportTheCkafkaBacklogAndAnUnknownDrainTimeWhileTheLegacyGroupIsStalled() {
        // Given
        sink.hold();
        post("legacy-", LEGACY_RECORDS);
        double beforeSwitch = nowSeconds();

        // When
        // The producer is switched and records heap up in CKafka while legacy is stalled.
        HttpResponse<String> switched = app.request("POST", "/api/migrations/orders/switch-producer");
        List<Integer> statuses = post("ckafka-", CKAFKA_RECORDS);

        // Then
        assertThat(switched.statusCode()).as(switched.body()).isEqualTo(200);
        assertThat(statuses).hasSize(CKAFKA_RECORDS).containsOnly(200);
        await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> {
            PrometheusScrape scrape = scrape();
            assertPhase(scrape, "DRAINING");
            assertThat(scrape.get("ckafka_migrator_produced_records_total", orders("cluster", "ckafka"))).isEqualTo(CKAFKA_RECORDS);
            assertThat(scrape.get("ckafka_migrator_ckafka_backlog_records", ORDERS)).isEqualTo(CKAFKA_RECORDS);
            assertThat(scrape.get("ckafka_migrator_legacy_remaining_records", ORDERS)).isEqualTo(LEGACY_RECORDS);
            assertThat(partitionSum(scrape)).isEqualTo(LEGACY_RECORDS);
            assertThat(scrape.get("ckafka_migrator_stray_writes_records", ORDERS)).isZero();
            assertThat(scrape.get("ckafka_migrator_drain_eta_seconds", ORDERS)).as("stalled: unknown").isNaN();
            assertThat(scrape.get("ckafka_migrator_phase_entered_timestamp_seconds", ORDERS)).as("entered DRAINING")
                    .isBetween(beforeSwitch, nowSeconds());
        });
        LOG.info("Scrape mid-migration (DRAINING, legacy stalled):\n{}", String.join("\n", scrape().lines("ckafka_migrator_")));
    }

    @Test
    void shouldEstimateTheDrainTimeFromTheRecentRateOnceTheLegacyGroupMovesAgain() {
        // Given
        stalledWithABacklogInCkafka();

        // When
        // The sink takes records again, slowly.
        sink.delayEach(Duration.ofMillis(150));
        sink.release();

        // Then
        // The lag falls and the time left is estimated from the recent rate.
        await().atMost(30, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            PrometheusScrape scrape = scrape();
            assertThat(scrape.get("ckafka_migrator_legacy_remaining_records", ORDERS)).isBetween(1.0, LEGACY_RECORDS - 1.0);
            assertThat(scrape.get("ckafka_migrator_drain_eta_seconds", ORDERS)).isBetween(0.01, 60.0);
        });
        LOG.info("Scrape while draining:\n{}", String.join("\n", scrape().lines("ckafka_migrator_")));
    }

    @Test
    void shouldReportEverythingDeliveredNothingLeftAndTheHandoffPauseOnceMigrated() {
        // Given
        // The legacy group drains slowly, as the drain-time estimate saw it.
        stalledWithABacklogInCkafka();
        sink.delayEach(Duration.ofMillis(150));
        sink.release();
        await().atMost(30, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(100))
                .until(() -> sampled("ckafka_migrator_legacy_remaining_records") < LEGACY_RECORDS);

        // When
        HttpResponse<String> cutover = app.request("POST", "/api/migrations/orders/cutover?wait=60");
        sink.delayEach(Duration.ZERO);

        // Then
        // Everything delivered, nothing left, the handoff pause measured.
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
            assertThat(scrape.get("ckafka_migrator_stray_writes_records", ORDERS)).as("legacy not measured").isNaN();
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
        app.request("POST", "/api/migrations/orders/switch-producer");

        // When
        // A producer that was not redirected still writes to legacy.
        RawKafka.produce(legacy, TOPIC, "stray", "s1", "s2");

        // Then
        await().atMost(30, TimeUnit.SECONDS).untilAsserted(() ->
                assertThat(scrape().get("ckafka_migrator_stray_writes_records", ORDERS)).isEqualTo(2));
    }

    /**
     * The stage the drain starts from: the sink stalls, every legacy record is left to consume,
     * the producer is switched and the CKafka records wait, and a sample has seen all of it.
     */
    private void stalledWithABacklogInCkafka() {
        sink.hold();
        post("legacy-", LEGACY_RECORDS);
        app.request("POST", "/api/migrations/orders/switch-producer");
        post("ckafka-", CKAFKA_RECORDS);
        await().atMost(30, TimeUnit.SECONDS).until(() ->
                sampled("ckafka_migrator_legacy_remaining_records") == LEGACY_RECORDS
                        && sampled("ckafka_migrator_ckafka_backlog_records") == CKAFKA_RECORDS);
    }

    /** The status of each POST of {@code count} records {@code prefix + i}, over six keys. */
    private List<Integer> post(String prefix, int count) {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            statuses.add(app.post("/topics/orders?key=key-" + (i % 6), "text/plain", prefix + i).statusCode());
        }
        return statuses;
    }

    private PrometheusScrape scrape() {
        HttpResponse<String> response = app.request("GET", "/observe/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        return PrometheusScrape.of(response.body());
    }

    /** The topic's current value of a metric, NaN while it is not sampled yet; for waiting, not for checking. */
    private double sampled(String metric) {
        return PrometheusScrape.of(app.request("GET", "/observe/metrics").body()).value(metric, ORDERS).orElse(Double.NaN);
    }

    private static double nowSeconds() {
        return System.currentTimeMillis() / 1000.0;
    }

    private static String[] orders(String... more) {
        String[] labels = new String[2 + more.length];
        labels[0] = "topic";
        labels[1] = TOPIC;
        System.arraycopy(more, 0, labels, 2, more.length);
        return labels;
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
}
