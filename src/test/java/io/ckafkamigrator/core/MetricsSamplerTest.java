package io.ckafkamigrator.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The sampler's numbers in each phase, with in-memory clusters: no broker, no Camel, no thread. */
class MetricsSamplerTest {

    private static final TopicConfig ORDERS = new TopicConfig("orders", "orders", "orders", "legacy-group",
            "ckafka-group", Ordering.ORDERED, false);

    /** A clock the test moves. */
    private static final class StepClock extends Clock {
        private Instant now = Instant.parse("2026-11-22T10:00:00Z");

        void advance(Duration step) {
            now = now.plus(step);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private final FakeClusterOffsets legacy = new FakeClusterOffsets();
    private final FakeClusterOffsets ckafka = new FakeClusterOffsets();
    private final StepClock clock = new StepClock();
    private final RecordCounts delivered = new RecordCounts();
    private MigrationControl control;
    private MetricsSampler sampler;

    @BeforeEach
    void start() {
        StateStore store = new InMemoryStateStore();
        RouteControl routes = new RouteControl() {
            @Override
            public void start(String routeId) {
            }

            @Override
            public void stop(String routeId, Duration timeout) {
            }
        };
        control = new MigrationControl(List.of(ORDERS), new MigrationServices(store, new Clusters<>(legacy, ckafka), routes,
                new ProducerSwitch(), clock, Consumers.IDENTITY), Runnable::run);
        control.load();
        control.startConsumers();
        sampler = new MetricsSampler(control, legacy, ckafka, delivered, clock);
    }

    private TopicSample sample() {
        sampler.sampleAll();
        return sampler.latest("orders").orElseThrow();
    }

    @Test
    void shouldReportTheLegacyGroupLagPerPartitionBeforeTheSwitch() {
        // Given
        legacy.end.putAll(Map.of(0, 10L, 1, 4L));
        legacy.committed.put(0, 6L);

        // When
        TopicSample sample = sample();

        // Then
        assertThat(sample.legacyRemaining()).containsExactlyInAnyOrderEntriesOf(Map.of(0, 4L, 1, 4L));
        assertThat(sample.legacyRemainingTotal()).isEqualTo(8);
        assertThat(sample.strayWrites()).hasValue(0);
        assertThat(sample.ckafkaBacklog()).isZero();
        assertThat(sample.drainEtaSeconds()).isNaN();
        assertThat(sampler.drainEtaSeconds("orders")).isEmpty();
    }

    @Test
    void shouldUseTheMonitorsDrainReportAndEstimateTheTimeLeftWhileDraining() throws Exception {
        // Given
        // switched with 10 records left in legacy; 3 records heaped up in CKafka
        legacy.end.put(0, 10L);
        control.switchProducer("orders");
        ckafka.end.put(0, 3L);
        control.tick();
        sample();
        // afterwards the legacy consumer delivered and committed 5 records in one second, and someone
        // wrote 2 more to legacy
        for (int i = 0; i < 5; i++) {
            delivered.increment("orders", "orders-legacy-consumer");
        }
        legacy.committed.put(0, 5L);
        legacy.end.put(0, 12L);
        control.tick();
        clock.advance(Duration.ofSeconds(1));

        // When
        TopicSample sample = sample();

        // Then
        assertThat(sample.legacyRemaining()).containsExactlyEntriesOf(Map.of(0, 5L));
        assertThat(sample.strayWrites()).hasValue(2);
        assertThat(sample.ckafkaBacklog()).isEqualTo(3);
        assertThat(sample.drainEtaSeconds()).isCloseTo(1.0, within(1e-9));
        assertThat(sampler.drainEtaSeconds("orders")).hasValueCloseTo(1.0, within(1e-9));
    }

    @Test
    void shouldReportNothingLeftAndStrayWritesUnmeasuredWithoutAskingLegacyAfterTheHandoff() throws Exception {
        // Given
        // handed over with the legacy group at the drain target
        legacy.end.put(0, 5L);
        control.switchProducer("orders");
        control.requestCutover("orders");
        legacy.committed.put(0, 5L);
        Consumers.waitAtStartOffsets(control.migration("orders"));
        control.tick();
        Phase handedOver = control.state("orders").phase();
        // afterwards legacy is switched off: it answers nothing
        legacy.endOffsetFailures = Integer.MAX_VALUE;

        // When
        TopicSample sample = sample();

        // Then
        assertThat(handedOver).isEqualTo(Phase.MIGRATED);
        assertThat(sampler.errors("orders")).isZero();
        assertThat(sample.legacyRemaining()).containsExactlyEntriesOf(Map.of(0, 0L));
        assertThat(sample.strayWrites()).isEmpty();
        assertThat(sample.drainEtaSeconds()).isZero();
    }

    @Test
    void shouldKeepTheLastSampleAndCountTheErrorWhenAClusterDoesNotAnswer() {
        // Given
        legacy.end.put(0, 4L);
        TopicSample before = sample();
        clock.advance(Duration.ofSeconds(2));
        legacy.endOffsetFailures = 1;

        // When
        sampler.sampleAll();

        // Then
        assertThat(sampler.errors("orders")).isEqualTo(1);
        assertThat(sampler.latest("orders")).contains(before);
    }

    @Test
    void shouldSampleAgainOnceTheClusterAnswersAgain() {
        // Given
        // one sample, then one round the legacy cluster did not answer
        legacy.end.put(0, 4L);
        TopicSample before = sample();
        clock.advance(Duration.ofSeconds(2));
        legacy.endOffsetFailures = 1;
        sampler.sampleAll();

        // When
        TopicSample after = sample();

        // Then
        assertThat(after.sampledAtMillis()).isGreaterThan(before.sampledAtMillis());
    }
}
