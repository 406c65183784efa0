package io.ckafkamigrator;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.ckafkamigrator.support.HttpSink;
import io.ckafkamigrator.support.JarMigrator;
import io.ckafkamigrator.support.KeyedLoad;
import io.ckafkamigrator.support.OrdersAppTest;
import io.ckafkamigrator.support.RunningMigrator;
import io.ckafkamigrator.support.SinkCheck;
import io.ckafkamigrator.support.StoppableClusters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Faults injected into the packaged jar, run as a separate process against brokers of this
 * JVM, under continuous keyed sequence-numbered ingest. After each, the sink must hold every
 * acknowledged record, each key in order (redelivered duplicates allowed and counted). Each
 * scenario prints a row of docs/reliability.md and appends it to target/reliability/results.md.
 * The kill in DRAINING always runs; the others with {@code -Dfaults=all}.
 */
class FaultInjectionIT {

    private static final String STATUS = "/api/migrations/orders";
    private static StoppableClusters clusters;

    private HttpSink sink;
    private Map<String, String> props;
    private JarMigrator app;
    private KeyedLoad load;

    @BeforeAll
    static void startClusters() {
        clusters = StoppableClusters.start();
    }

    @AfterAll
    static void stopClusters() {
        clusters.close();
    }

    @BeforeEach
    void startApp() throws Exception {
        clusters.legacy().recreateTopic("orders", 3, "orders-consumer");
        clusters.ckafka().recreateTopic("orders", 3, "orders-consumer-ckafka");
        sink = new HttpSink();
        props = new HashMap<>(RunningMigrator.overrides(clusters.legacy(), clusters.ckafka(), sink));
        // A broker that is away answers ingest with 503 within seconds, not after 30 s.
        props.put("migration.producer.max-block-ms", "3000");
        props.put("migration.producer.request-timeout-ms", "3000");
        props.put("migration.producer.delivery-timeout-ms", "6000");
        // A killed instance's group membership lingers until its session times out (45 s by
        // default); the restarted consumers wait for that before they get partitions.
        props.put("legacy.client.session.timeout.ms", "6000");
        props.put("ckafka.client.session.timeout.ms", "6000");
        app = JarMigrator.start(props);
        load = new KeyedLoad(app, 4);
    }

    @AfterEach
    void stopApp(TestInfo test) throws Exception {
        if (load != null) {
            load.close();
        }
        if (app != null) {
            // The app's output of the last start, kept for the reader of a failed scenario
            Path log = Path.of("target", "reliability", test.getTestMethod().orElseThrow().getName() + ".log");
            Files.createDirectories(log.getParent());
            Files.writeString(log, app.output());
            app.close();
        }
        sink.close();
    }

    @Test
    @EnabledIfSystemProperty(named = "faults", matches = "all")
    void givenTrafficInLegacy_whenTheAppIsKilledAndRestarted_thenTheMigrationCompletesWithNothingLost() throws Exception {
        acknowledgedAtLeast(100);
        app.kill();
        app.restart();
        acknowledgedAtLeast(load.acknowledgedCount() + 50);
        switchProducer();
        cutOver();
        check("SIGKILL in LEGACY, restart");
    }

    @Test
    void givenADrainingTopic_whenTheAppIsKilledAndRestarted_thenTheMigrationCompletesWithNothingLost() throws Exception {
        acknowledgedAtLeast(100);
        switchProducer();
        acknowledgedAtLeast(load.acknowledgedCount() + 50);
        app.kill();
        app.restart();
        assertThat(phase()).isEqualTo("DRAINING");
        acknowledgedAtLeast(load.acknowledgedCount() + 50);
        cutOver();
        check("SIGKILL in DRAINING, restart");
    }

    @Test
    @EnabledIfSystemProperty(named = "faults", matches = "all")
    void givenAHandoffWaitingForTheLegacyGroup_whenTheAppIsKilled_thenTheRestartFinishesTheHandoff() throws Exception {
        // Given: the sink stalls, so the legacy group cannot drain and the handoff waits in CUTTING_OVER
        acknowledgedAtLeast(100);
        sink.hold();
        switchProducer();
        acknowledgedAtLeast(load.acknowledgedCount() + 20);
        HttpResponse<String> cutover = app.request("POST", STATUS + "/cutover");
        assertThat(cutover.statusCode()).as(cutover.body()).isEqualTo(202);
        assertThat(phase()).isEqualTo("CUTTING_OVER");

        // When
        app.kill();
        sink.release();
        app.restart();

        // Then
        await().atMost(120, TimeUnit.SECONDS).untilAsserted(() -> assertThat(phase()).isEqualTo("MIGRATED"));
        check("SIGKILL in CUTTING_OVER (legacy not drained), restart");
    }

    @Test
    @EnabledIfSystemProperty(named = "faults", matches = "all")
    void givenAHandoffStoppedOnceTheLegacyGateIsRetired_whenTheAppIsKilled_thenTheRestartFinishesTheHandoff()
            throws Exception {
        killAtHandoffStep("legacy-retired", "LEGACY_RETIRED", "CUTTING_OVER",
                "SIGKILL in CUTTING_OVER at step legacy-retired (MIGRATED not saved), restart");
    }

    @Test
    @EnabledIfSystemProperty(named = "faults", matches = "all")
    void givenAHandoffStoppedOnceMigratedIsSaved_whenTheAppIsKilled_thenTheRestartDeliversFromCkafkaOnly()
            throws Exception {
        killAtHandoffStep("migrated-saved", "MIGRATED_SAVED", "MIGRATED",
                "SIGKILL in CUTTING_OVER at step migrated-saved (CKafka gate not opened), restart");
    }

    /**
     * Restarts the app with the test hook that stops the handoff at {@code step}, cuts over, kills
     * the app while it is stopped there, and restarts it without the hook.
     */
    private void killAtHandoffStep(String step, String loggedStep, String savedPhase, String scenario) throws Exception {
        // Given: the handoff stopped at the step, the saved phase as a crash there leaves it
        acknowledgedAtLeast(100);
        app.stop();
        app.restart("migration.test.pause-handoff-at=" + step);
        switchProducer();
        acknowledgedAtLeast(load.acknowledgedCount() + 50);
        HttpResponse<String> cutover = app.request("POST", STATUS + "/cutover");
        assertThat(cutover.statusCode()).as(cutover.body()).isEqualTo(202);
        await().atMost(60, TimeUnit.SECONDS).until(() ->
                app.output().contains("Handoff paused for fault injection: topic=orders step=" + loggedStep));
        assertThat(phase()).isEqualTo(savedPhase);

        // When
        assertThat(app.kill()).isEqualTo(137);
        app.restart();

        // Then
        await().atMost(120, TimeUnit.SECONDS).untilAsserted(() -> assertThat(phase()).isEqualTo("MIGRATED"));
        check(scenario);
    }

    @Test
    @EnabledIfSystemProperty(named = "faults", matches = "all")
    void givenAMigratedTopic_whenTheAppIsKilledAndRestarted_thenOnlyCkafkaDeliversAndNothingIsLost() throws Exception {
        acknowledgedAtLeast(100);
        switchProducer();
        cutOver();
        acknowledgedAtLeast(load.acknowledgedCount() + 50);
        app.kill();
        app.restart();
        assertThat(phase()).isEqualTo("MIGRATED");
        acknowledgedAtLeast(load.acknowledgedCount() + 50);
        check("SIGKILL just after MIGRATED, restart");
    }

    @Test
    @EnabledIfSystemProperty(named = "faults", matches = "all")
    void givenADrainingTopic_whenTheLegacyBrokerIsDown_thenNoCutoverHappensUntilItIsBack() throws Exception {
        // Given: records still to drain from legacy
        sink.delayEach(Duration.ofMillis(20));
        acknowledgedAtLeast(200);
        switchProducer();

        // When: legacy goes away while a cutover is requested
        clusters.legacyBroker().stopBroker();
        try {
            app.request("POST", STATUS + "/cutover");
            // Then: never MIGRATED while legacy is down
            await().during(8, TimeUnit.SECONDS).atMost(15, TimeUnit.SECONDS)
                    .untilAsserted(() -> assertThat(phase()).isNotEqualTo("MIGRATED"));
        } finally {
            clusters.legacyBroker().restartBroker();
        }
        sink.delayEach(Duration.ZERO);
        cutOver();
        check("legacy broker stopped in DRAINING, restarted");
    }

    @Test
    @EnabledIfSystemProperty(named = "faults", matches = "all")
    void givenADrainingTopic_whenTheCkafkaBrokerIsDown_thenIngestAnswers503AndNothingAcknowledgedIsLost()
            throws Exception {
        acknowledgedAtLeast(100);
        switchProducer();
        acknowledgedAtLeast(load.acknowledgedCount() + 50);

        clusters.ckafkaBroker().stopBroker();
        try {
            await().atMost(60, TimeUnit.SECONDS).untilAsserted(() -> assertThat(load.failures()).contains(503));
        } finally {
            clusters.ckafkaBroker().restartBroker();
        }
        acknowledgedAtLeast(load.acknowledgedCount() + 50);
        cutOver();
        check("CKafka broker stopped in DRAINING (ingest 503), restarted");
    }

    @Test
    @EnabledIfSystemProperty(named = "faults", matches = "all")
    void givenASecondInstanceInTheCkafkaGroup_whenACutoverIsRequested_thenItIsRefused() throws Exception {
        // Given: a second instance with the same configuration and a copy of the state
        acknowledgedAtLeast(100);
        switchProducer();
        Map<String, String> second = new HashMap<>(props);
        Path secondState = Files.createTempDirectory("migrator-second-");
        Files.copy(Path.of(props.get("migration.state-dir"), "orders.state"), secondState.resolve("orders.state"));
        second.put("migration.state-dir", secondState.toString());
        second.put("camel.server.port", String.valueOf(RunningMigrator.freePort()));
        second.put("camel.management.port", String.valueOf(RunningMigrator.freePort()));
        try (JarMigrator other = JarMigrator.start(second)) {
            await().atMost(60, TimeUnit.SECONDS).until(() -> ckafkaGroupMembers() == 2);

            // When
            HttpResponse<String> cutover = app.request("POST", STATUS + "/cutover?wait=5");

            // Then
            assertThat(cutover.statusCode()).as(cutover.body()).isEqualTo(409);
            assertThat(OrdersAppTest.field(cutover.body(), "error")).isEqualTo("ckafka_group_active");
            assertThat(phase()).isEqualTo("DRAINING");
        }
        // The held CKafka consumer does not poll, so it cannot rejoin the rebalance the second
        // instance started; the operator restarts this instance after stopping the other one.
        app.stop();
        app.restart();
        cutOver();
        check("cutover with a second instance in the CKafka group (409), then alone after a restart");
    }

    private static int ckafkaGroupMembers() throws Exception {
        try (var admin = clusters.ckafka().admin()) {
            return admin.describeConsumerGroups(java.util.List.of("orders-consumer-ckafka")).all().get(10, TimeUnit.SECONDS)
                    .get("orders-consumer-ckafka").members().size();
        }
    }

    private void acknowledgedAtLeast(int count) {
        await().atMost(120, TimeUnit.SECONDS).until(() -> load.acknowledgedCount() >= count);
    }

    private void switchProducer() {
        HttpResponse<String> switched = app.request("POST", STATUS + "/switch-producer");
        assertThat(switched.statusCode()).as(switched.body()).isEqualTo(200);
    }

    private void cutOver() {
        await().atMost(120, TimeUnit.SECONDS).ignoreExceptions().untilAsserted(() -> {
            HttpResponse<String> cutover = app.request("POST", STATUS + "/cutover?wait=30");
            assertThat(cutover.statusCode()).as(cutover.body()).isEqualTo(200);
        });
    }

    /** The saved phase, read from the state file: the truth even while a cluster is down. */
    private String phase() throws Exception {
        return Files.readAllLines(Path.of(props.get("migration.state-dir"), "orders.state")).stream()
                .filter(line -> line.startsWith("phase=")).findFirst().orElseThrow().substring("phase=".length());
    }

    /** Stops the load, waits for every acknowledged record at the sink, then checks and reports. */
    private void check(String scenario) throws Exception {
        acknowledgedAtLeast(load.acknowledgedCount() + 20);
        load.close();
        await().atMost(120, TimeUnit.SECONDS).untilAsserted(() ->
                assertThat(sink.accepted().stream().map(HttpSink.Delivery::value).distinct().toList())
                        .containsAll(load.acknowledged()));
        SinkCheck result = SinkCheck.of(scenario, load, sink.accepted()).report();
        assertThat(result.lost()).isZero();
        assertThat(result.reordered()).isZero();
    }
}
