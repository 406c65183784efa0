package io.ckafkamigrator.core;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OffsetLagTest {

    @Test
    void shouldCountFromTheCommittedOffsetOfEachPartition() {
        // Given
        Map<Integer, Long> end = Map.of(0, 10L, 1, 7L);
        Map<Integer, Long> committed = Map.of(0, 4L, 1, 7L);

        // When
        Map<Integer, Long> lag = OffsetLag.lag(end, OffsetLag.positions(end.keySet(), committed, Map.of(), Map.of()));

        // Then
        assertThat(lag).containsExactlyInAnyOrderEntriesOf(Map.of(0, 6L, 1, 0L));
    }

    @Test
    void shouldSumTheLagOfEveryPartition() {
        // Given
        Map<Integer, Long> end = Map.of(0, 10L, 1, 7L);
        Map<Integer, Long> lag = OffsetLag.lag(end, OffsetLag.positions(end.keySet(), Map.of(0, 4L, 1, 7L), Map.of(), Map.of()));

        // When
        long total = OffsetLag.sum(lag);

        // Then
        assertThat(total).isEqualTo(6);
    }

    @Test
    void shouldCountFromTheLogStartWhenTheGroupNeverCommitted() {
        // Given
        Map<Integer, Long> end = Map.of(0, 10L);
        Map<Integer, Long> logStart = Map.of(0, 3L);

        // When
        Map<Integer, Long> lag = OffsetLag.lag(end, OffsetLag.positions(end.keySet(), Map.of(), logStart, Map.of()));

        // Then
        assertThat(lag).containsEntry(0, 7L);
    }

    @Test
    void shouldCountFromTheGivenStartWhenTheGroupNeverCommitted() {
        // Given
        // the CKafka group starts at the offsets captured at the switch; it committed on partition 1 only
        Map<Integer, Long> end = Map.of(0, 12L, 1, 5L);
        Map<Integer, Long> start = Map.of(0, 9L, 1, 0L);

        // When
        Map<Integer, Long> lag = OffsetLag.lag(end, OffsetLag.positions(end.keySet(), Map.of(1, 4L), Map.of(), start));

        // Then
        assertThat(lag).containsExactlyInAnyOrderEntriesOf(Map.of(0, 3L, 1, 1L));
    }

    @Test
    void shouldNotCountRecordsThatRetentionRemovedBeforeTheGroupReadThem() {
        // Given
        // committed 5, but retention moved the log start to 15
        Map<Integer, Long> end = Map.of(0, 20L);

        // When
        Map<Integer, Long> lag = OffsetLag.lag(end, OffsetLag.positions(end.keySet(), Map.of(0, 5L), Map.of(0, 15L), Map.of()));

        // Then
        assertThat(lag).containsEntry(0, 5L);
    }

    @Test
    void shouldNeverReportANegativeLag() {
        // Given
        // a committed offset read a moment after the end offset
        Map<Integer, Long> end = Map.of(0, 10L);

        // When
        Map<Integer, Long> lag = OffsetLag.lag(end, Map.of(0, 11L));

        // Then
        assertThat(lag).containsEntry(0, 0L);
    }
}
