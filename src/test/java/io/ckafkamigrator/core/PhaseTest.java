package io.ckafkamigrator.core;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PhaseTest {

    private static final Map<Phase, Set<Phase>> LEGAL = Map.of(
            Phase.LEGACY, EnumSet.of(Phase.DRAINING),
            Phase.DRAINING, EnumSet.of(Phase.CUTTING_OVER, Phase.MIGRATED),
            Phase.CUTTING_OVER, EnumSet.of(Phase.MIGRATED),
            Phase.MIGRATED, EnumSet.noneOf(Phase.class));

    @ParameterizedTest
    @EnumSource(Phase.class)
    void shouldAllowExactlyTheForwardTransitionsOfTheMigration(Phase from) {
        for (Phase to : Phase.values()) {
            assertThat(from.canMoveTo(to)).as(from + " -> " + to).isEqualTo(LEGAL.get(from).contains(to));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Phase.class, names = {"DRAINING", "CUTTING_OVER", "MIGRATED"})
    void shouldNeverSendTheProducerBackToLegacyAfterTheSwitch(Phase phase) {
        assertThat(phase.producerCluster()).isEqualTo(Cluster.CKAFKA);
        assertThat(phase.canMoveTo(Phase.LEGACY)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Phase.class)
    void shouldRefuseAnIllegalMoveNamingTheCurrentPhase(Phase illegalTarget) {
        // Given
        MigrationState migrated = MigrationState.initial("orders", Instant.EPOCH)
                .moveTo(Phase.DRAINING, Instant.EPOCH).moveTo(Phase.MIGRATED, Instant.EPOCH);

        // When / Then
        assertThatThrownBy(() -> migrated.moveTo(illegalTarget, Instant.EPOCH))
                .isInstanceOf(IllegalPhaseException.class).hasMessageContaining("MIGRATED");
    }

    @Test
    void shouldRecordWhenEachPhaseWasEnteredAndClearTheLastError() {
        MigrationState state = MigrationState.initial("orders", Instant.parse("2026-01-01T00:00:00Z"))
                .withError("boom")
                .moveTo(Phase.DRAINING, Instant.parse("2026-01-01T00:01:00Z"));

        assertThat(state.transitions()).containsEntry(Phase.DRAINING, Instant.parse("2026-01-01T00:01:00Z"));
        assertThat(state.lastError()).isEmpty();
    }
}
