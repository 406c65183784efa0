package io.ckafkamigrator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.ckafkamigrator.support.JarProcess;
import io.ckafkamigrator.support.KafkaTestCluster;
import io.ckafkamigrator.support.MigratorExtension;
import io.ckafkamigrator.support.Name;
import io.ckafkamigrator.support.RouteFiles;
import io.ckafkamigrator.support.RunningMigrator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Mistakes in the configuration stop the packaged jar with one line naming what to fix, before anything moves. */
@ExtendWith(MigratorExtension.class)
class ConfigValidationIT {

    @Test
    void shouldExitNamingAMisspelledPropertyAndTheOneMeant(@TempDir Path state) throws Exception {
        // Given
        String misspelled = "migration.control.poll-intervall-ms=50";

        // When
        JarProcess.Exit exit = JarProcess.runUntilExit(List.of("migration.embedded.enabled=false",
                "migration.state-dir=" + state, misspelled, "camel.server.port=" + RunningMigrator.freePort()));

        // Then
        assertThat(exit.code()).isEqualTo(2);
        assertThat(exit.startFailureLines()).containsExactly("ckafka-migrator failed to start: "
                + "migration.control.poll-intervall-ms: unknown property; did you mean migration.control.poll-interval-ms?");
        assertThat(exit.output()).doesNotContain("SIGTERM");
        assertThat(state).isEmptyDirectory();
    }

    @Test
    void shouldExitNamingBothFilesAndStoreNothingWhenASecondTopicFileReusesTheLegacyGroup(
            @Name("legacy") KafkaTestCluster legacy, @Name("ckafka") KafkaTestCluster ckafka,
            @TempDir Path routes, @TempDir Path state) throws Exception {
        // Given
        // payments.yaml copied from orders.yaml but still consuming with the orders group.
        legacy.recreateTopic("orders", 3);
        ckafka.recreateTopic("orders", 3);
        RouteFiles.copy(Path.of("routes"), routes);
        String payments = RouteFiles.replaceOnce(Files.readString(routes.resolve("topics/orders.yaml"))
                .replace("orders", "payments"), "value: payments-consumer\n", "value: orders-consumer\n");
        Files.writeString(routes.resolve("topics/payments.yaml"), payments);

        // When
        JarProcess.Exit exit = JarProcess.runUntilExit(List.of("migration.embedded.enabled=false",
                "legacy.bootstrap-servers=" + legacy.bootstrapServers(),
                "ckafka.bootstrap-servers=" + ckafka.bootstrapServers(),
                "migration.state-dir=" + state, "camel.server.port=" + RunningMigrator.freePort()),
                "--routes", routes.toString());

        // Then
        assertThat(exit.code()).isEqualTo(2);
        assertThat(exit.startFailureLines()).singleElement().asString()
                .endsWith("topics/orders.yaml, " + routes.resolve("topics/payments.yaml")
                        + ": topics 'orders' and 'payments' share the legacy consumer group 'orders-consumer'; "
                        + "each topic needs a group of its own");
        assertThat(state).isEmptyDirectory();
        assertThat(legacy.endOffsetSum("orders")).isZero();
        assertThat(ckafka.endOffsetSum("orders")).isZero();
    }
}
