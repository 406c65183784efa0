package io.ckafkamigrator;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.ckafkamigrator.support.CapturedLog;
import io.ckafkamigrator.support.CheckedSink;
import io.ckafkamigrator.support.ConsumerService;
import io.ckafkamigrator.support.WebhookServer;
import io.ckafkamigrator.support.HttpSink;
import io.ckafkamigrator.support.KafkaTestCluster;
import io.ckafkamigrator.support.KeyedLoad;
import io.ckafkamigrator.support.KeyedProducerService;
import io.ckafkamigrator.support.MigratorExtension;
import io.ckafkamigrator.support.Name;
import io.ckafkamigrator.support.PrometheusScrape;
import io.ckafkamigrator.support.RawKafka;
import io.ckafkamigrator.support.RouteFiles;
import io.ckafkamigrator.support.RunningMigrator;
import io.ckafkamigrator.support.TopicFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static io.ckafkamigrator.support.Json.field;
import static io.ckafkamigrator.support.TopicFile.ckafkaGroup;
import static io.ckafkamigrator.support.TopicFile.legacyGroup;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Topics whose producers and consumers are the operator's own services, played by plain Kafka
 * clients in the test: a keyed, sequence-numbered producer repointed from legacy to CKafka
 * after prepare; an old consumer in the legacy group and a new one on CKafka in the CKafka
 * group, stopped and started by the topic's hook routes through webhooks of the test. Each
 * topic migrates every acknowledged record exactly once (ordered: per key in order across both
 * clusters); a stray producer, an old consumer left running, a new one started early and a
 * failing hook each hold or delay the handoff the way the status says.
 */
@ExtendWith(MigratorExtension.class)
class ExternalServicesIT {

    private static final String STOP = "/stop";
    private static final String START = "/start";
    private static final String PHASE = "/phase";
    private static final int KEYS = 4;
    private static final Duration PAUSE = Duration.ofMillis(2);

    @Name("legacy") private KafkaTestCluster legacy;
    @Name("ckafka") private KafkaTestCluster ckafka;
    @TempDir private Path routes;
    private final CheckedSink delivered = new CheckedSink();
    private final List<AutoCloseable> services = new ArrayList<>();
    private final AtomicReference<ConsumerService> oldConsumer = new AtomicReference<>();
    private final AtomicReference<ConsumerService> newConsumer = new AtomicReference<>();
    private WebhookServer hooks;
    private HttpSink sink;
    private RunningMigrator app;

    @BeforeEach
    void startHookServer() throws Exception {
        hooks = new WebhookServer();
        sink = new HttpSink();
        RouteFiles.copy(Path.of("routes"), routes);
        // Only the topics of the test: the shipped orders topic is left out.
        Files.delete(routes.resolve("topics/orders.yaml"));
    }

    @AfterEach
    void stopEverything() throws Exception {
        for (AutoCloseable service : services) {
            service.close();
        }
        if (oldConsumer.get() != null) {
            oldConsumer.get().stop();
        }
        if (newConsumer.get() != null) {
            newConsumer.get().stop();
        }
        if (app != null) {
            app.close();
        }
        hooks.close();
        sink.close();
    }

    // --- the scenarios ----------------------------------------------------------------------

    @Test
    void shouldMigrateExternalProducersAndConsumersOrderedExactlyOnceAndInKeyOrderWithTheHooksStoppingAndStarting()
            throws Exception {
        // Given
        // The old consumer service runs in the legacy group, the producer service writes to legacy;
        // CKafka holds records from before (a trial run), which the new consumer must not deliver.
        String topic = "ext-ordered";
        startMigrator(topic, TopicFile.of(topic).externalProducers().externalConsumers()
                .hook("stop-legacy-consumers", hooks.uri(STOP)).hook("start-ckafka-consumers", hooks.uri(START))
                .hook("on-phase", hooks.uri(PHASE)));
        RawKafka.produce(ckafka, topic, "trial", "trial:0", "trial:1", "trial:2");
        startOldConsumer(topic);
        KeyedProducerService producer = startProducer(topic, "key");
        awaitMoreAcknowledged(producer, 100);
        HttpResponse<String> prepared = app.request("POST", "/api/migrations/" + topic + "/prepare");
        awaitMoreAcknowledged(producer, 50);
        producer.repointTo(ckafka);
        HttpResponse<String> switched = app.request("POST", "/api/migrations/" + topic + "/producers-switched");
        awaitMoreAcknowledged(producer, 50);

        // When
        HttpResponse<String> cutover = app.request("POST", "/api/migrations/" + topic + "/cutover");
        awaitPhase(topic, "MIGRATED");
        await().atMost(30, TimeUnit.SECONDS).until(() -> newConsumer.get() != null && newConsumer.get().joined());
        awaitMoreAcknowledged(producer, 50);
        producer.close();

        // Then
        assertThat(prepared.statusCode()).as(prepared.body()).isEqualTo(200);
        assertThat(switched.statusCode()).as(switched.body()).isEqualTo(200);
        assertThat(cutover.statusCode()).as(cutover.body()).isEqualTo(202);
        assertThat(producer.failures()).isEmpty();
        delivered.assertEveryRecordOnceInKeyOrder(producer.acknowledged());
        assertThat(delivered.valuesOf("old-consumer")).containsExactlyInAnyOrderElementsOf(producer.acknowledgedBy("legacy"));
        assertThat(delivered.valuesOf("new-consumer")).containsExactlyInAnyOrderElementsOf(producer.acknowledgedBy("ckafka"));
        assertMigratedWithHooksDoneAndNoFindings(topic);
        // The stop hook came once drained in CUTTING_OVER, the start hook once MIGRATED.
        assertThat(hooks.calls(STOP)).extracting(WebhookServer.Call::body).singleElement().asString()
                .contains("\"phase\":\"CUTTING_OVER\"", "\"legacyGroup\":\"" + legacyGroup(topic) + "\"");
        assertThat(hooks.calls(START)).extracting(WebhookServer.Call::body).singleElement().asString()
                .contains("\"phase\":\"MIGRATED\"", "\"ckafkaGroup\":\"" + ckafkaGroup(topic) + "\"");
        assertThat(oldConsumer.get().stoppedAt()).isBefore(migratedAt(topic));
        assertThat(hooks.calls(PHASE)).extracting(call -> field(call.body(), "phase"))
                .containsExactly("DRAINING", "CUTTING_OVER", "MIGRATED");
    }

    @Test
    void shouldMigrateExternalProducersAndConsumersUnorderedExactlyOnceWithTheNewConsumerStartedAtPrepare()
            throws Exception {
        // Given
        String topic = "ext-unordered";
        startMigrator(topic, TopicFile.of(topic).externalProducers().externalConsumers().unordered()
                .hook("stop-legacy-consumers", hooks.uri(STOP)).hook("start-ckafka-consumers", hooks.uri(START)));
        startOldConsumer(topic);
        KeyedProducerService producer = startProducer(topic, "key");
        awaitMoreAcknowledged(producer, 100);

        // When
        // Prepared, the new consumer runs beside the old one while the producers move.
        app.request("POST", "/api/migrations/" + topic + "/prepare");
        await().atMost(30, TimeUnit.SECONDS).until(() -> newConsumer.get() != null && newConsumer.get().joined());
        awaitMoreAcknowledged(producer, 50);
        producer.repointTo(ckafka);
        app.request("POST", "/api/migrations/" + topic + "/producers-switched");
        awaitMoreAcknowledged(producer, 100);
        producer.close();

        // Then
        awaitPhase(topic, "MIGRATED");
        assertThat(producer.failures()).isEmpty();
        delivered.assertEveryRecordOnce(producer.acknowledged());
        assertThat(delivered.valuesOf("old-consumer")).containsExactlyInAnyOrderElementsOf(producer.acknowledgedBy("legacy"));
        assertThat(delivered.valuesOf("new-consumer")).containsExactlyInAnyOrderElementsOf(producer.acknowledgedBy("ckafka"));
        assertMigratedWithHooksDoneAndNoFindings(topic);
        assertThat(hooks.calls(START)).extracting(WebhookServer.Call::body).singleElement().asString()
                .contains("\"phase\":\"DRAINING\"");
        assertThat(hooks.calls(STOP)).extracting(WebhookServer.Call::body).singleElement().asString()
                .contains("\"phase\":\"DRAINING\"");
        assertThat(oldConsumer.get().stoppedAt()).isBefore(migratedAt(topic));
    }

    @Test
    void shouldMigrateExternalProducersIntoTheHostedConsumerRoutesExactlyOnceAndInKeyOrder() throws Exception {
        // Given
        // The app's own consumer routes deliver to the HTTP sink; the producer is the operator's.
        String topic = "ext-producers";
        startMigrator(topic, TopicFile.of(topic).externalProducers().sink(sink.uri()));
        KeyedProducerService producer = startProducer(topic, "key");
        awaitMoreAcknowledged(producer, 100);

        // When
        app.request("POST", "/api/migrations/" + topic + "/prepare");
        awaitMoreAcknowledged(producer, 50);
        producer.repointTo(ckafka);
        app.request("POST", "/api/migrations/" + topic + "/producers-switched");
        HttpResponse<String> cutover = app.request("POST", "/api/migrations/" + topic + "/cutover?wait=30");
        awaitMoreAcknowledged(producer, 50);
        producer.close();

        // Then
        assertThat(cutover.statusCode()).as(cutover.body()).isEqualTo(200);
        assertThat(producer.failures()).isEmpty();
        assertThat(producer.acknowledgedBy("legacy")).hasSizeGreaterThanOrEqualTo(150);
        List<String> sent = producer.acknowledged();
        await().atMost(60, TimeUnit.SECONDS).until(() -> sink.accepted().size() >= sent.size());
        List<String> values = sink.accepted().stream().map(HttpSink.Delivery::value).toList();
        assertThat(values).hasSameSizeAs(sent).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(sent);
        assertThat(KeyedLoad.byKey(values)).isEqualTo(KeyedLoad.byKey(sent));
        String status = app.status(topic);
        assertThat(status).contains("\"producers\":\"external\"", "\"consumers\":\"hosted\"");
        assertThat(status).doesNotContain("\"externalConsumers\"");
    }

    @Test
    void shouldMigrateTheHostedProducerRouteIntoExternalConsumersExactlyOnceAndInKeyOrder() throws Exception {
        // Given
        // Records come in through POST /topics/...; the consumers are the operator's services.
        String topic = "ext-consumers";
        startMigrator(topic, TopicFile.of(topic).externalConsumers()
                .hook("stop-legacy-consumers", hooks.uri(STOP)).hook("start-ckafka-consumers", hooks.uri(START)));
        startOldConsumer(topic);
        KeyedLoad load = new KeyedLoad(app, topic, KEYS, PAUSE);
        services.add(load);
        await().atMost(60, TimeUnit.SECONDS).until(() -> load.acknowledgedCount() >= 100);

        // When
        HttpResponse<String> switched = app.request("POST", "/api/migrations/" + topic + "/switch-producer");
        int atSwitch = load.acknowledgedCount();
        await().atMost(60, TimeUnit.SECONDS).until(() -> load.acknowledgedCount() >= atSwitch + 50);
        HttpResponse<String> cutover = app.request("POST", "/api/migrations/" + topic + "/cutover");
        awaitPhase(topic, "MIGRATED");
        await().atMost(30, TimeUnit.SECONDS).until(() -> newConsumer.get() != null && newConsumer.get().joined());
        int migrated = load.acknowledgedCount();
        await().atMost(60, TimeUnit.SECONDS).until(() -> load.acknowledgedCount() >= migrated + 50);
        load.close();

        // Then
        assertThat(switched.statusCode()).as(switched.body()).isEqualTo(200);
        assertThat(cutover.statusCode()).as(cutover.body()).isEqualTo(202);
        assertThat(load.failures()).isEmpty();
        delivered.assertEveryRecordOnceInKeyOrder(load.acknowledged());
        assertThat(delivered.valuesOf("old-consumer")).hasSizeGreaterThanOrEqualTo(100);
        assertThat(delivered.valuesOf("new-consumer")).hasSizeGreaterThanOrEqualTo(50);
        assertMigratedWithHooksDoneAndNoFindings(topic);
        assertThat(app.status(topic)).contains("\"producers\":\"hosted\"", "\"consumers\":\"external\"");
    }

    @Test
    void shouldHoldTheHandoffForAProducerInstanceStillWritingToLegacyUntilTheStrayWritesAreAccepted()
            throws Exception {
        // Given
        // One producer instance is repointed, a second one (stray) goes on writing to legacy.
        String topic = "ext-stray";
        startMigrator(topic, TopicFile.of(topic).externalProducers().externalConsumers()
                .hook("stop-legacy-consumers", hooks.uri(STOP)).hook("start-ckafka-consumers", hooks.uri(START)));
        startOldConsumer(topic);
        KeyedProducerService producer = startProducer(topic, "key");
        KeyedProducerService stray = startProducer(topic, "stray");
        awaitMoreAcknowledged(producer, 50);
        app.request("POST", "/api/migrations/" + topic + "/prepare");
        producer.repointTo(ckafka);
        app.request("POST", "/api/migrations/" + topic + "/producers-switched");
        awaitMoreAcknowledged(stray, 20);
        // The old consumer has consumed up to the drain target; the strays lie past it.
        await().atMost(30, TimeUnit.SECONDS).until(() -> !field(app.status(topic), "strayWrites").matches("null|0")
                && field(app.status(topic), "legacyRemaining").equals("0"));
        // The cutover is taken and held, as for hosted producers.
        HttpResponse<String> cutover = app.request("POST", "/api/migrations/" + topic + "/cutover?wait=2");
        String held = app.status(topic);
        int stopCallsWhileHeld = hooks.calls(STOP).size();
        stray.close();

        // When
        HttpResponse<String> accepted = app.request("POST", "/api/migrations/" + topic + "/accept-stray-writes");
        awaitPhase(topic, "MIGRATED");
        awaitMoreAcknowledged(producer, 50);
        producer.close();

        // Then
        assertThat(cutover.statusCode()).as(cutover.body()).isEqualTo(202);
        assertThat(field(held, "phase")).isEqualTo("CUTTING_OVER");
        assertThat(Long.parseLong(field(held, "strayWrites"))).isPositive();
        // Held by the drain, which the strays keep open: the old consumer must not be stopped yet.
        assertThat(field(section(held, "externalConsumers"), "waitingFor")).isEqualTo("legacy-drain");
        assertThat(stopCallsWhileHeld).as("stop hook calls before the strays were accepted").isZero();
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        List<String> sent = new ArrayList<>(producer.acknowledged());
        sent.addAll(stray.acknowledged());
        delivered.assertEveryRecordOnce(sent);
        assertThat(KeyedLoad.byKey(delivered.values())).isEqualTo(KeyedLoad.byKey(sent));
        // The stray records went to legacy only, so the old consumer delivered them, before the handoff.
        assertThat(delivered.valuesOf("old-consumer")).containsAll(stray.acknowledged());
        assertThat(delivered.valuesOf("new-consumer")).containsExactlyInAnyOrderElementsOf(producer.acknowledgedBy("ckafka"));
        assertMigratedWithHooksDoneAndNoFindings(topic);
    }

    @Test
    void shouldHoldTheHandoffWhileTheOldConsumerServiceRunsAndMigrateOnceItIsStopped() throws Exception {
        // Given
        // No stop hook: the operator stops the old service by hand, later.
        String topic = "ext-not-stopped";
        startMigrator(topic, TopicFile.of(topic).externalProducers().externalConsumers()
                .hook("start-ckafka-consumers", hooks.uri(START)));
        startOldConsumer(topic);
        KeyedProducerService producer = producersMovedToCkafka(topic);
        String held;
        PrometheusScrape heldMetrics;
        try (CapturedLog log = CapturedLog.start()) {
            app.request("POST", "/api/migrations/" + topic + "/cutover");
            // Drained (as the handoff and then the status measured it), the handoff waits for the group.
            await().atMost(30, TimeUnit.SECONDS).until(() -> log.text()
                    .contains("Handoff waits for the old consumers to stop: topic=" + topic + " ")
                    && field(app.status(topic), "legacyRemaining").equals("0"));
            held = app.status(topic);
            heldMetrics = PrometheusScrape.of(app.request("GET", "/observe/metrics").body());
        }

        // When
        oldConsumer.get().stop();

        // Then
        assertThat(field(held, "phase")).isEqualTo("CUTTING_OVER");
        assertThat(field(held, "legacyRemaining")).isEqualTo("0");
        String watch = section(held, "externalConsumers");
        assertThat(field(watch, "waitingFor")).isEqualTo("legacy-consumers-to-stop");
        assertThat(Integer.parseInt(field(watch, "legacyGroupMembers"))).isGreaterThanOrEqualTo(1);
        assertThat(heldMetrics.get("ckafka_migrator_legacy_group_members", "topic", topic)).isGreaterThanOrEqualTo(1);
        awaitPhase(topic, "MIGRATED");
        await().atMost(30, TimeUnit.SECONDS).until(() -> newConsumer.get() != null && newConsumer.get().joined());
        delivered.assertEveryRecordOnceInKeyOrder(producer.acknowledged());
        assertThat(delivered.valuesOf("new-consumer")).containsExactlyInAnyOrderElementsOf(producer.acknowledgedBy("ckafka"));
        assertThat(oldConsumer.get().stoppedAt()).isBefore(migratedAt(topic));
    }

    @Test
    void shouldReportANewConsumerStartedOnCkafkaBeforeMigratedAndHoldTheHandoffUntilItIsStopped() throws Exception {
        // Given
        // The old service is stopped by hand (no stop hook), after a new one joined the CKafka group early.
        String topic = "ext-early";
        startMigrator(topic, TopicFile.of(topic).externalProducers().externalConsumers()
                .hook("start-ckafka-consumers", hooks.uri(START)));
        startOldConsumer(topic);
        KeyedProducerService producer = startProducer(topic, "key");
        awaitMoreAcknowledged(producer, 50);
        producer.close();
        app.request("POST", "/api/migrations/" + topic + "/prepare");
        app.request("POST", "/api/migrations/" + topic + "/producers-switched");
        app.request("POST", "/api/migrations/" + topic + "/cutover");
        ConsumerService early = ConsumerService.start("early-consumer", ckafka, topic, ckafkaGroup(topic), delivered);
        services.add(early);
        await().atMost(30, TimeUnit.SECONDS).until(() -> app.status(topic).contains("\"ckafka_consumer_early\""));
        oldConsumer.get().stop();
        await().atMost(30, TimeUnit.SECONDS).until(() -> !field(app.status(topic), "lastError").equals("null")
                && field(app.status(topic), "legacyRemaining").equals("0")
                && section(app.status(topic), "externalConsumers").contains("\"legacyGroupMembers\":0"));
        String held = app.status(topic);

        // When
        early.stop();

        // Then
        assertThat(field(held, "phase")).isEqualTo("CUTTING_OVER");
        assertThat(held).contains("\"lastError\":\"CKafka group '" + ckafkaGroup(topic) + "' has 1 member(s) before the handoff");
        assertThat(field(section(held, "externalConsumers"), "waitingFor")).isEqualTo("ckafka-consumers-to-stop");
        awaitPhase(topic, "MIGRATED");
        await().atMost(30, TimeUnit.SECONDS).until(() -> newConsumer.get() != null && newConsumer.get().joined());
        String status = app.status(topic);
        assertThat(section(status, "externalConsumers")).contains("\"finding\":\"ckafka_consumer_early\"");
        assertThat(app.request("GET", "/api/migrations/" + topic + "/history").body())
                .contains("\"event\":\"consumer-check\"", "\"finding\":\"ckafka_consumer_early\"");
        PrometheusScrape scrape = PrometheusScrape.of(app.request("GET", "/observe/metrics").body());
        assertThat(scrape.get("ckafka_migrator_consumer_findings_total", "topic", topic, "finding",
                "ckafka_consumer_early")).isGreaterThanOrEqualTo(1);
        delivered.assertEveryRecordOnceInKeyOrder(producer.acknowledged());
    }

    @Test
    void shouldRetryAFailingStartHookUntilItSucceedsAndAuditItsFirstFailureAndItsSuccess() throws Exception {
        // Given
        // The deployment tool behind the start hook answers 500 twice.
        String topic = "ext-failing-hook";
        hooks.failFirst(START, 2);
        startMigrator(topic, TopicFile.of(topic).externalProducers().externalConsumers().unordered()
                .hook("start-ckafka-consumers", hooks.uri(START)));

        // When
        HttpResponse<String> prepared = app.request("POST", "/api/migrations/" + topic + "/prepare");

        // Then
        assertThat(prepared.statusCode()).as(prepared.body()).isEqualTo(200);
        await().atMost(30, TimeUnit.SECONDS).until(() -> section(section(app.status(topic), "hooks"),
                "start-ckafka-consumers").contains("\"done\":true"));
        String hook = section(section(app.status(topic), "hooks"), "start-ckafka-consumers");
        assertThat(field(hook, "failures")).isEqualTo("2");
        assertThat(field(hook, "attempts")).isEqualTo("3");
        assertThat(field(hook, "pending")).isEqualTo("false");
        assertThat(field(hook, "lastError")).isEqualTo("null");
        assertThat(hooks.calls(START)).extracting(WebhookServer.Call::status).containsExactly(500, 500, 200);
        assertThat(newConsumer.get()).as("started once, by the call that succeeded").isNotNull();
        String history = app.request("GET", "/api/migrations/" + topic + "/history").body();
        assertThat(history).contains("\"event\":\"hook\"", "\"outcome\":\"failed\"", "\"outcome\":\"succeeded\"");
        PrometheusScrape scrape = PrometheusScrape.of(app.request("GET", "/observe/metrics").body());
        assertThat(scrape.get("ckafka_migrator_hook_calls_total", "topic", topic, "hook", "start-ckafka-consumers",
                "outcome", "failed")).isEqualTo(2);
        assertThat(scrape.get("ckafka_migrator_hook_calls_total", "topic", topic, "hook", "start-ckafka-consumers",
                "outcome", "succeeded")).isEqualTo(1);
    }

    @Test
    void shouldResumeAHeldHandoffAfterARestartMakingOnlyTheHookCallsStillOwed() throws Exception {
        // Given
        // Drained and cut over, but the stop hook's deployment tool fails until after a restart.
        String topic = "ext-restart";
        hooks.failFirst(STOP, 1_000);
        startMigrator(topic, TopicFile.of(topic).externalProducers().externalConsumers()
                .hook("stop-legacy-consumers", hooks.uri(STOP)).hook("start-ckafka-consumers", hooks.uri(START))
                .hook("on-phase", hooks.uri(PHASE)));
        startOldConsumer(topic);
        KeyedProducerService producer = producersMovedToCkafka(topic);
        app.request("POST", "/api/migrations/" + topic + "/cutover");
        await().atMost(30, TimeUnit.SECONDS).until(() -> !hooks.calls(STOP).isEmpty() && hooks.calls(PHASE).size() == 2);
        String beforeRestart = app.status(topic);

        // When
        app.restart();
        hooks.failFirst(STOP, 0);

        // Then
        assertThat(field(beforeRestart, "phase")).isEqualTo("CUTTING_OVER");
        awaitPhase(topic, "MIGRATED");
        await().atMost(30, TimeUnit.SECONDS).until(() -> newConsumer.get() != null && newConsumer.get().joined());
        delivered.assertEveryRecordOnceInKeyOrder(producer.acknowledged());
        assertMigratedWithHooksDoneAndNoFindings(topic);
        assertThat(hooks.calls(STOP)).extracting(WebhookServer.Call::status).endsWith(200).containsOnlyOnce(200);
        assertThat(hooks.calls(START)).hasSize(1);
        // The on-phase calls made before the restart are not made again.
        assertThat(hooks.calls(PHASE)).extracting(call -> field(call.body(), "phase"))
                .containsExactly("DRAINING", "CUTTING_OVER", "MIGRATED");
    }

    @Test
    void shouldRefuseTheHostedProducerRequestsAndProducersSwitchedBeforePrepareForExternalProducers()
            throws Exception {
        // Given
        String topic = "ext-refusals";
        startMigrator(topic, TopicFile.of(topic).externalProducers().externalConsumers());

        // When
        HttpResponse<String> record = app.post("/topics/" + topic + "?key=k", "text/plain", "k:0");
        HttpResponse<String> switchProducer = app.request("POST", "/api/migrations/" + topic + "/switch-producer");
        HttpResponse<String> switched = app.request("POST", "/api/migrations/" + topic + "/producers-switched");

        // Then
        assertThat(record.statusCode()).as(record.body()).isEqualTo(409);
        assertThat(record.body()).contains("\"error\":\"producers_external\"");
        assertThat(switchProducer.statusCode()).as(switchProducer.body()).isEqualTo(409);
        assertThat(switchProducer.body()).contains("\"error\":\"producers_external\"");
        assertThat(switched.statusCode()).as(switched.body()).isEqualTo(409);
        assertThat(switched.body()).contains("\"error\":\"wrong_phase\"");
        assertThat(legacy.endOffsetSum(topic)).isZero();
        assertThat(field(app.status(topic), "phase")).isEqualTo("LEGACY");
        PrometheusScrape scrape = PrometheusScrape.of(app.request("GET", "/observe/metrics").body());
        assertThat(scrape.get("ckafka_migrator_sides", "topic", topic, "producers", "external", "consumers", "external"))
                .isEqualTo(1);
    }

    // --- the services and the app -----------------------------------------------------------

    /**
     * Recreates the topic and its groups on both clusters (empty, so a hosted legacy consumer
     * needs no offsets), writes the topic file and starts the app. The hook paths stop the old
     * consumer service and start the new one; the on-phase path only records its calls.
     */
    private void startMigrator(String topic, TopicFile file) throws Exception {
        legacy.recreateTopic(topic, 2, legacyGroup(topic));
        ckafka.recreateTopic(topic, 2, ckafkaGroup(topic));
        Files.writeString(routes.resolve("topics/" + topic + ".yaml"), file.text());
        hooks.on(STOP, () -> oldConsumer.get().stop());
        hooks.on(PHASE, () -> { });
        hooks.on(START, () -> {
            if (newConsumer.get() == null) {
                newConsumer.set(ConsumerService.start("new-consumer", ckafka, topic, ckafkaGroup(topic), delivered));
            }
        });
        Map<String, String> props = RunningMigrator.overrides(legacy, ckafka, sink);
        props.put("camel.main.routes-include-pattern", "file:" + routes + "/**/*.yaml");
        props.remove("migration.sink.orders");
        app = RunningMigrator.start(props);
    }

    private void startOldConsumer(String topic) {
        oldConsumer.set(ConsumerService.start("old-consumer", legacy, topic, legacyGroup(topic), delivered));
        await().atMost(30, TimeUnit.SECONDS).until(() -> oldConsumer.get().joined());
    }

    private KeyedProducerService startProducer(String topic, String prefix) {
        KeyedProducerService producer = KeyedProducerService.start(legacy, topic, prefix, KEYS, PAUSE);
        services.add(producer);
        return producer;
    }


    /**
     * The producer service writes to legacy, then, after prepare, is repointed to CKafka and
     * producers-switched is said; it writes a little more there and stops.
     */
    private KeyedProducerService producersMovedToCkafka(String topic) throws Exception {
        KeyedProducerService producer = startProducer(topic, "key");
        awaitMoreAcknowledged(producer, 50);
        app.request("POST", "/api/migrations/" + topic + "/prepare");
        producer.repointTo(ckafka);
        app.request("POST", "/api/migrations/" + topic + "/producers-switched");
        awaitMoreAcknowledged(producer, 50);
        producer.close();
        return producer;
    }
    private static void awaitMoreAcknowledged(KeyedProducerService producer, int more) {
        int from = producer.acknowledgedCount();
        await().atMost(60, TimeUnit.SECONDS).until(() -> producer.acknowledgedCount() >= from + more);
    }

    private void awaitPhase(String topic, String phase) {
        await().atMost(60, TimeUnit.SECONDS).until(() -> field(app.status(topic), "phase").equals(phase));
    }

    private Instant migratedAt(String topic) {
        return Instant.parse(field(section(app.status(topic), "transitions"), "MIGRATED"));
    }

    private void assertMigratedWithHooksDoneAndNoFindings(String topic) {
        await().atMost(30, TimeUnit.SECONDS).until(() -> !section(app.status(topic), "hooks").contains("\"done\":false"));
        String status = app.status(topic);
        assertThat(field(status, "phase")).isEqualTo("MIGRATED");
        assertThat(field(status, "lastError")).isEqualTo("null");
        assertThat(section(status, "externalConsumers")).contains("\"findings\":[]");
        String defined = section(status, "hooks");
        assertThat(defined).contains("\"start-ckafka-consumers\":{").doesNotContain("\"done\":false");
        assertThat(field(section(defined, "start-ckafka-consumers"), "failures")).isEqualTo("0");
    }

    /**
     * The JSON object that is the value of {@code name} in {@code json} (the first such key),
     * braces included; strings are skipped, so a brace in a message does not end it.
     */
    private static String section(String json, String name) {
        int at = json.indexOf("\"" + name + "\":{");
        if (at < 0) {
            throw new AssertionError("no object " + name + " in " + json);
        }
        int start = at + name.length() + 3;
        int depth = 0;
        boolean inString = false;
        for (int i = start; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return json.substring(start, i + 1);
            }
        }
        throw new AssertionError("unterminated object " + name + " in " + json);
    }
}
