package io.ckafkamigrator;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.ckafkamigrator.embedded.EmbeddedKafkaCluster;
import io.ckafkamigrator.support.ConsoleOnlyTopicPolicy;
import io.ckafkamigrator.support.HttpSink;
import io.ckafkamigrator.support.KafkaTestCluster;
import io.ckafkamigrator.support.MigratorExtension;
import io.ckafkamigrator.support.Name;
import io.ckafkamigrator.support.RunningMigrator;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A CKafka cluster that lets clients create no topic (a create.topic.policy, as a managed cluster
 * that creates topics only in its console): provisioning answers a clear error naming the
 * console step, creates nothing, and records the refusal.
 */
@ExtendWith(MigratorExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProvisionRefusalIT {

    private KafkaTestCluster ckafka;
    private HttpSink sink;
    private RunningMigrator app;

    @BeforeAll
    void startAgainstAConsoleOnlyCluster(@Name("legacy") KafkaTestCluster legacy) throws Exception {
        legacy.recreateTopic("orders", 3, "orders-consumer");
        legacy.setTopicConfig("orders", Map.of("retention.ms", "7200000"));
        legacy.commitAtEnd("orders-consumer", "orders");
        EmbeddedKafkaCluster broker = EmbeddedKafkaCluster.start("ckafka", 0, Map.of(
                "create.topic.policy.class.name", ConsoleOnlyTopicPolicy.class.getName(),
                "group.initial.rebalance.delay.ms", "0"));
        ckafka = KafkaTestCluster.of("ckafka", broker::bootstrapServers, broker::clientProperties, broker::close);
        sink = new HttpSink();
        app = RunningMigrator.start(RunningMigrator.overrides(legacy, ckafka, sink));
    }

    @AfterAll
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        sink.close();
        ckafka.close();
    }

    @Test
    void shouldAnswerTheBrokersRefusalWithTheConsoleStepAndCreateNothing() throws Exception {
        // When
        HttpResponse<String> answer = app.request("POST", "/api/migrations/orders/provision");

        // Then
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(422);
        JsonObject body = Jsoner.deserialize(answer.body(), new JsonObject());
        assertThat(body.getString("error")).isEqualTo("topic_creation_refused");
        assertThat(body.getString("message")).contains("topic creation policy", ConsoleOnlyTopicPolicy.REFUSAL,
                "create the topic in the CKafka console: Topic Management > Create", "'orders'", "3 partitions",
                "retention.ms=7200000");
        assertThat(body.getString("status")).isEqualTo("failed");
        assertThat(ckafkaTopics()).doesNotContain("orders");
        assertThat(app.request("GET", "/api/migrations/orders/history").body())
                .contains("\"event\":\"provision\"", "\"status\":\"failed\"", "\"result\":\"topic_creation_refused\"");
        assertThat(app.status("orders")).contains("\"ckafkaTopicExists\":false");
    }

    @Test
    void shouldAnswerEachTopicsRefusalInTheResultsOfAllTopicsAlsoOnADryRun() throws Exception {
        // When
        HttpResponse<String> answer = app.request("POST", "/api/migrations/provision?dryRun=true");

        // Then the broker's policy applies to a validation too
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonObject body = Jsoner.deserialize(answer.body(), new JsonObject());
        List<Object> results = List.copyOf(body.getCollection("results"));
        assertThat(results).singleElement().satisfies(r -> {
            JsonObject result = (JsonObject) r;
            assertThat(result.getString("status")).isEqualTo("failed");
            JsonObject error = (JsonObject) result.get("error");
            assertThat(error.getString("error")).isEqualTo("topic_creation_refused");
            assertThat(error.getString("message")).contains("Topic Management > Create");
        });
        assertThat(ckafkaTopics()).doesNotContain("orders");
    }

    private List<String> ckafkaTopics() throws Exception {
        try (Admin admin = ckafka.admin()) {
            return List.copyOf(admin.listTopics().names().get(30, TimeUnit.SECONDS));
        }
    }
}
