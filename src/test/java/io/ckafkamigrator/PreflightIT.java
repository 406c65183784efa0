package io.ckafkamigrator;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.ckafkamigrator.support.JarProcess;
import io.ckafkamigrator.support.KafkaTestCluster;
import io.ckafkamigrator.support.MigratorExtension;
import io.ckafkamigrator.support.Name;
import io.ckafkamigrator.support.OrdersMigrator;
import io.ckafkamigrator.support.RawKafka;
import io.ckafkamigrator.support.RouteFiles;
import io.ckafkamigrator.support.RunningMigrator;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static io.ckafkamigrator.support.OrdersApp.CKAFKA_GROUP;
import static io.ckafkamigrator.support.OrdersApp.LEGACY_GROUP;
import static io.ckafkamigrator.support.OrdersApp.TOPIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The preflight against real clusters: through the running app's API, where it recognises its
 * own consumers in both groups, and as {@code --preflight} of the packaged jar, whose exit code
 * says whether a check failed, run beside a running instance on the same state directory.
 */
@ExtendWith(MigratorExtension.class)
class PreflightIT {

    @Name("legacy") private KafkaTestCluster legacy;
    @Name("ckafka") private KafkaTestCluster ckafka;

    /** A check's status in a preflight answer or table, by its id. */
    private static String status(String preflight, String id) {
        Matcher json = Pattern.compile("\"id\":\"" + id + "\",\"status\":\"(\\w+)\"").matcher(preflight);
        if (json.find()) {
            return json.group(1);
        }
        throw new AssertionError("no check " + id + " in " + preflight);
    }

    /** The table line of a topic's check: {@code <topic>  <check>  <status>  <found> -> <action>}. */
    private static String line(String table, String topic, String id) {
        return table.lines().filter(l -> l.matches(Pattern.quote(topic) + "\\s+" + Pattern.quote(id) + "\\s.*"))
                .findFirst().orElseThrow(() -> new AssertionError("no line for " + topic + " " + id + " in\n" + table));
    }

    @Test
    void shouldFailACompactedLegacyTopicAndAForeignLegacyMemberButNotTheAppsOwnConsumers(
            @OrdersMigrator RunningMigrator app) throws Exception {
        // Given
        awaitTheAppsConsumersInTheirGroups();
        legacy.setTopicConfig(TOPIC, Map.of("cleanup.policy", "compact"));
        ckafka.setTopicConfig(TOPIC, Map.of("max.message.bytes", "1000"));
        try (KafkaConsumer<String, String> oldService = RawKafka.joinedConsumer(legacy, LEGACY_GROUP, TOPIC)) {

            // When
            HttpResponse<String> all = app.request("GET", "/api/migrations/preflight");
            HttpResponse<String> orders = app.request("GET", "/api/migrations/orders/preflight");

            // Then
            assertThat(all.statusCode()).as(all.body()).isEqualTo(200);
            assertThat(all.body()).startsWith("{\"result\":\"fail\",\"topics\":[{\"topic\":\"orders\",\"result\":\"fail\"");
            assertThat(orders.statusCode()).as(orders.body()).isEqualTo(200);
            String body = orders.body();
            assertThat(body).startsWith("{\"topic\":\"orders\",\"result\":\"fail\",\"checks\":[");
            assertThat(status(body, "cleanup-policy")).isEqualTo("fail");
            assertThat(body).contains("legacy cleanup.policy=compact, CKafka cleanup.policy=delete");
            assertThat(status(body, "max-message-bytes")).isEqualTo("warn");
            assertThat(status(body, "legacy-group-members")).isEqualTo("fail");
            // Only the old service is foreign: the app's own legacy consumer is in the group too.
            assertThat(body).contains("has 1 member(s) that are not this app's legacy consumer: [clientId="
                    + RawKafka.INTRUDER_CLIENT_ID);
            assertThat(legacy.groupMembers(LEGACY_GROUP)).isEqualTo(2);
            // The app's waiting CKafka consumer is its own.
            assertThat(status(body, "ckafka-group")).isEqualTo("pass");
            assertThat(status(body, "legacy-topic-exists")).isEqualTo("pass");
            assertThat(status(body, "ckafka-topic-exists")).isEqualTo("pass");
            assertThat(status(body, "legacy-access")).isEqualTo("pass");
            assertThat(status(body, "state-directory")).isEqualTo("pass");
            // The HTTP router tries the routes in the order they were added: the preflight's comes first.
            List<String> paths = VertxPlatformHttpRouter.lookup(app.context(),
                    VertxPlatformHttpRouter.getRouterNameFromPort(app.port())).getRoutes().stream()
                    .map(route -> String.valueOf(route.getPath())).toList();
            assertThat(paths.indexOf("/api/migrations/preflight")).as(paths.toString()).isNotNegative()
                    .isLessThan(paths.indexOf("/api/migrations/:topic"));
            // A read: nothing audited.
            assertThat(app.request("GET", "/api/migrations/orders/history").body()).doesNotContain("preflight");
        }
    }

    @Test
    void shouldExitWithOneNamingAMissingCkafkaTopicAndARetentionShorterThanTheHold(@TempDir Path routes,
            @TempDir Path state) throws Exception {
        // Given
        // orders: the legacy group lags 3 records, CKafka keeps records for 10 s.
        legacy.recreateTopic(TOPIC, 3, LEGACY_GROUP);
        legacy.commitAtEnd(LEGACY_GROUP, TOPIC);
        RawKafka.produce(legacy, TOPIC, "k", "a", "b", "c");
        ckafka.recreateTopic(TOPIC, 3, CKAFKA_GROUP);
        ckafka.setTopicConfig(TOPIC, Map.of("retention.ms", "10000"));
        // payments: no CKafka topic.
        legacy.recreateTopic("payments", 3, "payments-consumer");
        legacy.commitAtEnd("payments-consumer", "payments");
        ckafka.deleteTopicIfExists("payments");
        RouteFiles.copy(Path.of("routes"), routes);
        Files.writeString(routes.resolve("topics/payments.yaml"),
                Files.readString(routes.resolve("topics/orders.yaml")).replace("orders", "payments"));

        // When
        JarProcess.Exit exit = JarProcess.runUntilExit(jarProperties(state, List.of()), "--routes", routes.toString(),
                "--preflight");

        // Then
        String table = exit.output();
        assertThat(exit.code()).as(table).isEqualTo(1);
        assertThat(line(table, "payments", "ckafka-topic-exists")).contains(" fail ",
                "CKafka topic 'payments' does not exist", "POST /api/migrations/payments/provision");
        assertThat(line(table, "orders", "ckafka-retention-hold")).contains(" fail ", "CKafka retention.ms=10000",
                "legacy lag (3 records)", "could expire in CKafka before the handoff");
        assertThat(line(table, "orders", "retention")).contains(" warn ");
        assertThat(table).contains("preflight fail: 2 topic(s)");
        // Nothing written: the state directory stays empty, the groups without members or new offsets.
        assertThat(state).isEmptyDirectory();
        assertThat(ckafka.committedOffsets(CKAFKA_GROUP, TOPIC)).isEmpty();
        assertThat(legacy.committedOffsetSum(LEGACY_GROUP, TOPIC)).isZero();
    }

    @Test
    void shouldExitWithZeroBesideARunningInstanceRecognisingItsConsumers(@OrdersMigrator RunningMigrator app)
            throws Exception {
        // Given
        // The app runs on its state directory with its legacy consumer and its waiting CKafka consumer.
        awaitTheAppsConsumersInTheirGroups();

        // When
        JarProcess.Exit exit = JarProcess.runUntilExit(jarProperties(Path.of(app.stateDir()),
                List.of("camel.server.port=" + app.port())), "--preflight");

        // Then
        String table = exit.output();
        assertThat(exit.code()).as(table).isZero();
        assertThat(line(table, "orders", "legacy-group-members")).contains(" pass ", "only this app's legacy consumer");
        assertThat(line(table, "orders", "ckafka-group")).contains(" pass ", "only this app's waiting consumer");
        // Without a measured rate, a lag would be a warning; there is none.
        assertThat(line(table, "orders", "ckafka-retention-hold")).contains(" pass ", "no lag");
        assertThat(table).contains("preflight pass: 1 topic(s), 0 check(s) failed");
        assertThat(app.request("GET", "/api/migrations/orders").statusCode()).isEqualTo(200);
    }

    private void awaitTheAppsConsumersInTheirGroups() {
        await().atMost(30, TimeUnit.SECONDS).until(() -> legacy.groupMembers(LEGACY_GROUP) == 1
                && ckafka.groupMembers(CKAFKA_GROUP) == 1);
    }

    /** The clusters, the state directory and whatever else, as -D properties of the jar. */
    private List<String> jarProperties(Path state, List<String> more) {
        List<String> props = new ArrayList<>(List.of("migration.embedded.enabled=false",
                "legacy.bootstrap-servers=" + legacy.bootstrapServers(),
                "ckafka.bootstrap-servers=" + ckafka.bootstrapServers(), "migration.state-dir=" + state,
                "camel.server.port=" + RunningMigrator.freePort()));
        props.addAll(more);
        return props;
    }
}
