package io.ckafkamigrator.core;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The control's shutdown with its own threads, as in the app: no broker, no Camel. */
class ControlShutdownTest {

    private static final TopicConfig ORDERS = new TopicConfig("orders", "orders", "orders", "legacy-group",
            "ckafka-group", Ordering.ORDERED, false);

    private final FakeClusterOffsets legacy = new FakeClusterOffsets();
    private final ProducerSwitch producers = new ProducerSwitch();
    private final InMemoryStateStore store = new InMemoryStateStore();
    private final RecordingRoutes routes = new RecordingRoutes();
    private final CountDownLatch legacyRetired = new CountDownLatch(1);

    /** Stops the handoff a while with the legacy gate retired, before it saves MIGRATED. */
    private final HandoffFaultHook slowHandoff = (topic, step) -> {
        if (step == HandoffFaultHook.Step.LEGACY_RETIRED) {
            legacyRetired.countDown();
            Thread.sleep(500);
        }
    };

    @Test
    void shouldReturnFromCloseOnlyOnceAHandoffUnderWaySavedItsOutcome() throws Exception {
        // Given
        // drained and waiting, then requested: the handoff runs on a handoff thread of the control's own
        MigrationServices services = new MigrationServices(store, new Clusters<>(legacy, new FakeClusterOffsets()),
                routes, producers, Clock.systemUTC(), AuditTrail.NONE, slowHandoff, Consumers.IDENTITY);
        MigrationControl control = new MigrationControl(List.of(ORDERS), services);
        control.load();
        control.startConsumers();
        legacy.end.put(0, 5L);
        control.switchProducer("orders");
        Consumers.waitAtStartOffsets(control.migration("orders"));
        legacy.committed.put(0, 5L);
        control.migration("orders").legacyCommitted(Map.of(0, 5L));
        control.requestCutover("orders");
        boolean handoffUnderWay = legacyRetired.await(10, TimeUnit.SECONDS);

        // When
        control.close();

        // Then
        assertThat(handoffUnderWay).isTrue();
        assertThat(store.saved.get("orders").phase()).isEqualTo(Phase.MIGRATED);
        assertThat(routes.stopped).containsExactly("orders-legacy-consumer");
    }
}
