package io.ckafkamigrator.camel;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WaitParameterTest {

    @ParameterizedTest
    @CsvSource({"0,0", "1,1", "007,7", "300,300"})
    void givenWholeSecondsInRange_whenParsed_thenTaken(String raw, int seconds) {
        assertThat(MigrationApi.waitSeconds(raw)).isEqualTo(seconds);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "-1", "301", "99999999999999999999", "1e3", " 1", "+1", "0x10", "1.5", "NaN",
            "\u0661", "\uff11"})
    void givenAnythingElse_whenParsed_thenBadParameter(String raw) {
        assertThatThrownBy(() -> MigrationApi.waitSeconds(raw))
                .isInstanceOf(HttpProblem.class)
                .hasMessageContaining("wait must be a whole number of seconds from 0 to 300");
    }
}
