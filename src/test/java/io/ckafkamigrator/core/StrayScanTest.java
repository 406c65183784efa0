package io.ckafkamigrator.core;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StrayScanTest {

    private static final long NO_DEADLINE = System.nanoTime() + 60_000_000_000L;

    private final FakeClusterOffsets legacy = new FakeClusterOffsets();
    private final StrayScan scan = new StrayScan("orders", legacy, Consumers.IDENTITY);

    @Test
    void shouldTellOurLateAppendsFromStrayWritesAndCountNeitherMarkersNorAbortedRecords() {
        // Given
        // past the target 10: a foreign record, one of ours, then an aborted transaction's records and marker
        legacy.recordTags = Map.of(10L, "", 11L, Consumers.IDENTITY.recordTag());

        // When
        StrayCount count = scan.read(0, 10, 15, NO_DEADLINE);

        // Then
        assertThat(count).isEqualTo(new StrayCount(1, 1));
    }

    @Test
    void shouldCountARecordTaggedByAnotherRunOfTheSameInstanceAsAStrayWrite() {
        // Given
        // 10 tagged by a run before a restart, or by a copy of the state directory run elsewhere
        ConsumerIdentity otherRun = new ConsumerIdentity(Consumers.IDENTITY.instanceId());
        legacy.recordTags = Map.of(10L, otherRun.recordTag(), 11L, Consumers.IDENTITY.recordTag());

        // When
        StrayCount count = scan.read(0, 10, 12, NO_DEADLINE);

        // Then
        assertThat(count).isEqualTo(new StrayCount(1, 1));
    }

    @Test
    void shouldCountWhatItCouldNotReadYetAsStraysAndReadOnFromThereNextTime() {
        // Given
        // nothing but markers past the target, read two offsets at a time
        legacy.recordTags = Map.of();
        legacy.perTally = 2;
        StrayCount first = scan.read(0, 10, 15, NO_DEADLINE);

        // When
        StrayCount second = scan.read(0, 10, 15, NO_DEADLINE);

        // Then
        assertThat(first).isEqualTo(new StrayCount(3, 0));
        assertThat(second).isEqualTo(new StrayCount(1, 0));
    }

    @Test
    void shouldAnswerFromWhatWasReadWithoutReadingAgain() {
        // Given
        legacy.recordTags = Map.of(12L, "");
        scan.read(0, 10, 15, NO_DEADLINE);

        // When
        StrayCount known = scan.known(0, 10, 17);

        // Then
        // 12 was read as a stray; 15 and 16 were not read yet
        assertThat(known).isEqualTo(new StrayCount(3, 0));
        assertThat(legacy.tallies).isEqualTo(1);
    }

    @Test
    void shouldReadAgainFromAMovedTarget() {
        // Given
        legacy.recordTags = Map.of(12L, "");
        scan.read(0, 10, 15, NO_DEADLINE);

        // When
        StrayCount afterAccept = scan.read(0, 15, 15, NO_DEADLINE);

        // Then
        assertThat(afterAccept).isEqualTo(StrayCount.NONE);
    }
}
