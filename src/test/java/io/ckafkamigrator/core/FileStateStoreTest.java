package io.ckafkamigrator.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class FileStateStoreTest {

    @Test
    void shouldGiveBackExactlyWhatWasSaved(@TempDir Path dir) {
        // Given
        MigrationState state = MigrationState.initial("orders", Instant.parse("2026-11-01T10:00:00Z"))
                .moveTo(Phase.DRAINING, Instant.parse("2026-11-01T10:05:00Z"))
                .withDrainTarget(Map.of(0, 120L, 1, 0L, 2, 7L))
                .withCkafkaStartOffsets(Map.of(0, 3L, 1, 0L, 2, 0L))
                .withHandoffFigures(Optional.of(42L), Optional.of(1_250L))
                .withError("legacy cluster unreachable: timeout\nsecond line")
                .withShape(new TopicShape(Ordering.ORDERED, "orders", "orders-consumer", "orders", "orders-ckafka",
                        Side.EXTERNAL))
                .withHookDone("on-phase:DRAINING").withHookDone("start-ckafka-consumers");

        // When
        new FileStateStore(dir).save(state);

        // Then
        assertThat(new FileStateStore(dir).load("orders")).contains(state);
        assertThat(dir.resolve("orders.state.tmp")).doesNotExist();
    }

    @Test
    void shouldHaveNoStateForATopicNeverSaved(@TempDir Path dir) {
        // Given
        FileStateStore store = new FileStateStore(dir);

        // When
        Optional<MigrationState> loaded = store.load("orders");

        // Then
        assertThat(loaded).isEmpty();
    }

    @Test
    void shouldReplaceThePreviousStateWhole(@TempDir Path dir) {
        // Given
        FileStateStore store = new FileStateStore(dir);
        MigrationState draining = MigrationState.initial("orders", Instant.EPOCH).moveTo(Phase.DRAINING, Instant.EPOCH)
                .withDrainTarget(Map.of(0, 5L, 1, 6L));
        store.save(draining);

        // When
        store.save(draining.withDrainTarget(Map.of(0, 9L)));

        // Then
        assertThat(store.load("orders")).get().extracting(MigrationState::drainTarget).isEqualTo(Map.of(0, 9L));
    }

    @Test
    void shouldRefuseACorruptFileInsteadOfResettingTheTopic(@TempDir Path dir) throws Exception {
        // Given
        Files.writeString(dir.resolve("orders.state"), "version=1\ntopic=orders\nphase=HALFWAY\n");
        FileStateStore store = new FileStateStore(dir);

        // When
        Throwable thrown = catchThrowable(() -> store.load("orders"));

        // Then
        assertThat(thrown).isInstanceOf(StateStoreException.class)
                .hasMessageContaining("orders.state").hasMessageContaining("never reset");
    }

    @Test
    void shouldRefuseAFileOfAnotherTopic(@TempDir Path dir) throws Exception {
        // Given
        Files.writeString(dir.resolve("orders.state"), "version=1\ntopic=payments\nphase=LEGACY\n");
        FileStateStore store = new FileStateStore(dir);

        // When
        Throwable thrown = catchThrowable(() -> store.load("orders"));

        // Then
        assertThat(thrown).hasMessageContaining("payments");
    }
}
