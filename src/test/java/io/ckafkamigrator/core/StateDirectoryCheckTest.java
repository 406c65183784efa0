package io.ckafkamigrator.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class StateDirectoryCheckTest {

    @Test
    void shouldBeHealthyWhenTheDirectoryCanBeWrittenAndLeaveNothingBehind(@TempDir Path dir) throws Exception {
        // Given
        StateDirectoryCheck check = new StateDirectoryCheck(dir);

        // When
        Optional<String> problem = check.problem();

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
        StateDirectoryCheck check = new StateDirectoryCheck(dir);

        // When
        Optional<String> problem = check.problem();

        // Then
        assertThat(problem).contains("state directory " + dir.toAbsolutePath() + " does not exist");
    }

    @Test
    void shouldNameTheDirectoryWhenAFileStandsInItsPlace(@TempDir Path parent) throws Exception {
        // Given
        Path dir = Files.writeString(parent.resolve("state"), "not a directory");
        StateDirectoryCheck check = new StateDirectoryCheck(dir);

        // When
        Optional<String> problem = check.problem();

        // Then
        assertThat(problem).contains("state directory " + dir.toAbsolutePath() + " is not a directory");
    }

    @Test
    void shouldNameTheDirectoryWhenTheProbeFileCannotBeWritten(@TempDir Path dir) throws Exception {
        // Given
        // a directory where the probe file should go (works even for root, unlike permissions)
        Files.createDirectory(dir.resolve(StateDirectoryCheck.PROBE_FILE));
        StateDirectoryCheck check = new StateDirectoryCheck(dir);

        // When
        Optional<String> problem = check.problem();

        // Then
        assertThat(problem).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith("state directory " + dir.toAbsolutePath() + " cannot be written: "));
    }

    @Test
    void shouldBeHealthyAgainOnceTheDirectoryIsBack(@TempDir Path parent) throws Exception {
        // Given
        Path dir = parent.resolve("state");
        StateDirectoryCheck check = new StateDirectoryCheck(dir);
        Optional<String> whileMissing = check.problem();
        Files.createDirectory(dir);

        // When
        Optional<String> onceBack = check.problem();

        // Then
        assertThat(whileMissing).isPresent();
        assertThat(onceBack).isEmpty();
    }
}
