package io.ckafkamigrator;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.ckafkamigrator.support.HttpSink;
import io.ckafkamigrator.support.JarMigrator;
import io.ckafkamigrator.support.JarProcess;
import io.ckafkamigrator.support.Json;
import io.ckafkamigrator.support.KafkaTestCluster;
import io.ckafkamigrator.support.MigratorExtension;
import io.ckafkamigrator.support.Name;
import io.ckafkamigrator.support.RouteFiles;
import io.ckafkamigrator.support.RunningMigrator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One instance per topic: a second instance on the same state directory, on a copy of it, or
 * on a state older than what the clusters show never commits CKafka start offsets over the ones
 * in use (which would skip what was written to CKafka since the first switch).
 */
@ExtendWith(MigratorExtension.class)
class OneInstanceIT {

    private static final String STATUS = "/api/migrations/orders";
    private static final String CKAFKA_GROUP = "orders-consumer-ckafka";

    @Name("legacy")
    private KafkaTestCluster legacy;
    @Name("ckafka")
    private KafkaTestCluster ckafka;
    private HttpSink sink;

    @BeforeEach
    void freshTopics() throws Exception {
        legacy.recreateTopic("orders", 3, "orders-consumer");
        legacy.commitAtEnd("orders-consumer", "orders");
        ckafka.recreateTopic("orders", 3, CKAFKA_GROUP);
        sink = new HttpSink();
    }

    @AfterEach
    void closeSink() {
        sink.close();
    }

    @Test
    void shouldRefuseASecondJarOnTheSameStateDirectoryWhileTheFirstRuns() throws Exception {
        // Given
        Map<String, String> props = overrides();
        try (JarMigrator first = JarMigrator.start(props)) {
            String holder = Files.readString(Path.of(props.get("migration.state-dir"), "migrator.lock")).strip();

            // When
            JarProcess.Exit second = JarProcess.runUntilExit(properties(props, Map.of(
                    "camel.server.port", String.valueOf(RunningMigrator.freePort()),
                    "camel.management.port", String.valueOf(RunningMigrator.freePort()))));

            // Then
            assertThat(second.code()).as(second.output()).isEqualTo(2);
            assertThat(second.startFailureLines()).singleElement().asString()
                    .contains("migration.state-dir", "in use by another instance", holder.split(" since=")[0]);
            assertThat(first.request("GET", "/observe/health/ready").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void shouldRefuseTheSwitchOfASecondInstanceOnACopiedStateDirectory() throws Exception {
        // Given
        Map<String, String> props = overrides();
        try (RunningMigrator first = RunningMigrator.start(props)) {
            await().atMost(30, TimeUnit.SECONDS).until(() -> ckafka.groupMembers(CKAFKA_GROUP) == 1);
            Path copy = Files.createTempDirectory("migrator-state-copy-");
            RouteFiles.copy(Path.of(first.stateDir()), copy);
            Files.deleteIfExists(copy.resolve("migrator.lock"));
            Map<String, String> copied = overrides();
            copied.put("migration.state-dir", copy.toString());
            try (RunningMigrator second = RunningMigrator.start(copied)) {
                await().atMost(30, TimeUnit.SECONDS).until(() -> ckafka.groupMembers(CKAFKA_GROUP) == 2);

                // When
                HttpResponse<String> switched = second.request("POST", STATUS + "/switch-producer");

                // Then
                assertThat(switched.statusCode()).as(switched.body()).isEqualTo(409);
                assertThat(switched.body()).contains("ckafka_second_instance", "copy of this state directory");
                assertThat(Json.field(second.request("GET", STATUS).body(), "phase")).isEqualTo("LEGACY");
                assertThat(ckafka.committedOffsetSum(CKAFKA_GROUP, "orders")).isZero();
            }
        }
    }

    @Test
    void shouldRefuseToStartAStateThatSaysLegacyWhileTheCkafkaGroupHasOffsets() throws Exception {
        // Given
        // A backup of the state taken in LEGACY, restored after the topic was switched.
        Map<String, String> props = overrides();
        Path stateFile = Path.of(props.get("migration.state-dir"), "orders.state");
        String backup;
        try (RunningMigrator app = RunningMigrator.start(props)) {
            backup = Files.readString(stateFile);
            app.request("POST", STATUS + "/switch-producer");
            await().atMost(30, TimeUnit.SECONDS).ignoreExceptions().until(() -> !ckafkaCommitted().isEmpty());
        }
        Files.writeString(stateFile, backup);

        // When
        JarProcess.Exit exit = JarProcess.runUntilExit(properties(props, Map.of()));

        // Then
        assertThat(exit.code()).as(exit.output()).isEqualTo(2);
        assertThat(exit.startFailureLines()).singleElement().asString()
                .contains("migration state of topic 'orders'", "says LEGACY", "'" + CKAFKA_GROUP + "' has committed offsets");
        assertThat(Files.readString(stateFile)).isEqualTo(backup);
    }

    private Map<String, String> overrides() {
        Map<String, String> props = RunningMigrator.overrides(legacy, ckafka, sink);
        props.putAll(RunningMigrator.QUICK_STOPPING_CONSUMERS);
        props.putAll(RunningMigrator.QUICK_REBALANCING_CONSUMERS);
        return props;
    }

    private Map<Integer, Long> ckafkaCommitted() throws Exception {
        try (var admin = ckafka.admin()) {
            Map<Integer, Long> offsets = new java.util.TreeMap<>();
            admin.listConsumerGroupOffsets(CKAFKA_GROUP).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS)
                    .forEach((tp, o) -> {
                        if (o != null && tp.topic().equals("orders")) {
                            offsets.put(tp.partition(), o.offset());
                        }
                    });
            return offsets;
        }
    }

    private static List<String> properties(Map<String, String> props, Map<String, String> changed) {
        Map<String, String> all = new java.util.HashMap<>(props);
        all.putAll(changed);
        return all.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
    }
}
