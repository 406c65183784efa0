package io.ckafkamigrator.core;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DrainRuleTest {

    private static final DrainRule.ConsumableProbe EVERY_OFFSET_IS_A_RECORD = (p, from, to) -> from < to;
    private static final DrainRule.ConsumableProbe NOTHING_CONSUMABLE = (p, from, to) -> false;

    @Test
    void shouldBeDrainedWhenEveryPartitionIsCommittedUpToItsTarget() {
        // Given
        Map<Integer, Long> target = Map.of(0, 10L, 1, 5L);
        Map<Integer, Long> committed = Map.of(0, 10L, 1, 5L);

        // When
        DrainReport report = DrainRule.evaluate(target, committed, Map.of(0, 0L, 1, 0L), Map.of(0, 10L, 1, 5L),
                EVERY_OFFSET_IS_A_RECORD);

        // Then
        assertThat(report.drained()).isTrue();
        assertThat(report.readyForHandoff()).isTrue();
    }

    @Test
    void shouldCountWhatIsLeftWhenTheGroupIsBehind() {
        // Given
        Map<Integer, Long> target = Map.of(0, 10L, 1, 5L);
        Map<Integer, Long> committed = Map.of(0, 7L, 1, 5L);

        // When
        DrainReport report = DrainRule.evaluate(target, committed, Map.of(0, 0L, 1, 0L), Map.of(0, 10L, 1, 5L),
                EVERY_OFFSET_IS_A_RECORD);

        // Then
        assertThat(report.drained()).isFalse();
        assertThat(report.remaining()).isEqualTo(3);
    }

    @Test
    void shouldBeDrainedWhenOnlyATransactionMarkerLiesBeforeTheTarget() {
        // Given
        // records 0..8 committed as 9; offset 9 is the commit marker, end is 10
        DrainRule.ConsumableProbe markerOnly = (p, from, to) -> from < 9;

        // When
        DrainReport report = DrainRule.evaluate(Map.of(0, 10L), Map.of(0, 9L), Map.of(0, 0L), Map.of(0, 10L), markerOnly);

        // Then
        assertThat(report.drained()).isTrue();
    }

    @Test
    void shouldBeDrainedWhenCompactionRemovedEveryOffsetBetweenCommittedAndTarget() {
        // Given
        // committed 60, target 100, and no record left in between
        DrainRule.ConsumableProbe compacted = NOTHING_CONSUMABLE;

        // When
        DrainReport report = DrainRule.evaluate(Map.of(0, 100L), Map.of(0, 60L), Map.of(0, 0L), Map.of(0, 100L), compacted);

        // Then
        assertThat(report.drained()).isTrue();
    }

    @Test
    void shouldResumeFromTheLogStartWhenRetentionRemovedUnreadRecords() {
        // Given
        // committed 10, but retention moved the log start to 40; target 50
        Map<Integer, Long> committed = Map.of(0, 10L);
        Map<Integer, Long> logStart = Map.of(0, 40L);

        // When
        DrainReport report = DrainRule.evaluate(Map.of(0, 50L), committed, logStart, Map.of(0, 50L), EVERY_OFFSET_IS_A_RECORD);

        // Then
        assertThat(report.remaining()).isEqualTo(10);
        assertThat(report.partitions().get(0).committed()).hasValue(10);
    }

    @Test
    void shouldTreatAPartitionNeverWrittenAsDrainedWithoutAnyCommit() {
        // Given
        // partition 0 has target 0 and no commit; partition 1 is committed up to its target
        Map<Integer, Long> target = Map.of(0, 0L, 1, 3L);
        Map<Integer, Long> committed = Map.of(1, 3L);

        // When
        DrainReport report = DrainRule.evaluate(target, committed, Map.of(0, 0L, 1, 0L), Map.of(0, 0L, 1, 3L),
                EVERY_OFFSET_IS_A_RECORD);

        // Then
        assertThat(report.drained()).isTrue();
        assertThat(report.partitions().get(0).committed()).isEmpty();
    }

    @Test
    void shouldNotBeDrainedWhenAGroupWithoutCommitsStillHasRecordsToRead() {
        // Given
        Map<Integer, Long> noCommits = Map.of();

        // When
        DrainReport report = DrainRule.evaluate(Map.of(0, 4L), noCommits, Map.of(0, 0L), Map.of(0, 4L), EVERY_OFFSET_IS_A_RECORD);

        // Then
        assertThat(report.drained()).isFalse();
        assertThat(report.remaining()).isEqualTo(4);
    }

    @Test
    void shouldReportStrayWritesAndHoldTheHandoffEvenWhenDrained() {
        // Given
        // the group read up to the target, but legacy grew by 2 after the switch
        Map<Integer, Long> committed = new HashMap<>(Map.of(0, 10L));

        // When
        DrainReport report = DrainRule.evaluate(Map.of(0, 10L), committed, Map.of(0, 0L), Map.of(0, 12L),
                EVERY_OFFSET_IS_A_RECORD);

        // Then
        assertThat(report.drained()).isTrue();
        assertThat(report.strayWrites()).isEqualTo(2);
        assertThat(report.readyForHandoff()).isFalse();
    }

    @Test
    void shouldAskTheProbeOnlyAboutTheRangeBeforeTheTarget() {
        // Given
        long[] asked = new long[2];
        DrainRule.ConsumableProbe recording = (p, from, to) -> {
            asked[0] = from;
            asked[1] = to;
            return true;
        };

        // When
        DrainRule.evaluate(Map.of(0, 20L), Map.of(0, 15L), Map.of(0, 0L), Map.of(0, 25L), recording);

        // Then
        assertThat(asked).containsExactly(15, 20);
    }

    @Test
    void shouldCountOnlyWhatTheStrayProbeFindsPastTheTarget() {
        // Given
        // legacy grew by 5 after the switch: an aborted transaction (3 records and its marker)
        // and one late append of this app's own send
        DrainRule.StrayProbe abortedAndOneOfOurs = (p, target, end) -> new StrayCount(0, 1);

        // When
        DrainReport report = DrainRule.evaluate(Map.of(0, 10L), Map.of(0, 10L), Map.of(0, 0L), Map.of(0, 15L),
                EVERY_OFFSET_IS_A_RECORD, abortedAndOneOfOurs);

        // Then
        assertThat(report.strayWrites()).isZero();
        assertThat(report.lateAppends()).isEqualTo(1);
        assertThat(report.readyForHandoff()).isTrue();
    }

    @Test
    void shouldReportRecordsRetentionRemovedBeforeTheGroupReadThem() {
        // Given
        // the group committed 4, retention moved the log start to 7
        Map<Integer, Long> committed = Map.of(0, 4L);

        // When
        DrainReport report = DrainRule.evaluate(Map.of(0, 10L), committed, Map.of(0, 7L), Map.of(0, 10L),
                EVERY_OFFSET_IS_A_RECORD);

        // Then
        assertThat(report.expired()).isEqualTo(3);
        assertThat(report.remaining()).isEqualTo(3);
    }
}
