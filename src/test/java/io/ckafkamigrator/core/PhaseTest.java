package io.ckafkamigrator.core;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class PhaseTest {

    private static final Map<Phase, Set<Phase>> LEGAL = Map.of(
            Phase.LEGACY, EnumSet.of(Phase.DRAINING),
            Phase.DRAINING, EnumSet.of(Phase.CUTTING_OVER, Phase.MIGRATED),
            Phase.CUTTING_OVER, EnumSet.of(Phase.MIGRATED),
            Phase.MIGRATED, EnumSet.noneOf(Phase.class));

    @ParameterizedTest
    @EnumSource(Phase.class)
    void shouldAllowExactlyTheForwardTransitionsOfTheMigration(Phase from) {
        // Given
        Set<Phase> everyPhase = EnumSet.allOf(Phase.class);

        // When
        Set<Phase> allowed = everyPhase.stream().filter(from::canMoveTo)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Phase.class)));

        // Then
        assertThat(allowed).as("the phases " + from + " may move to").isEqualTo(LEGAL.get(from));
    }

    @ParameterizedTest
    @EnumSource(value = Phase.class, names = {"DRAINING", "CUTTING_OVER", "MIGRATED"})
    void shouldProduceToCkafkaInEveryPhaseAfterTheSwitch(Phase phase) {
        // Given
        // a phase the producer switch already led to

        // When
        Cluster cluster = phase.producerCluster();

        // Then
        assertThat(cluster).isEqualTo(Cluster.CKAFKA);
    }

    @ParameterizedTest
    @EnumSource(value = Phase.class, names = {"DRAINING", "CUTTING_OVER", "MIGRATED"})
    void shouldNeverMoveBackToLegacyAfterTheSwitch(Phase phase) {
        // Given
        // a phase the producer switch already led to

        // When
        boolean backToLegacy = phase.canMoveTo(Phase.LEGACY);

        // Then
        assertThat(backToLegacy).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Phase.class)
    void shouldRefuseAnIllegalMoveNamingTheCurrentPhase(Phase illegalTarget) {
        // Given
        MigrationState migrated = MigrationState.initial("orders", Instant.EPOCH)
                .moveTo(Phase.DRAINING, Instant.EPOCH).moveTo(Phase.MIGRATED, Instant.EPOCH);

        // When
        Throwable thrown = catchThrowable(() -> migrated.moveTo(illegalTarget, Instant.EPOCH));

        // Then
        assertThat(thrown).isInstanceOf(IllegalPhaseException.class).hasMessageContaining("MIGRATED");
    }

    @Test
    void shouldRecordWhenEachPhaseWasEnteredAndClearTheLastError() {
        // Given
        MigrationState failed = MigrationState.initial("orders", Instant.parse("2026-01-01T00:00:00Z")).withError("boom");

        // When
        MigrationState state = failed.moveTo(Phase.DRAINING, Instant.parse("2026-01-01T00:01:00Z"));

        // Then
        assertThat(state.transitions()).containsEntry(Phase.DRAINING, Instant.parse("2026-01-01T00:01:00Z"));
        assertThat(state.lastError()).isEmpty();
    }
}
