package io.ckafkamigrator.core;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class ConsumerIdentityTest {

    @TempDir
    Path stateDir;

    @Test
    void shouldKnowItsOwnConsumersOfEveryTopicAndNoOneElses() {
        // Given
        ConsumerIdentity ours = new ConsumerIdentity("ab12cd");

        // When
        String clientId = ours.clientId("orders", 3);

        // Then
        assertThat(clientId).isEqualTo("ckafka-migrator-ab12cd-orders-3");
        assertThat(ours.isOurs(clientId)).isTrue();
        assertThat(ours.isOurs("ckafka-migrator-ff00ff-orders-1")).isFalse();
        assertThat(ours.isOurs("consumer-orders-consumer-ckafka-1")).isFalse();
        assertThat(ours.isOurs(null)).isFalse();
    }

    @Test
    void shouldKeepTheInstanceIdOfAStateDirectoryAcrossRestarts() {
        // Given
        ConsumerIdentity first = InstanceIdFile.readOrCreate(stateDir);

        // When
        ConsumerIdentity again = InstanceIdFile.readOrCreate(stateDir);

        // Then
        assertThat(again.instanceId()).isEqualTo(first.instanceId());
        assertThat(stateDir.resolve("instance-id")).exists();
    }

    @Test
    void shouldTagTheRecordsOfEachRunApartThoughTheInstanceIdIsKept() {
        // Given
        ConsumerIdentity first = InstanceIdFile.readOrCreate(stateDir);

        // When
        ConsumerIdentity again = InstanceIdFile.readOrCreate(stateDir);

        // Then
        assertThat(again.recordTag()).startsWith(first.instanceId() + "-").isNotEqualTo(first.recordTag());
        assertThat(again.clientId("orders", 1)).isEqualTo(first.clientId("orders", 1));
    }

    @Test
    void shouldRefuseAnInstanceIdFileThatWasTamperedWith() throws Exception {
        // Given
        Files.writeString(stateDir.resolve("instance-id"), "Not An Id!\n");

        // When
        Throwable thrown = catchThrowable(() -> InstanceIdFile.readOrCreate(stateDir));

        // Then
        assertThat(thrown).isInstanceOf(StateStoreException.class).hasMessageContaining("instance-id");
    }
}
