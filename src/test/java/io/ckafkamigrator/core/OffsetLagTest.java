package io.ckafkamigrator.core;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OffsetLagTest {

    @Test
    void shouldCountFromTheCommittedOffsetOfEachPartition() {
        // Given
        Map<Integer, Long> end = Map.of(0, 10L, 1, 7L);

        // When
        Map<Integer, Long> lag = OffsetLag.lag(end, OffsetLag.positions(end.keySet(), Map.of(0, 4L, 1, 7L), Map.of(), Map.of()));

        // Then
        assertThat(lag).containsExactlyInAnyOrderEntriesOf(Map.of(0, 6L, 1, 0L));
        assertThat(OffsetLag.sum(lag)).isEqualTo(6);
    }

    @Test
    void shouldCountFromTheLogStartWhenTheGroupNeverCommitted() {
        Map<Integer, Long> end = Map.of(0, 10L);

        Map<Integer, Long> positions = OffsetLag.positions(end.keySet(), Map.of(), Map.of(0, 3L), Map.of());

        assertThat(OffsetLag.lag(end, positions)).containsEntry(0, 7L);
    }

    @Test
    void shouldCountFromTheGivenStartWhenTheGroupNeverCommitted() {
        // Given: the CKafka group starts at the offsets captured at the switch
        Map<Integer, Long> end = Map.of(0, 12L, 1, 5L);

        // When
        Map<Integer, Long> positions = OffsetLag.positions(end.keySet(), Map.of(1, 4L), Map.of(), Map.of(0, 9L, 1, 0L));

        // Then
        assertThat(OffsetLag.lag(end, positions)).containsExactlyInAnyOrderEntriesOf(Map.of(0, 3L, 1, 1L));
    }

    @Test
    void shouldNotCountRecordsThatRetentionRemovedBeforeTheGroupReadThem() {
        Map<Integer, Long> end = Map.of(0, 20L);

        Map<Integer, Long> positions = OffsetLag.positions(end.keySet(), Map.of(0, 5L), Map.of(0, 15L), Map.of());

        assertThat(OffsetLag.lag(end, positions)).containsEntry(0, 5L);
    }

    @Test
    void shouldNeverReportANegativeLag() {
        // Given: a committed offset read a moment after the end offset
        Map<Integer, Long> end = Map.of(0, 10L);

        // When
        Map<Integer, Long> lag = OffsetLag.lag(end, Map.of(0, 11L));

        // Then
        assertThat(lag).containsEntry(0, 0L);
    }
}
