package io.ckafkamigrator.camel;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.ckafkamigrator.core.Phase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The phase filter of GET /api/migrations: one or more phases, an unknown one refused naming the valid ones. */
class PhaseFilterTest {

    @Test
    void shouldKeepEveryPhaseWithoutTheParameter() {
        // Given
        Object header = null;

        // When
        Set<Phase> phases = PhaseFilter.parse(header);

        // Then
        assertThat(phases).isEqualTo(EnumSet.allOf(Phase.class));
    }

    @Test
    void shouldTakeCommaSeparatedPhasesInAnyLetterCase() {
        // Given
        String header = "DRAINING,cutting_over";

        // When
        Set<Phase> phases = PhaseFilter.parse(header);

        // Then
        assertThat(phases).containsExactlyInAnyOrder(Phase.DRAINING, Phase.CUTTING_OVER);
    }

    @Test
    void shouldTakeARepeatedParameter() {
        // Given
        List<String> header = List.of("LEGACY", "MIGRATED");

        // When
        Set<Phase> phases = PhaseFilter.parse(header);

        // Then
        assertThat(phases).containsExactlyInAnyOrder(Phase.LEGACY, Phase.MIGRATED);
    }

    @Test
    void shouldRefuseAnUnknownPhaseNamingTheValidOnes() {
        // Given
        String header = "DRAINING,DRAINED";

        // When
        HttpProblem problem = catchThrowableOfType(HttpProblem.class, () -> PhaseFilter.parse(header));

        // Then
        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.code()).isEqualTo("bad_parameter");
        assertThat(problem.getMessage())
                .isEqualTo("phase 'DRAINED' is not a phase; valid: LEGACY, DRAINING, CUTTING_OVER, MIGRATED");
    }

    @Test
    void shouldRefuseAnEmptyPhase() {
        // Given
        String header = "";

        // When
        HttpProblem problem = catchThrowableOfType(HttpProblem.class, () -> PhaseFilter.parse(header));

        // Then
        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.getMessage()).startsWith("phase '' is not a phase");
    }
}
