package io.ckafkamigrator.core;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class StateDirectoryCheckTest {

    @Test
    void shouldBeHealthyWhenTheDirectoryCanBeWrittenAndLeaveNothingBehind(@TempDir Path dir) throws Exception {
        // When
        var problem = new StateDirectoryCheck(dir).problem();

        // Then
        assertThat(problem).isEmpty();
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void shouldNameTheDirectoryWhenItIsMissing(@TempDir Path parent) {
        // Given
        Path dir = parent.resolve("state");

        // When
        var problem = new StateDirectoryCheck(dir).problem();

        // Then
        assertThat(problem).contains("state directory " + dir.toAbsolutePath() + " does not exist");
    }

    @Test
    void shouldNameTheDirectoryWhenAFileStandsInItsPlace(@TempDir Path parent) throws Exception {
        // Given
        Path dir = Files.writeString(parent.resolve("state"), "not a directory");

        // When
        var problem = new StateDirectoryCheck(dir).problem();

        // Then
        assertThat(problem).contains("state directory " + dir.toAbsolutePath() + " is not a directory");
    }

    @Test
    void shouldNameTheDirectoryWhenTheProbeFileCannotBeWritten(@TempDir Path dir) throws Exception {
        // Given: a directory where the probe file should go (works even for root, unlike permissions)
        Files.createDirectory(dir.resolve(StateDirectoryCheck.PROBE_FILE));

        // When
        var problem = new StateDirectoryCheck(dir).problem();

        // Then
        assertThat(problem).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith("state directory " + dir.toAbsolutePath() + " cannot be written: "));
    }

    @Test
    void shouldBeHealthyAgainOnceTheDirectoryIsBack(@TempDir Path parent) throws Exception {
        // Given
        Path dir = parent.resolve("state");
        StateDirectoryCheck check = new StateDirectoryCheck(dir);
        assertThat(check.problem()).isPresent();

        // When
        Files.createDirectory(dir);

        // Then
        assertThat(check.problem()).isEmpty();
    }
}
