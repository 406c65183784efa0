package io.ckafkamigrator;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.ckafkamigrator.support.ApiUsers;
import io.ckafkamigrator.support.CheckedSink;
import io.ckafkamigrator.support.ConsumerService;
import io.ckafkamigrator.support.JarMigrator;
import io.ckafkamigrator.support.Json;
import io.ckafkamigrator.support.KafkaTestCluster;
import io.ckafkamigrator.support.KeyedProducerService;
import io.ckafkamigrator.support.MigratorExtension;
import io.ckafkamigrator.support.Name;
import io.ckafkamigrator.support.RouteFiles;
import io.ckafkamigrator.support.RunningMigrator;
import io.ckafkamigrator.support.TopicFile;
import io.ckafkamigrator.support.WebhookServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static io.ckafkamigrator.support.TopicFile.ckafkaGroup;
import static io.ckafkamigrator.support.TopicFile.legacyGroup;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A topic whose producers and consumers are the operator's own services (issue 16), migrated by
 * the packaged jar run as a separate process and killed with SIGKILL in each phase, then started
 * again on the same state directory. The services are plain Kafka clients of this JVM: a keyed,
 * sequence-numbered producer the test repoints from legacy to CKafka, the old consumer in the
 * legacy group and the new one in the CKafka group, both delivering to one checked sink; the
 * topic file's hook routes call a webhook of the test that stops the old one and starts the new
 * one. After each crash the phase resumes as saved, the migration completes, every acknowledged
 * record is delivered exactly once and each key in order across both consumers, and the start
 * hook succeeds exactly once.
 */
@ExtendWith(MigratorExtension.class)
class ExternalCrashResumeIT {

    private static final AtomicInteger TOPICS = new AtomicInteger();
    private static final String STOP_LEGACY_CONSUMERS = "stop-legacy-consumers";
    private static final String START_CKAFKA_CONSUMERS = "start-ckafka-consumers";
    private static final String ON_PHASE = "on-phase";
    private static final String STOP = "/stop";
    private static final String START = "/start";
    private static final String PHASE = "/phase";

    @Name("legacy") private KafkaTestCluster legacy;
    @Name("ckafka") private KafkaTestCluster ckafka;
    private String topic;
    private WebhookServer hooks;
    private Map<String, String> props;
    private JarMigrator app;
    private KeyedProducerService producer;
    private final CheckedSink delivered = new CheckedSink();
    private ConsumerService oldService;
    private volatile ConsumerService newService;

    /**
     * A fresh topic with external producers and consumers and its three hook routes, the old
     * services running on legacy, and the jar started on it.
     */
    @BeforeEach
    void startServicesAndMigrator(@TempDir Path routes) throws Exception {
        topic = "ext-crash-" + TOPICS.incrementAndGet();
        legacy.recreateTopic(topic, 3, legacyGroup(topic));
        ckafka.recreateTopic(topic, 3, ckafkaGroup(topic));
        hooks = new WebhookServer();
        hooks.on(STOP, () -> oldService.stop());
        hooks.on(START, () -> {
            if (newService == null) {
                // offsetReset none: the new service must find its group's offsets committed at the start offsets.
                newService = ConsumerService.start("new-consumer", ckafka, topic, ckafkaGroup(topic), "none",
                        delivered);
            }
        });
        hooks.on(PHASE, () -> { });
        RouteFiles.copy(Path.of("routes"), routes);
        Files.delete(routes.resolve("topics/orders.yaml"));
        Files.writeString(routes.resolve("topics/" + topic + ".yaml"), TopicFile.of(topic).externalProducers()
                .externalConsumers().hook(STOP_LEGACY_CONSUMERS, hooks.uri(STOP))
                .hook(START_CKAFKA_CONSUMERS, hooks.uri(START)).hook(ON_PHASE, hooks.uri(PHASE)).text());
        props = new HashMap<>();
        props.put("migration.embedded.enabled", "false");
        props.put("legacy.bootstrap-servers", legacy.bootstrapServers());
        props.put("ckafka.bootstrap-servers", ckafka.bootstrapServers());
        props.put("migration.state-dir", Files.createTempDirectory("migrator-state-").toString());
        int port = RunningMigrator.freePort();
        props.put("camel.server.port", String.valueOf(port));
        props.put("camel.management.port", String.valueOf(RunningMigrator.freePortOtherThan(port)));
        props.put("camel.server.basic-properties-file", ApiUsers.USERS_FILE);
        props.put("camel.main.routes-include-pattern", "file:" + routes + "/**/*.yaml");
        oldService = ConsumerService.start("old-consumer", legacy, topic, legacyGroup(topic), delivered);
        producer = KeyedProducerService.start(legacy, topic, "key", 4, Duration.ofMillis(5));
        app = JarMigrator.start(props);
    }

    @AfterEach
    void stopAll(TestInfo test) throws Exception {
        producer.close();
        oldService.stop();
        if (newService != null) {
            newService.stop();
        }
        if (app != null) {
            // The jar's output of its last start, for the reader of a failed scenario.
            Path log = Path.of("target", "external-crash", test.getTestMethod().orElseThrow().getName() + ".log");
            Files.createDirectories(log.getParent());
            Files.writeString(log, app.output());
            app.close();
        }
        hooks.close();
    }

    @Test
    void shouldResumePreparedDrainingWithoutDrainTargetAndCompleteExactlyOnceAfterAKill() throws Exception {
        // Given
        acknowledgedAtLeast(100);
        prepare();

        // When
        int exitCode = app.kill();
        app.restart();
        String statusAfterRestart = status();
        repointProducers();
        producersSwitched();
        cutover();
        awaitMigratedAndNewServiceDelivering();

        // Then
        assertThat(exitCode).as("exit code after SIGKILL").isEqualTo(137);
        assertThat(Json.field(statusAfterRestart, "phase")).isEqualTo("DRAINING");
        assertThat(Json.field(statusAfterRestart, "producer")).isEqualTo("switching");
        assertCompletedExactlyOnceWithEachHookDone();
    }

    @Test
    void shouldResumeDrainingWithItsDrainTargetAndCompleteExactlyOnceAfterAKill() throws Exception {
        // Given
        acknowledgedAtLeast(100);
        prepare();
        repointProducers();
        producersSwitched();
        String drainTarget = savedState("drain-target.");

        // When
        int exitCode = app.kill();
        app.restart();
        String statusAfterRestart = status();
        cutover();
        awaitMigratedAndNewServiceDelivering();

        // Then
        assertThat(exitCode).as("exit code after SIGKILL").isEqualTo(137);
        assertThat(Json.field(statusAfterRestart, "phase")).isEqualTo("DRAINING");
        assertThat(Json.field(statusAfterRestart, "producer")).isEqualTo("ckafka");
        assertThat(savedState("drain-target.")).isEqualTo(drainTarget).isNotEmpty();
        assertCompletedExactlyOnceWithEachHookDone();
    }

    @Test
    void shouldResumeCuttingOverWhileTheOldConsumerStillRunsAndCompleteExactlyOnceAfterAKill() throws Exception {
        // Given
        // The old service is held with records left, so the legacy group cannot drain before the kill.
        acknowledgedAtLeast(100);
        prepare();
        oldService.hold();
        repointProducers();
        producersSwitched();
        cutover();

        // When
        int exitCode = app.kill();
        app.restart();
        String statusAfterRestart = status();
        boolean oldServiceRanAtRestart = oldService.running();
        oldService.release();
        awaitMigratedAndNewServiceDelivering();

        // Then
        assertThat(exitCode).as("exit code after SIGKILL").isEqualTo(137);
        assertThat(Json.field(statusAfterRestart, "phase")).isEqualTo("CUTTING_OVER");
        assertThat(oldServiceRanAtRestart).isTrue();
        assertCompletedExactlyOnceWithEachHookDone();
    }

    @Test
    void shouldResumeMigratedAndMakeTheOwedStartHookCallOnceAfterAKill() throws Exception {
        // Given
        // The webhook that starts the new service is down until after the kill: MIGRATED is saved,
        // the start call has failed and is owed.
        hooks.failFirst(START, 1_000);
        acknowledgedAtLeast(100);
        prepare();
        repointProducers();
        producersSwitched();
        cutover();
        await("a failed call of the start hook").atMost(60, TimeUnit.SECONDS)
                .until(() -> hooks.calls(START).stream().anyMatch(call -> call.status() == 500));
        String phaseAtKill = savedState("phase");
        String hooksDoneAtKill = savedState("hooks-done");

        // When
        int exitCode = app.kill();
        hooks.failFirst(START, 0);
        app.restart();
        String statusAfterRestart = status();
        awaitMigratedAndNewServiceDelivering();

        // Then
        assertThat(exitCode).as("exit code after SIGKILL").isEqualTo(137);
        assertThat(phaseAtKill).isEqualTo("MIGRATED");
        assertThat(hooksDoneAtKill).contains(STOP_LEGACY_CONSUMERS).doesNotContain(START_CKAFKA_CONSUMERS);
        assertThat(Json.field(statusAfterRestart, "phase")).isEqualTo("MIGRATED");
        assertCompletedExactlyOnceWithEachHookDone();
    }

    private void acknowledgedAtLeast(int count) {
        await(count + " records acknowledged").atMost(60, TimeUnit.SECONDS).until(() -> producer.acknowledgedCount() >= count);
    }

    /** Prepare, a step of the scenario: waits for DRAINING to be saved rather than checking the answer. */
    private void prepare() {
        app.request("POST", path("/prepare"));
        await("DRAINING saved by prepare").atMost(30, TimeUnit.SECONDS).until(() -> "DRAINING".equals(savedState("phase")));
    }

    /** The operator redeploys the producer service against CKafka, after a few more records to legacy. */
    private void repointProducers() {
        acknowledgedAtLeast(producer.acknowledgedCount() + 30);
        producer.repointTo(ckafka);
        acknowledgedAtLeast(producer.acknowledgedCount() + 30);
    }

    /** Producers-switched, a step: waits for the drain target to be saved. */
    private void producersSwitched() {
        app.request("POST", path("/producers-switched"));
        await("the drain target saved").atMost(30, TimeUnit.SECONDS).until(() -> !savedState("drain-target.").isEmpty());
    }

    /** The cutover request, a step: waits for CUTTING_OVER (or later) to be saved. */
    private void cutover() {
        app.request("POST", path("/cutover"));
        await("CUTTING_OVER saved by the cutover").atMost(30, TimeUnit.SECONDS)
                .until(() -> List.of("CUTTING_OVER", "MIGRATED").contains(savedState("phase")));
    }

    /** MIGRATED, the new service started by the start hook, and some records delivered by it. */
    private void awaitMigratedAndNewServiceDelivering() {
        await("MIGRATED saved").atMost(90, TimeUnit.SECONDS).until(() -> "MIGRATED".equals(savedState("phase")));
        await("the new service started by the start hook").atMost(60, TimeUnit.SECONDS).until(() -> newService != null);
        int from = delivered.valuesOf("new-consumer").size();
        await("records delivered by the new service").atMost(60, TimeUnit.SECONDS)
                .until(() -> delivered.valuesOf("new-consumer").size() >= from + 30);
    }

    /**
     * Stops the producer, waits until every acknowledged record was delivered, then checks the
     * deliveries of both services and each hook's calls.
     */
    private void assertCompletedExactlyOnceWithEachHookDone() throws Exception {
        producer.close();
        // Every acknowledged record once, each key in order across the old and the new service.
        delivered.assertEveryRecordOnceInKeyOrder(producer.acknowledged());
        String status = status();
        assertThat(producer.failures()).isEmpty();
        assertThat(delivered.valuesOf("old-consumer")).isNotEmpty();
        assertThat(delivered.valuesOf("new-consumer")).isNotEmpty();
        assertThat(oldService.running()).isFalse();
        assertThat(oldService.failure()).isNull();
        assertThat(newService.failure()).isNull();
        // The stop and start hooks succeeded once each, and the saved state says so.
        assertThat(hooks.calls(STOP)).filteredOn(call -> call.status() == 200).hasSize(1);
        assertThat(hooks.calls(START)).filteredOn(call -> call.status() == 200).hasSize(1);
        assertThat(hook(status, STOP_LEGACY_CONSUMERS, "done")).isEqualTo("true");
        assertThat(hook(status, START_CKAFKA_CONSUMERS, "done")).isEqualTo("true");
        // On-phase at least once per phase: a crash after a call and before it was saved as made
        // repeats it at the restart, so a phase may be told twice.
        assertThat(hooks.calls(PHASE)).filteredOn(call -> call.status() == 200)
                .extracting(call -> Json.field(call.body(), "phase"))
                .contains("DRAINING", "CUTTING_OVER", "MIGRATED");
        assertThat(Json.field(status, "phase")).isEqualTo("MIGRATED");
    }

    private String path(String action) {
        return "/api/migrations/" + topic + action;
    }

    private String status() {
        HttpResponse<String> status = app.request("GET", path(""));
        assertThat(status.statusCode()).as(status.body()).isEqualTo(200);
        return status.body();
    }

    /** A field of one hook's object in the status ({@code hooks.<hook>.<field>}). */
    private static String hook(String status, String hook, String field) {
        int at = status.indexOf("\"" + hook + "\":{");
        assertThat(at).as("hook %s in %s", hook, status).isNotNegative();
        return Json.field(status.substring(at + hook.length() + 3), field);
    }

    /**
     * The saved state's value of {@code key}, or for a key ending in a dot every entry under it
     * ({@code drain-target.}); empty when there is none. Read from the state file: the truth while
     * the app is down.
     */
    private String savedState(String key) throws IOException {
        Path file = Path.of(props.get("migration.state-dir"), topic + ".state");
        if (!Files.exists(file)) {
            return "";
        }
        List<String> lines = Files.readAllLines(file).stream().filter(l -> !l.startsWith("#")).sorted().toList();
        if (key.endsWith(".")) {
            return String.join(",", lines.stream().filter(l -> l.startsWith(key)).toList());
        }
        return lines.stream().filter(l -> l.startsWith(key + "=")).findFirst().map(l -> l.substring(key.length() + 1))
                .orElse("");
    }
}
