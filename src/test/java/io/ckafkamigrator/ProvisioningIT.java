package io.ckafkamigrator;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.ckafkamigrator.support.HttpSink;
import io.ckafkamigrator.support.KafkaTestCluster;
import io.ckafkamigrator.support.MigratorExtension;
import io.ckafkamigrator.support.Name;
import io.ckafkamigrator.support.RunningMigrator;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import static io.ckafkamigrator.support.HealthAnswer.downMessages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The app started while the CKafka topic of {@code orders} does not exist: it reports it, refuses
 * the switch, provisions the topic from the legacy one (a dry run first, which creates nothing),
 * lists no difference on a second call, and then switches without a restart. One app for the
 * whole story: the tests run in order, each one step of it.
 */
@ExtendWith(MigratorExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProvisioningIT {

    private static final Map<String, String> LEGACY_CONFIGS = Map.of("retention.ms", "3600000",
            "cleanup.policy", "compact", "max.message.bytes", "500000", "min.insync.replicas", "1");

    private KafkaTestCluster ckafka;
    private HttpSink sink;
    private RunningMigrator app;

    @BeforeAll
    void startWithoutTheCkafkaTopic(@Name("legacy") KafkaTestCluster legacy, @Name("ckafka") KafkaTestCluster ckafka)
            throws Exception {
        this.ckafka = ckafka;
        legacy.recreateTopic("orders", 3, "orders-consumer");
        legacy.setTopicConfig("orders", LEGACY_CONFIGS);
        legacy.commitAtEnd("orders-consumer", "orders");
        ckafka.recreateTopic("orders", 1, "orders-consumer-ckafka");
        ckafka.deleteTopic("orders");
        await().atMost(30, TimeUnit.SECONDS).until(() -> !ckafkaTopics().contains("orders"));
        sink = new HttpSink();
        app = RunningMigrator.start(RunningMigrator.overrides(legacy, ckafka, sink));
    }

    @AfterAll
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        sink.close();
    }

    @Test
    @Order(1)
    void shouldReportTheMissingCkafkaTopicInStatusAndReadiness() {
        // When
        HttpResponse<String> status = app.request("GET", "/api/migrations/orders");

        // Then
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(status.body()).contains("\"phase\":\"LEGACY\"", "\"ckafkaTopicExists\":false",
                "CKafka topic 'orders' of topic 'orders' does not exist");
        await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> {
            HttpResponse<String> ready = app.request("GET", "/observe/health/ready");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(downMessages(ready.body())).anySatisfy(m -> assertThat(m).startsWith("topic-orders: ")
                    .contains("CKafka topic 'orders'", "POST /api/migrations/orders/provision"));
        });
    }

    @Test
    @Order(2)
    void shouldRefuseTheSwitchWhileTheCkafkaTopicIsMissing() throws Exception {
        // When
        HttpResponse<String> answer = app.request("POST", "/api/migrations/orders/switch-producer");

        // Then
        assertThat(answer.statusCode()).isEqualTo(409);
        assertThat(answer.body()).startsWith("{\"error\":\"ckafka_topic_missing\"")
                .contains("POST /api/migrations/orders/provision", "stays LEGACY");
        assertThat(Files.readString(Path.of(app.stateDir(), "orders.state"))).contains("phase=LEGACY");
        assertThat(app.status("orders")).contains("\"phase\":\"LEGACY\"", "\"producer\":\"legacy\"");
    }

    @Test
    @Order(3)
    void shouldAnswerWhatADryRunWouldCreateAndCreateNothing() throws Exception {
        // When
        HttpResponse<String> answer = app.request("POST", "/api/migrations/orders/provision?dryRun=true");

        // Then
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonObject result = Jsoner.deserialize(answer.body(), new JsonObject());
        assertThat(result.getString("status")).isEqualTo("would_create");
        assertThat(result.getBoolean("created")).isFalse();
        assertThat(result.getInteger("partitions")).isEqualTo(3);
        Map<String, Object> configs = result.getMap("configs");
        Map<String, Object> notCopied = result.getMap("notCopied");
        assertThat(configs).containsOnly(Map.entry("retention.ms", (Object) "3600000"),
                Map.entry("cleanup.policy", (Object) "compact"), Map.entry("max.message.bytes", (Object) "500000"));
        assertThat(notCopied).containsOnlyKeys("min.insync.replicas");
        assertThat(ckafkaTopics()).doesNotContain("orders");
    }

    @Test
    @Order(4)
    void shouldAnswerTheProvisioningOfAllTopicsOneResultEach() throws Exception {
        // When
        HttpResponse<String> answer = app.request("POST", "/api/migrations/provision?dryRun=true");

        // Then
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonObject body = Jsoner.deserialize(answer.body(), new JsonObject());
        List<Object> results = List.copyOf(body.getCollection("results"));
        assertThat(results).singleElement().satisfies(r -> {
            JsonObject result = (JsonObject) r;
            assertThat(result.getString("topic")).isEqualTo("orders");
            assertThat(result.getString("status")).isEqualTo("would_create");
            assertThat(result.get("error")).isNull();
        });
        assertThat(ckafkaTopics()).doesNotContain("orders");
    }

    @Test
    @Order(5)
    void shouldLeaveGetOfTheProvisionPathToTheStatusRoute() {
        // When
        HttpResponse<String> answer = app.request("GET", "/api/migrations/provision");

        // Then: a topic called "provision" is asked for, and there is none
        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.body()).startsWith("{\"error\":\"unknown_topic\"");
    }

    @Test
    @Order(6)
    void shouldCreateTheCkafkaTopicWithTheLegacyPartitionsAndSafeListConfigs() throws Exception {
        // When
        HttpResponse<String> answer = app.request("POST", "/api/migrations/orders/provision");

        // Then
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        assertThat(answer.body()).contains("\"status\":\"created\"", "\"created\":true");
        try (Admin admin = ckafka.admin()) {
            TopicDescription topic = admin.describeTopics(List.of("orders")).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get("orders");
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "orders");
            Config config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
            assertThat(topic.partitions()).hasSize(3);
            assertThat(config.entries().stream().filter(e -> e.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG)
                    .map(e -> e.name() + "=" + e.value())).containsExactlyInAnyOrder("retention.ms=3600000",
                    "cleanup.policy=compact", "max.message.bytes=500000");
        }
        assertThat(app.request("GET", "/api/migrations/orders/history").body())
                .contains("\"event\":\"provision\"", "\"status\":\"created\"", "\"action\":\"provision\"");
    }

    @Test
    @Order(7)
    void shouldListNoDifferenceOnASecondCallAndChangeNothing() throws Exception {
        // When
        HttpResponse<String> answer = app.request("POST", "/api/migrations/orders/provision");

        // Then
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonObject result = Jsoner.deserialize(answer.body(), new JsonObject());
        assertThat(result.getString("status")).isEqualTo("exists");
        assertThat(result.getBoolean("created")).isFalse();
        List<Object> differences = List.copyOf(result.getCollection("differences"));
        assertThat(differences).isEmpty();
        assertThat(result.getInteger("partitions")).isEqualTo(3);
    }

    @Test
    @Order(8)
    void shouldSwitchOnceTheTopicExistsWithoutARestart() throws Exception {
        // When
        HttpResponse<String> answer = app.request("POST", "/api/migrations/orders/switch-producer");

        // Then
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("\"phase\":\"DRAINING\"", "\"ckafkaTopicExists\":true");
        await().atMost(30, TimeUnit.SECONDS).untilAsserted(() ->
                assertThat(app.request("GET", "/observe/health/ready").statusCode()).isEqualTo(200));
        await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> assertThat(app.status("orders"))
                .contains("\"lastError\":null").doesNotContain("problems"));
    }

    private List<String> ckafkaTopics() throws Exception {
        try (Admin admin = ckafka.admin()) {
            return List.copyOf(admin.listTopics().names().get(30, TimeUnit.SECONDS));
        }
    }
}
