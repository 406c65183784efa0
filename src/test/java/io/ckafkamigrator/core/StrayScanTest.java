package io.ckafkamigrator.core;

import java.util.List;
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

    @Test
    void shouldCountOffsetsThatRetentionDeletedBeforeTheReadAsExpiredNotAsUnreadStrays() {
        // Given
        // past the target 10, retention deleted 10 to 12; 13 is a foreign record, 14 a marker
        legacy.recordTags = Map.of(13L, "");
        legacy.logStart.put(0, 13L);

        // When
        StrayCount count = scan.read(0, 10, 15, NO_DEADLINE);

        // Then
        assertThat(count).isEqualTo(new StrayCount(1, 0, 3));
    }

    @Test
    void shouldStartTheRoundAfterAPartitionWhoseReadTookTheWholeBudgetAtTheNextPartition() {
        // Given
        // strays past the target 10 of partitions 0 to 2; a transaction left open on partition 0
        legacy.stalled.add(0);
        long firstRound = System.nanoTime() + 100_000_000L;
        for (int partition = 0; partition < 3; partition++) {
            scan.read(partition, 10, 12, firstRound);
        }

        // When
        long secondRound = System.nanoTime() + 100_000_000L;
        List<StrayCount> counts = List.of(scan.read(0, 10, 12, secondRound), scan.read(1, 10, 12, secondRound),
                scan.read(2, 10, 12, secondRound));

        // Then
        // the first round spent its budget on partition 0; the second read partitions 1 and 2 first
        assertThat(legacy.talliedPartitions).containsExactly(0, 1, 2);
        assertThat(counts).containsExactly(StrayCount.unread(10, 12), new StrayCount(2, 0), new StrayCount(2, 0));
    }
}
