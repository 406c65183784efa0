package io.ckafkamigrator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.ckafkamigrator.support.HttpSink;
import io.ckafkamigrator.support.JarProcess;
import io.ckafkamigrator.support.Json;
import io.ckafkamigrator.support.KafkaTestCluster;
import io.ckafkamigrator.support.MigratorExtension;
import io.ckafkamigrator.support.Name;
import io.ckafkamigrator.support.RouteFiles;
import io.ckafkamigrator.support.RunningMigrator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Once a topic left LEGACY its shape (ordering, topics, groups) is the one it was switched with. */
@ExtendWith(MigratorExtension.class)
class TopicShapeIT {

    @Test
    void shouldRefuseToStartWhenTheOrderingChangedAfterTheSwitch(@Name("legacy") KafkaTestCluster legacy,
                                                                 @Name("ckafka") KafkaTestCluster ckafka,
                                                                 @TempDir Path routes) throws Exception {
        // Given
        legacy.recreateTopic("orders", 3, "orders-consumer");
        legacy.commitAtEnd("orders-consumer", "orders");
        ckafka.recreateTopic("orders", 3, "orders-consumer-ckafka");
        RouteFiles.copy(Path.of("routes"), routes);
        Path topicFile = routes.resolve("topics/orders.yaml");
        try (HttpSink sink = new HttpSink()) {
            Map<String, String> props = RunningMigrator.overrides(legacy, ckafka, sink);
            props.put("camel.main.routes-include-pattern", "file:" + routes + "/**/*.yaml");
            try (RunningMigrator app = RunningMigrator.start(props)) {
                app.request("POST", "/api/migrations/orders/switch-producer");
                await().atMost(30, TimeUnit.SECONDS).until(() ->
                        Json.field(app.status("orders"), "phase").equals("DRAINING"));
            }
            Files.writeString(topicFile, RouteFiles.replaceOnce(Files.readString(topicFile),
                    "value: ordered\n", "value: unordered\n"));

            // When
            JarProcess.Exit exit = JarProcess.runUntilExit(props.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).toList());

            // Then
            assertThat(exit.code()).as(exit.output()).isEqualTo(2);
            assertThat(exit.startFailureLines()).singleElement().asString()
                    .contains("topics/orders.yaml", "parameter 'ordering' is 'unordered'", "left LEGACY with 'ordered'");
            assertThat(Files.readString(Path.of(props.get("migration.state-dir"), "orders.state")))
                    .contains("phase=DRAINING", "shape.ordering=ordered");
        }
    }
}
