package io.ckafkamigrator;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.ckafkamigrator.support.ApiUsers;
import io.ckafkamigrator.support.HookServer;
import io.ckafkamigrator.support.JarMigrator;
import io.ckafkamigrator.support.Json;
import io.ckafkamigrator.support.KafkaTestCluster;
import io.ckafkamigrator.support.KeyedLoad;
import io.ckafkamigrator.support.MigratorExtension;
import io.ckafkamigrator.support.Name;
import io.ckafkamigrator.support.RouteFiles;
import io.ckafkamigrator.support.RunningMigrator;
import io.ckafkamigrator.support.SequencedProducer;
import io.ckafkamigrator.support.ServiceConsumer;
import io.ckafkamigrator.support.ServiceConsumer.Delivery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static io.ckafkamigrator.support.HookServer.ON_PHASE;
import static io.ckafkamigrator.support.HookServer.START_CKAFKA_CONSUMERS;
import static io.ckafkamigrator.support.HookServer.STOP_LEGACY_CONSUMERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A topic whose producers and consumers are the operator's own services (issue 16), migrated by
 * the packaged jar run as a separate process and killed with SIGKILL in each phase, then started
 * again on the same state directory. The services are plain Kafka clients of this JVM: a keyed,
 * sequence-numbered producer the test repoints from legacy to CKafka, the old consumer in the
 * legacy group and the new one in the CKafka group, both delivering to one checked list; the
 * topic file's hook routes call a webhook of the test that stops the old one and starts the new
 * one. After each crash the phase resumes as saved, the migration completes, every acknowledged
 * record is delivered exactly once and each key in order across both consumers, and the start
 * hook succeeds exactly once.
 */
@ExtendWith(MigratorExtension.class)
class ExternalCrashResumeIT {

    private static final AtomicInteger TOPICS = new AtomicInteger();

    @Name("legacy") private KafkaTestCluster legacy;
    @Name("ckafka") private KafkaTestCluster ckafka;
    private String topic;
    private String legacyGroup;
    private String ckafkaGroup;
    private HookServer hooks;
    private Map<String, String> props;
    private JarMigrator app;
    private SequencedProducer producer;
    private final List<Delivery> delivered = new CopyOnWriteArrayList<>();
    private ServiceConsumer oldService;
    private volatile ServiceConsumer newService;

    /**
     * A fresh topic with external producers and consumers and its three hook routes, the old
     * services running on legacy, and the jar started on it.
     */
    @BeforeEach
    void startServicesAndMigrator(@TempDir Path routes) throws Exception {
        topic = "ext-crash-" + TOPICS.incrementAndGet();
        legacyGroup = topic + "-service";
        ckafkaGroup = topic + "-service-ckafka";
        legacy.recreateTopic(topic, 3, legacyGroup);
        ckafka.recreateTopic(topic, 3, ckafkaGroup);
        hooks = new HookServer();
        hooks.onCall(STOP_LEGACY_CONSUMERS, () -> oldService.close());
        hooks.onCall(START_CKAFKA_CONSUMERS, () -> {
            if (newService == null) {
                // offsetReset none: the new service must find its group's offsets committed at the start offsets.
                newService = new ServiceConsumer("ckafka", ckafka, topic, ckafkaGroup, "none", delivered);
            }
        });
        RouteFiles.copy(Path.of("routes"), routes);
        Files.delete(routes.resolve("topics/orders.yaml"));
        Files.writeString(routes.resolve("topics/" + topic + ".yaml"), topicFile());
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
        oldService = new ServiceConsumer("legacy", legacy, topic, legacyGroup, "earliest", delivered);
        producer = new SequencedProducer(legacy, topic, 4, Duration.ofMillis(5));
        app = JarMigrator.start(props);
    }

    /** The topic's file as an operator writes it for services of their own, with a webhook per hook. */
    private String topicFile() {
        return """
                - templatedRoute:
                    routeTemplateRef: migrated-topic-producer
                    routeId: %1$s-producer
                    parameters:
                      - { name: name, value: %1$s }
                      - { name: source, value: "direct:%1$s" }
                      - { name: legacyTopic, value: %1$s }
                      - { name: ckafkaTopic, value: %1$s }
                      - { name: producers, value: external }
                - templatedRoute:
                    routeTemplateRef: migrated-topic-legacy-consumer
                    routeId: %1$s-legacy-consumer
                    parameters:
                      - { name: name, value: %1$s }
                      - { name: legacyTopic, value: %1$s }
                      - { name: legacyGroup, value: %2$s }
                      - { name: consumers, value: external }
                - templatedRoute:
                    routeTemplateRef: migrated-topic-ckafka-consumer
                    routeId: %1$s-ckafka-consumer
                    parameters:
                      - { name: name, value: %1$s }
                      - { name: ckafkaTopic, value: %1$s }
                      - { name: ckafkaGroup, value: %3$s }
                      - { name: ordering, value: ordered }
                      - { name: autoCutover, value: "false" }
                      - { name: consumers, value: external }
                """.formatted(topic, legacyGroup, ckafkaGroup)
                + hookRoute(STOP_LEGACY_CONSUMERS) + hookRoute(START_CKAFKA_CONSUMERS) + hookRoute(ON_PHASE);
    }

    private String hookRoute(String hook) {
        return """
                - route:
                    id: %1$s-%2$s
                    from:
                      uri: "direct:%1$s-%2$s"
                      steps:
                        - to: "%3$s"
                """.formatted(topic, hook, hooks.uri(hook));
    }

    @AfterEach
    void stopAll(TestInfo test) throws Exception {
        producer.close();
        oldService.close();
        if (newService != null) {
            newService.close();
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
        hooks.failing(START_CKAFKA_CONSUMERS, true);
        acknowledgedAtLeast(100);
        prepare();
        repointProducers();
        producersSwitched();
        cutover();
        await("a failed call of the start hook").atMost(60, TimeUnit.SECONDS)
                .until(() -> !hooks.failed(START_CKAFKA_CONSUMERS).isEmpty());
        String phaseAtKill = savedState("phase");
        String hooksDoneAtKill = savedState("hooks-done");

        // When
        int exitCode = app.kill();
        hooks.failing(START_CKAFKA_CONSUMERS, false);
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
        int from = deliveredBy("ckafka");
        await("records delivered by the new service").atMost(60, TimeUnit.SECONDS)
                .until(() -> deliveredBy("ckafka") >= from + 30);
    }

    /**
     * Stops the producer, waits until every acknowledged record was delivered, then checks the
     * deliveries of both services and each hook's calls.
     */
    private void assertCompletedExactlyOnceWithEachHookDone() throws Exception {
        producer.close();
        List<String> sent = producer.acknowledged();
        await("a delivery per acknowledged record").atMost(60, TimeUnit.SECONDS)
                .until(() -> delivered.size() >= sent.size());
        List<String> values = delivered.stream().map(Delivery::value).toList();
        String status = status();
        // Every acknowledged record once, each key in order across the old and the new service.
        assertThat(producer.failures()).isEmpty();
        assertThat(values).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(sent);
        assertThat(KeyedLoad.byKey(values)).isEqualTo(KeyedLoad.byKey(sent));
        assertThat(delivered).extracting(Delivery::service).contains("legacy", "ckafka");
        assertThat(oldService.running()).isFalse();
        assertThat(oldService.failure()).isNull();
        assertThat(newService.failure()).isNull();
        // The stop and start hooks succeeded once each, and the saved state says so.
        assertThat(hooks.succeeded(STOP_LEGACY_CONSUMERS)).hasSize(1);
        assertThat(hooks.succeeded(START_CKAFKA_CONSUMERS)).hasSize(1);
        assertThat(hook(status, STOP_LEGACY_CONSUMERS, "done")).isEqualTo("true");
        assertThat(hook(status, START_CKAFKA_CONSUMERS, "done")).isEqualTo("true");
        // On-phase at least once per phase: a crash after a call and before it was saved as made
        // repeats it at the restart, so a phase may be told twice.
        assertThat(hooks.succeeded(ON_PHASE)).extracting(HookServer.Call::phase)
                .contains("DRAINING", "CUTTING_OVER", "MIGRATED");
        assertThat(Json.field(status, "phase")).isEqualTo("MIGRATED");
    }

    private int deliveredBy(String service) {
        return (int) delivered.stream().filter(d -> d.service().equals(service)).count();
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
