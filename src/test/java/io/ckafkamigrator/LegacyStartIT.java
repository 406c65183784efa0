package io.ckafkamigrator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.ckafkamigrator.support.HttpSink;
import io.ckafkamigrator.support.JarProcess;
import io.ckafkamigrator.support.KafkaTestCluster;
import io.ckafkamigrator.support.MigratorExtension;
import io.ckafkamigrator.support.Name;
import io.ckafkamigrator.support.RawKafka;
import io.ckafkamigrator.support.RouteFiles;
import io.ckafkamigrator.support.RunningMigrator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The legacy consumer never replays the legacy topic silently: pointed at a group without
 * offsets (a typo, a new group) on a topic that holds records, the app refuses to start unless
 * the topic file says where to start (legacyStartFrom), and then it starts exactly there.
 */
@ExtendWith(MigratorExtension.class)
class LegacyStartIT {

    private static final String NEW_GROUP = "orders-consumer-new";

    @Name("legacy")
    private KafkaTestCluster legacy;
    @Name("ckafka")
    private KafkaTestCluster ckafka;
    @TempDir
    private Path routes;
    private HttpSink sink;

    @BeforeEach
    void topicWithRecordsTheOldConsumerDelivered() throws Exception {
        legacy.recreateTopic("orders", 3, "orders-consumer", NEW_GROUP);
        ckafka.recreateTopic("orders", 3, "orders-consumer-ckafka");
        RawKafka.produce(legacy, "orders", "k1", "old-1", "old-2", "old-3");
        RouteFiles.copy(Path.of("routes"), routes);
        sink = new HttpSink();
    }

    @AfterEach
    void closeSink() {
        sink.close();
    }

    @Test
    void shouldRefuseToStartANewLegacyGroupAndDeliverNothing(@TempDir Path state) throws Exception {
        // Given
        topicFileWith("value: orders-consumer\n", "value: " + NEW_GROUP + "\n");

        // When
        JarProcess.Exit exit = JarProcess.runUntilExit(jarProperties(state));

        // Then
        assertThat(exit.code()).as(exit.output()).isEqualTo(2);
        assertThat(exit.startFailureLines()).singleElement().asString()
                .contains("topics/orders.yaml", "legacy group '" + NEW_GROUP + "'", "partition(s) [",
                        "old consumer's group id", "committed | earliest | latest");
        assertThat(sink.accepted()).isEmpty();
        assertThat(legacy.committedOffsetSum(NEW_GROUP, "orders")).isZero();
    }

    @Test
    void shouldSkipWhatTheTopicRetainsWithLatestAndDeliverWhatComesAfter() throws Exception {
        // Given
        topicFileWith("value: orders-consumer\n", "value: " + NEW_GROUP + "\n"
                + "      - name: legacyStartFrom\n        value: latest\n");

        try (RunningMigrator app = RunningMigrator.start(inJvmProperties())) {

            // When
            int status = app.post("/topics/orders?key=k1", "text/plain", "new-1").statusCode();

            // Then
            assertThat(status).isEqualTo(200);
            await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> assertThat(sink.accepted())
                    .extracting(HttpSink.Delivery::value).containsExactly("new-1"));
            assertThat(legacy.committedOffsetSum(NEW_GROUP, "orders")).isEqualTo(4);
            assertThat(app.request("GET", "/api/migrations/orders/history").body())
                    .contains("legacy-start-offsets", "\"legacyStartFrom\":\"latest\"");
        }
    }

    @Test
    void shouldDeliverWhatTheTopicRetainsWithEarliest() throws Exception {
        // Given
        topicFileWith("value: orders-consumer\n", "value: " + NEW_GROUP + "\n"
                + "      - name: legacyStartFrom\n        value: earliest\n");

        // When
        try (RunningMigrator app = RunningMigrator.start(inJvmProperties())) {

            // Then
            await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> assertThat(sink.accepted())
                    .extracting(HttpSink.Delivery::value).containsExactly("old-1", "old-2", "old-3"));
        }
    }

    @Test
    void shouldRefuseToStartNamingTheFileWhenLegacyStartFromIsNoChoice(@TempDir Path state) throws Exception {
        // Given
        topicFileWith("value: orders-consumer\n", "value: orders-consumer\n"
                + "      - name: legacyStartFrom\n        value: oldest\n");

        // When
        JarProcess.Exit exit = JarProcess.runUntilExit(jarProperties(state));

        // Then
        assertThat(exit.code()).as(exit.output()).isEqualTo(2);
        assertThat(exit.startFailureLines()).singleElement().asString()
                .contains("topics/orders.yaml", "legacyStartFrom 'oldest'", "committed | earliest | latest");
    }

    /** The copied topic file with its one {@code from} replaced. */
    private void topicFileWith(String from, String to) throws Exception {
        Path file = routes.resolve("topics/orders.yaml");
        Files.writeString(file, RouteFiles.replaceOnce(Files.readString(file), from, to));
    }

    private Map<String, String> inJvmProperties() {
        Map<String, String> props = RunningMigrator.overrides(legacy, ckafka, sink);
        props.put("camel.main.routes-include-pattern", "file:" + routes + "/**/*.yaml");
        return props;
    }

    private List<String> jarProperties(Path state) {
        Map<String, String> props = inJvmProperties();
        props.put("migration.state-dir", state.toString());
        return props.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
    }
}
