package io.ckafkamigrator.camel;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class WaitParameterTest {

    @ParameterizedTest
    @CsvSource({"0,0", "1,1", "007,7", "300,300"})
    void shouldTakeWholeSecondsFromZeroTo300(String raw, int seconds) {
        // Given
        // a whole number of seconds in range, as the query string carries it

        // When
        int wait = MigrationApi.waitSeconds(raw);

        // Then
        assertThat(wait).isEqualTo(seconds);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "-1", "301", "99999999999999999999", "1e3", " 1", "+1", "0x10", "1.5", "NaN",
            "\u0661", "\uff11"})
    void shouldAnswerBadParameterToAnythingElse(String raw) {
        // Given
        // a value out of range, not a plain decimal, or made of non-ASCII digits

        // When
        Throwable thrown = catchThrowable(() -> MigrationApi.waitSeconds(raw));

        // Then
        assertThat(thrown).isInstanceOf(HttpProblem.class)
                .hasMessageContaining("wait must be a whole number of seconds from 0 to 300");
    }
}
