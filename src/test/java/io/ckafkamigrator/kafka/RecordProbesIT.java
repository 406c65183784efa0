package io.ckafkamigrator.kafka;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.ckafkamigrator.config.ClusterSettings;
import io.ckafkamigrator.config.PropertySource;
import io.ckafkamigrator.core.RecordTally;
import io.ckafkamigrator.support.KafkaTestCluster;
import io.ckafkamigrator.support.MigratorExtension;
import io.ckafkamigrator.support.Name;
import io.ckafkamigrator.support.RawKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The record probes against a real broker: what retention deleted, and probes kept apart by purpose. */
@ExtendWith(MigratorExtension.class)
class RecordProbesIT {

    private static final String TOPIC = "probes";
    private static final long TIMEOUT_MS = 5_000;

    @Name("legacy") private KafkaTestCluster legacy;
    private KafkaClusterOffsets offsets;

    @BeforeEach
    void recreateTopic() {
        legacy.recreateTopic(TOPIC, 1);
        offsets = new KafkaClusterOffsets(ClusterSettings.from("legacy", PropertySource.of(Map.of(
                "legacy.bootstrap-servers", legacy.bootstrapServers()))), true, TIMEOUT_MS);
    }

    @AfterEach
    void closeOffsets() {
        offsets.close();
    }

    @Test
    void shouldSkipWhatRetentionDeletedBeforeTheReadAndCountItAsExpired() throws Exception {
        // Given
        // offsets 0 to 9, of which retention (here deleteRecords) removed 0 to 5
        RawKafka.produce(legacy, TOPIC, "k", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        try (Admin admin = legacy.admin()) {
            admin.deleteRecords(Map.of(new TopicPartition(TOPIC, 0), RecordsToDelete.beforeOffset(6))).all()
                    .get(30, TimeUnit.SECONDS);
        }

        // When
        RecordTally tally = offsets.tally(TOPIC, 0, 2, 10, "migrator-instance", "ours", TIMEOUT_MS);

        // Then
        assertThat(tally).isEqualTo(new RecordTally(10, 4, 0, 4));
    }

    @Test
    void shouldAnswerTheHandoffWhileTheMonitorsProbeOfTheSameTopicWaitsForAnOpenTransaction() throws Exception {
        // Given
        // offset 0 committed, then a transaction left open: the monitor's probe past 0 waits for its timeout
        RawKafka.produce(legacy, TOPIC, "k", "committed");
        try (AutoCloseable open = RawKafka.openTransaction(legacy, TOPIC, "k", "open")) {
            Thread monitor = new Thread(() -> {
                try {
                    offsets.hasRecords(TOPIC, 0, 1, 2);
                } catch (RuntimeException e) {
                    // its timeout: what the monitor's round would record
                }
            }, "monitor-probe");
            monitor.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> Arrays.stream(monitor.getStackTrace())
                    .anyMatch(frame -> frame.getMethodName().equals("poll")));

            // When
            long started = System.nanoTime();
            boolean found = offsets.forHandoff().hasRecords(TOPIC, 0, 0, 1);
            long tookMs = (System.nanoTime() - started) / 1_000_000;
            boolean monitorStillWaits = monitor.isAlive();

            // Then
            assertThat(found).isTrue();
            assertThat(monitorStillWaits).isTrue();
            assertThat(tookMs).isLessThan(TIMEOUT_MS / 2);
            monitor.join();
        }
    }
}
