package io.ckafkamigrator;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.ckafkamigrator.support.HttpSink;
import io.ckafkamigrator.support.JarMigrator;
import io.ckafkamigrator.support.Json;
import io.ckafkamigrator.support.KeyedLoad;
import io.ckafkamigrator.support.RunningMigrator;
import io.ckafkamigrator.support.SinkCheck;
import io.ckafkamigrator.support.StoppableClusters;
import org.awaitility.core.ConditionTimeoutException;
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
        clusters.legacy().commitAtEnd("orders-consumer", "orders");
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
    void shouldCompleteTheMigrationWithNothingLostAfterAKillInLegacy() throws Exception {
        // Given
        acknowledgedAtLeast(100);

        // When
        app.kill();
        app.restart();
        acknowledgedAtLeast(load.acknowledgedCount() + 50);
        switchProducer();
        HttpResponse<String> cutover = cutOver();

        // Then
        assertCutOver(cutover);
        check("SIGKILL in LEGACY, restart");
    }

    @Test
    void shouldResumeDrainingAndCompleteTheMigrationWithNothingLostAfterAKillInDraining() throws Exception {
        // Given
        acknowledgedAtLeast(100);
        switchProducer();
        acknowledgedAtLeast(load.acknowledgedCount() + 50);

        // When
        // The cutover is requested once, at once: the killed instance's CKafka member is still
        // in the group until its session expires, and it is ours, so the request waits for it.
        app.kill();
        app.restart();
        String phaseAfterRestart = phase();
        HttpResponse<String> cutover = app.request("POST", STATUS + "/cutover?wait=60");

        // Then
        assertThat(phaseAfterRestart).isEqualTo("DRAINING");
        assertCutOver(cutover);
        check("SIGKILL in DRAINING, restart, cutover requested at once");
    }

    @Test
    @EnabledIfSystemProperty(named = "faults", matches = "all")
    void shouldFinishTheHandoffAfterAKillWhileItWaitsForTheLegacyGroup() throws Exception {
        // Given
        // The sink stalls, so the legacy group cannot drain and the handoff waits in CUTTING_OVER.
        acknowledgedAtLeast(100);
        sink.hold();
        switchProducer();
        acknowledgedAtLeast(load.acknowledgedCount() + 20);
        HttpResponse<String> cutover = app.request("POST", STATUS + "/cutover");
        // Read at once: the cutover is saved before it is answered.
        String phaseAtAnswer = phase();

        // When
        app.kill();
        sink.release();
        app.restart();

        // Then
        assertThat(cutover.statusCode()).as(cutover.body()).isEqualTo(202);
        assertThat(phaseAtAnswer).isEqualTo("CUTTING_OVER");
        await().atMost(120, TimeUnit.SECONDS).untilAsserted(() -> assertThat(phase()).isEqualTo("MIGRATED"));
        check("SIGKILL in CUTTING_OVER (legacy not drained), restart");
    }

    @Test
    @EnabledIfSystemProperty(named = "faults", matches = "all")
    void shouldFinishTheHandoffAfterAKillAtTheStepLegacyRetired() throws Exception {
        // Given
        StoppedHandoff stopped = handoffStoppedAt("legacy-retired", "LEGACY_RETIRED");

        // When
        int exitCode = app.kill();
        app.restart();

        // Then
        assertThat(stopped.phase()).isEqualTo("CUTTING_OVER");
        assertKilledAndMigrated(exitCode, stopped.cutover());
        check("SIGKILL in CUTTING_OVER at step legacy-retired (MIGRATED not saved), restart");
    }

    @Test
    @EnabledIfSystemProperty(named = "faults", matches = "all")
    void shouldFinishTheHandoffAfterAKillAtTheStepMigratedSavedDeliveringFromCkafkaOnly() throws Exception {
        // Given
        StoppedHandoff stopped = handoffStoppedAt("migrated-saved", "MIGRATED_SAVED");

        // When
        int exitCode = app.kill();
        app.restart();

        // Then
        assertThat(stopped.phase()).isEqualTo("MIGRATED");
        assertKilledAndMigrated(exitCode, stopped.cutover());
        check("SIGKILL in CUTTING_OVER at step migrated-saved (CKafka gate not opened), restart");
    }

    /** The answer to a cutover whose handoff the test hook stopped, and the phase saved at that moment. */
    private record StoppedHandoff(HttpResponse<String> cutover, String phase) {
    }

    /**
     * Restarts the app with the test hook that stops the handoff at {@code step} and cuts over;
     * returns once the handoff is stopped there, with the phase a crash there leaves behind.
     * The next start runs without the hook.
     */
    private StoppedHandoff handoffStoppedAt(String step, String loggedStep) throws Exception {
        acknowledgedAtLeast(100);
        app.stop();
        app.restart("migration.test.pause-handoff-at=" + step);
        switchProducer();
        acknowledgedAtLeast(load.acknowledgedCount() + 50);
        HttpResponse<String> cutover = app.request("POST", STATUS + "/cutover");
        await().atMost(60, TimeUnit.SECONDS).until(() ->
                app.output().contains("Handoff paused for fault injection: topic=orders step=" + loggedStep));
        return new StoppedHandoff(cutover, phase());
    }

    /** The kill was a SIGKILL, the cutover before it was accepted, and the restarted app finished the handoff. */
    private void assertKilledAndMigrated(int exitCode, HttpResponse<String> cutover) {
        assertThat(exitCode).isEqualTo(137);
        assertThat(cutover.statusCode()).as(cutover.body()).isEqualTo(202);
        await().atMost(120, TimeUnit.SECONDS).untilAsserted(() -> assertThat(phase()).isEqualTo("MIGRATED"));
    }

    @Test
    @EnabledIfSystemProperty(named = "faults", matches = "all")
    void shouldDeliverFromCkafkaOnlyWithNothingLostAfterAKillOnceMigrated() throws Exception {
        // Given
        acknowledgedAtLeast(100);
        switchProducer();
        HttpResponse<String> cutover = cutOver();
        acknowledgedAtLeast(load.acknowledgedCount() + 50);

        // When
        app.kill();
        app.restart();
        String phaseAfterRestart = phase();
        acknowledgedAtLeast(load.acknowledgedCount() + 50);

        // Then
        assertCutOver(cutover);
        assertThat(phaseAfterRestart).isEqualTo("MIGRATED");
        check("SIGKILL just after MIGRATED, restart");
    }

    @Test
    @EnabledIfSystemProperty(named = "faults", matches = "all")
    void shouldNotCutOverWhileTheLegacyBrokerIsDownAndLoseNothingOnceItIsBack() throws Exception {
        // Given
        // Records still to drain from legacy.
        sink.delayEach(Duration.ofMillis(20));
        acknowledgedAtLeast(200);
        switchProducer();

        // When
        // Legacy goes away while a cutover is requested, and comes back.
        List<String> phasesWhileLegacyIsDown;
        clusters.legacyBroker().stopBroker();
        try {
            app.request("POST", STATUS + "/cutover");
            phasesWhileLegacyIsDown = phasesFor(Duration.ofSeconds(8));
        } finally {
            clusters.legacyBroker().restartBroker();
        }
        sink.delayEach(Duration.ZERO);
        HttpResponse<String> cutover = cutOver();

        // Then
        assertThat(phasesWhileLegacyIsDown).isNotEmpty().doesNotContain("MIGRATED");
        assertCutOver(cutover);
        check("legacy broker stopped in DRAINING, restarted");
    }

    @Test
    @EnabledIfSystemProperty(named = "faults", matches = "all")
    void shouldAnswerIngestWith503WhileTheCkafkaBrokerIsDownAndLoseNothingAcknowledged() throws Exception {
        // Given
        acknowledgedAtLeast(100);
        switchProducer();
        acknowledgedAtLeast(load.acknowledgedCount() + 50);

        // When
        clusters.ckafkaBroker().stopBroker();
        try {
            waitUntil(() -> load.failures().contains(503), 60);
        } finally {
            clusters.ckafkaBroker().restartBroker();
        }
        acknowledgedAtLeast(load.acknowledgedCount() + 50);
        HttpResponse<String> cutover = cutOver();

        // Then
        assertThat(load.failures()).contains(503);
        assertCutOver(cutover);
        check("CKafka broker stopped in DRAINING (ingest 503), restarted");
    }

    @Test
    @EnabledIfSystemProperty(named = "faults", matches = "all")
    void shouldRefuseTheCutoverWhileASecondInstanceIsInTheCkafkaGroup() throws Exception {
        // Given
        // A second instance with the same configuration and a copy of the state.
        acknowledgedAtLeast(100);
        switchProducer();
        Map<String, String> second = new HashMap<>(props);
        Path secondState = Files.createTempDirectory("migrator-second-");
        Files.copy(Path.of(props.get("migration.state-dir"), "orders.state"), secondState.resolve("orders.state"));
        second.put("migration.state-dir", secondState.toString());
        second.put("camel.server.port", String.valueOf(RunningMigrator.freePort()));
        second.put("camel.management.port", String.valueOf(RunningMigrator.freePort()));
        HttpResponse<String> refused;
        String phaseAfterRefusal;
        try (JarMigrator other = JarMigrator.start(second)) {
            await().atMost(60, TimeUnit.SECONDS).until(() -> clusters.ckafka().groupMembers("orders-consumer-ckafka") == 2);

            // When
            refused = app.request("POST", STATUS + "/cutover?wait=5");
            phaseAfterRefusal = phase();
        }
        // Our waiting consumer takes part in the rebalances: once the other instance has gone,
        // the group settles by itself and the cutover goes ahead without a restart.
        HttpResponse<String> cutover = cutOver();

        // Then
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(Json.field(refused.body(), "error")).isEqualTo("ckafka_group_active");
        assertThat(phaseAfterRefusal).isEqualTo("DRAINING");
        assertCutOver(cutover);
        check("cutover with a second instance in the CKafka group (409), then alone without a restart");
    }

    private void acknowledgedAtLeast(int count) {
        await().atMost(120, TimeUnit.SECONDS).until(() -> load.acknowledgedCount() >= count);
    }

    /** Switches the producer; a step of the scenario, so it waits for DRAINING to be saved instead of checking the answer. */
    /**
     * Requests the switch until the topic is DRAINING: after a kill, the killed instance's CKafka
     * member carries our instance id but is not this process's consumer, so the switch is refused
     * (ckafka_second_instance) until the broker expires it.
     */
    private void switchProducer() {
        await().atMost(60, TimeUnit.SECONDS).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() -> {
            app.request("POST", STATUS + "/switch-producer");
            return phase().equals("DRAINING");
        });
    }

    /**
     * Requests the cutover until it answers 200 (an app that is starting again may refuse it or
     * not answer) and returns the last answer, null if none came within 120 s.
     */
    private HttpResponse<String> cutOver() {
        AtomicReference<HttpResponse<String>> last = new AtomicReference<>();
        waitUntil(() -> {
            last.set(app.request("POST", STATUS + "/cutover?wait=30"));
            return last.get().statusCode() == 200;
        }, 120);
        return last.get();
    }

    /** Waits for the condition at most this long, ignoring failures to ask; Then checks what came of it. */
    private static void waitUntil(Callable<Boolean> condition, int seconds) {
        try {
            await().atMost(seconds, TimeUnit.SECONDS).ignoreExceptions().until(condition);
        } catch (ConditionTimeoutException e) {
            // What was waited for is asserted in the test's Then, with a message that says what is missing.
        }
    }

    private static void assertCutOver(HttpResponse<String> cutover) {
        assertThat(cutover).as("an answer to the cutover").isNotNull();
        assertThat(cutover.statusCode()).as(cutover.body()).isEqualTo(200);
    }

    /** The saved phase, sampled every 100 ms for this long. */
    private List<String> phasesFor(Duration duration) {
        List<String> phases = new CopyOnWriteArrayList<>();
        // The condition always holds, so Awaitility keeps sampling for the whole duration.
        await().pollInterval(Duration.ofMillis(100)).during(duration).atMost(duration.plusSeconds(7))
                .until(() -> phases.add(phase()));
        return phases;
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
