package io.ckafkamigrator.core;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class StateDirectoryLockTest {

    @TempDir
    Path dir;

    @Test
    void shouldRefuseASecondLockOfTheSameDirectoryNamingTheHolder() {
        // Given
        try (StateDirectoryLock first = StateDirectoryLock.acquire(dir)) {

            // When
            Throwable thrown = catchThrowable(() -> StateDirectoryLock.acquire(dir));

            // Then
            assertThat(thrown).isInstanceOf(StateStoreException.class)
                    .hasMessageContaining("in use by another instance (pid=" + ProcessHandle.current().pid() + " host=");
            assertThat(first).isNotNull();
        }
    }

    @Test
    void shouldLetTheNextInstanceLockOnceTheFirstReleased() throws Exception {
        // Given
        StateDirectoryLock.acquire(dir).close();

        // When
        Throwable thrown = catchThrowable(() -> StateDirectoryLock.acquire(dir).close());

        // Then
        assertThat(thrown).isNull();
        assertThat(Files.readString(dir.resolve(StateDirectoryLock.FILE_NAME)))
                .startsWith("pid=" + ProcessHandle.current().pid());
    }
}
