package io.ckafkamigrator.core;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExpiredRecordsTest {

    @Test
    void shouldCountAGapOnceHoweverOftenItIsSeen() {
        // Given
        ExpiredRecords expired = new ExpiredRecords();
        expired.observe(0, 10, 25);

        // When
        boolean again = expired.observe(0, 10, 25);

        // Then
        assertThat(again).isFalse();
        assertThat(expired.byPartition()).isEqualTo(Map.of(0, 15L));
    }

    @Test
    void shouldKeepTheCountOnceTheConsumerResumedPastTheGap() {
        // Given
        // 15 records expired, the consumer reset to the log start and read on to 40; then
        // retention deleted up to 50 while it read at 40
        ExpiredRecords expired = new ExpiredRecords();
        expired.observe(0, 10, 25);
        expired.observe(0, 40, 25);

        // When
        expired.observe(0, 40, 50);

        // Then
        assertThat(expired.total()).isEqualTo(25);
    }

    @Test
    void shouldCountNothingWhileTheLogStartsAtOrBelowWhereTheConsumerReads() {
        // Given
        ExpiredRecords expired = new ExpiredRecords();

        // When
        boolean found = expired.observe(0, 10, 10);

        // Then
        assertThat(found).isFalse();
        assertThat(expired.byPartition()).isEmpty();
    }

    @Test
    void shouldForgetAcceptedPartitionsButCountLaterDeletions() {
        // Given
        ExpiredRecords expired = new ExpiredRecords();
        expired.observe(0, 10, 25);
        expired.observe(1, 0, 5);
        expired.accept(List.of(0));

        // When
        expired.observe(0, 25, 30);

        // Then
        assertThat(expired.byPartition()).isEqualTo(Map.of(0, 5L, 1, 5L));
    }
}
