package io.ckafkamigrator.core;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The monitor's rounds tell a topic's readiness which cluster they could not read: a LEGACY
 * topic's rounds read what its switch will need, a draining topic's rounds its drain; a round
 * that reads again makes it ready.
 */
class OffsetReadRoundsTest {

    private static final TopicConfig ORDERS = new TopicConfig("orders", "orders", "orders", "legacy-group",
            "ckafka-group", Ordering.UNORDERED, false);
    private static final long AFTER_GRACE = OffsetReadHealth.GRACE.toNanos();

    private final FakeClusterOffsets legacy = new FakeClusterOffsets();
    private final FakeClusterOffsets ckafka = new FakeClusterOffsets();
    private final MigrationControl control = started();

    private MigrationControl started() {
        MigrationServices services = new MigrationServices(new InMemoryStateStore(), new Clusters<>(legacy, ckafka),
                new RecordingRoutes(), new ProducerSwitch(), Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"),
                ZoneOffset.UTC), AuditTrail.NONE, HandoffFaultHook.NONE, Consumers.IDENTITY);
        MigrationControl started = new MigrationControl(List.of(ORDERS), services, Runnable::run);
        started.load();
        return started;
    }

    private Optional<String> problemAfterTheGrace() {
        return control.migration("orders").offsetReadProblem(System.nanoTime() + AFTER_GRACE);
    }

    @Test
    void shouldReportALegacyTopicWhoseSwitchCouldNotBeMeasured() {
        // Given
        ckafka.endOffsetFailures = 1;

        // When
        control.tick();

        // Then
        assertThat(problemAfterTheGrace()).get().asString().startsWith("topic 'orders' (LEGACY): the ckafka cluster's")
                .contains("ckafka cluster: end offsets of topic 'orders': cluster did not answer");
    }

    @Test
    void shouldReportADrainingTopicWhoseDrainCouldNotBeMeasured() throws Exception {
        // Given
        control.switchProducer("orders");
        legacy.endOffsetFailures = 1;

        // When
        control.tick();

        // Then
        assertThat(problemAfterTheGrace()).get().asString().startsWith("topic 'orders' (DRAINING): the legacy cluster's")
                .contains("cluster did not answer");
    }

    @Test
    void shouldBeReadyAgainOnceARoundMeasuresTheDrain() throws Exception {
        // Given
        control.switchProducer("orders");
        legacy.endOffsetFailures = 1;
        control.tick();

        // When
        control.tick();

        // Then
        assertThat(problemAfterTheGrace()).isEmpty();
    }
}
