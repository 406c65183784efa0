package io.ckafkamigrator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.ckafkamigrator.support.JarProcess;
import io.ckafkamigrator.support.RouteFiles;
import io.ckafkamigrator.support.RunningMigrator;
import io.ckafkamigrator.support.TwoClusters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Mistakes in the configuration stop the packaged jar with one line naming what to fix, before anything moves. */
class ConfigValidationIT {

    @Test
    void givenAMisspelledProperty_whenTheJarStarts_thenItExitsNamingThePropertyAndTheOneMeant(@TempDir Path state)
            throws Exception {
        try (JarProcess app = JarProcess.start(List.of("migration.embedded.enabled=false",
                "migration.state-dir=" + state, "migration.control.poll-intervall-ms=50",
                "camel.server.port=" + RunningMigrator.freePort()))) {
            assertThat(app.awaitExit(60)).isEqualTo(2);
            assertThat(app.startFailureLines()).containsExactly("ckafka-migrator failed to start: "
                    + "migration.control.poll-intervall-ms: unknown property; did you mean migration.control.poll-interval-ms?");
            assertThat(app.output()).doesNotContain("SIGTERM");
            assertThat(state).isEmptyDirectory();
        }
    }

    @Test
    void givenASecondTopicFileReusingTheLegacyGroup_whenTheJarStarts_thenItExitsNamingBothFilesAndStoresNothing(
            @TempDir Path routes, @TempDir Path state) throws Exception {
        // Given: payments.yaml copied from orders.yaml but still consuming with the orders group
        TwoClusters clusters = TwoClusters.shared();
        clusters.legacy().recreateTopic("orders", 3);
        clusters.ckafka().recreateTopic("orders", 3);
        RouteFiles.copy(Path.of("routes"), routes);
        String payments = Files.readString(routes.resolve("topics/orders.yaml")).replace("orders", "payments")
                .replace("{name: legacyGroup, value: payments-consumer}", "{name: legacyGroup, value: orders-consumer}");
        Files.writeString(routes.resolve("topics/payments.yaml"), payments);

        // When
        try (JarProcess app = JarProcess.start(List.of("migration.embedded.enabled=false",
                "legacy.bootstrap-servers=" + clusters.legacy().bootstrapServers(),
                "ckafka.bootstrap-servers=" + clusters.ckafka().bootstrapServers(),
                "migration.state-dir=" + state, "camel.server.port=" + RunningMigrator.freePort()),
                "--routes", routes.toString())) {

            // Then
            assertThat(app.awaitExit(60)).isEqualTo(2);
            assertThat(app.startFailureLines()).singleElement().asString()
                    .endsWith("topics/orders.yaml, " + routes.resolve("topics/payments.yaml")
                            + ": topics 'orders' and 'payments' share the legacy consumer group 'orders-consumer'; "
                            + "each topic needs a group of its own");
            assertThat(state).isEmptyDirectory();
            assertThat(clusters.legacy().endOffsetSum("orders")).isZero();
            assertThat(clusters.ckafka().endOffsetSum("orders")).isZero();
        }
    }
}
