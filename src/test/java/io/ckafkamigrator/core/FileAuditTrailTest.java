package io.ckafkamigrator.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class FileAuditTrailTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    @TempDir
    Path dir;

    @Test
    void shouldKeepEachTopicsEventsInOrderAcrossInstances() {
        // Given
        new FileAuditTrail(dir).record(new AuditEvent(NOW, "orders", "request", Map.of("action", "switch-producer")));
        new FileAuditTrail(dir).record(new AuditEvent(NOW, "orders2", "request", Map.of("action", "cutover")));
        FileAuditTrail reopened = new FileAuditTrail(dir);

        // When
        reopened.record(AuditEvent.transition("transition", Phase.LEGACY,
                MigrationState.initial("orders", NOW).moveTo(Phase.DRAINING, NOW).withCkafkaStartOffsets(Map.of(1, 7L, 0, 3L)), NOW));

        // Then
        assertThat(reopened.history("orders")).containsExactly(
                "{\"topic\":\"orders\",\"time\":\"2026-11-22T10:00:00Z\",\"event\":\"request\",\"action\":\"switch-producer\"}",
                "{\"topic\":\"orders\",\"time\":\"2026-11-22T10:00:00Z\",\"event\":\"transition\",\"from\":\"LEGACY\","
                        + "\"to\":\"DRAINING\",\"drainTarget\":{},\"ckafkaStartOffsets\":{\"0\":3,\"1\":7},\"handoffPauseMs\":null,\"deliveryGapMs\":null}");
        assertThat(reopened.history("orders2")).hasSize(1);
        assertThat(reopened.history("payments")).isEmpty();
    }

    @Test
    void shouldEscapeRequestSuppliedTextSoEveryEventStaysOneLine() throws Exception {
        // Given
        FileAuditTrail trail = new FileAuditTrail(dir);
        AuditEvent forging = new AuditEvent(NOW, "orders", "request", Map.of("query", "wait=1\n{\"topic\":\"orders\",\"forged\":1}"));

        // When
        trail.record(forging);

        // Then
        assertThat(Files.readAllLines(trail.file())).hasSize(1);
        assertThat(trail.history("orders")).singleElement().asString().contains("\\n{\\\"topic\\\"");
    }

    @Test
    void shouldNotThrowWhenTheTrailCannotBeWritten() throws Exception {
        // Given
        // the folder is a file
        Path notADir = Files.writeString(dir.resolve("blocked"), "x");
        FileAuditTrail trail = new FileAuditTrail(notADir);

        // When
        Throwable thrown = catchThrowable(() -> trail.record(new AuditEvent(NOW, "orders", "request", Map.of())));

        // Then
        assertThat(thrown).isNull();
        assertThat(Files.readString(notADir)).isEqualTo("x");
    }
}
