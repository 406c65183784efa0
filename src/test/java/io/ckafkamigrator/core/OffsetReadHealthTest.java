package io.ckafkamigrator.core;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When a topic whose offsets cannot be read makes readiness DOWN: once every read of a cluster
 * has failed for the grace, counted from the start of the first failed round, naming the topic,
 * the cluster and the last error; UP again at the first read that succeeds.
 */
class OffsetReadHealthTest {

    private static final long START = 1_000_000_000L;
    private static final long GRACE = OffsetReadHealth.GRACE.toNanos();

    private final OffsetReadHealth health = new OffsetReadHealth("orders");

    private static ClusterReadException failure(Cluster cluster, String why) {
        return new ClusterReadException(cluster, "end offsets of topic 'orders'", why, null);
    }

    @Test
    void shouldNotReportOneFailedRoundWithinTheGrace() {
        // Given
        health.failed(failure(Cluster.LEGACY, "no answer within 2000 ms"), START);

        // When
        Optional<String> problem = health.problem(Phase.DRAINING, START + GRACE - 1);

        // Then
        assertThat(problem).isEmpty();
    }

    @Test
    void shouldReportTheTopicTheClusterAndTheLastErrorOnceReadsFailedForTheGrace() {
        // Given
        health.failed(failure(Cluster.CKAFKA, "no answer within 2000 ms"), START);
        health.failed(failure(Cluster.CKAFKA, "connection refused"), START + Duration.ofSeconds(2).toNanos());

        // When
        Optional<String> problem = health.problem(Phase.DRAINING, START + GRACE);

        // Then
        assertThat(problem).get().asString().startsWith("topic 'orders' (DRAINING): the ckafka cluster's offsets")
                .endsWith("ckafka cluster: end offsets of topic 'orders': connection refused");
    }

    @Test
    void shouldBeReadyAgainOnceAReadOfTheFailingClusterSucceeds() {
        // Given
        health.failed(failure(Cluster.LEGACY, "no answer within 2000 ms"), START);
        health.read(Cluster.LEGACY);

        // When
        Optional<String> problem = health.problem(Phase.LEGACY, START + 2 * GRACE);

        // Then
        assertThat(problem).isEmpty();
    }

    @Test
    void shouldStillReportAClusterWhenOnlyTheOtherOneWasRead() {
        // Given
        health.failed(failure(Cluster.CKAFKA, "no answer within 2000 ms"), START);
        health.read(Cluster.LEGACY);

        // When
        Optional<String> problem = health.problem(Phase.CUTTING_OVER, START + GRACE);

        // Then
        assertThat(problem).get().asString().contains("the ckafka cluster's offsets");
    }

    @Test
    void shouldNotReportAMigratedTopicWhoseRoundsReadNothing() {
        // Given
        health.failed(failure(Cluster.LEGACY, "no answer within 2000 ms"), START);

        // When
        Optional<String> problem = health.problem(Phase.MIGRATED, START + GRACE);

        // Then
        assertThat(problem).isEmpty();
    }
}
