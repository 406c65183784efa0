package io.ckafkamigrator.core;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether one topic's offsets can be read, as its monitor rounds found them, per cluster: what
 * readiness shows for the topic.
 *
 * <ol>
 *   <li>A cluster is failing for the topic from the start of the first round whose read of it
 *       failed, until a round reads it again; every failure in between keeps that start and
 *       brings its own error.</li>
 *   <li>{@link #problem} reports a cluster only once it has been failing for {@link #GRACE}: one
 *       failed round (a leader election, a broker restart) does not flap readiness, yet a
 *       cluster that stays unreadable shows within seconds. A round that waits for its call's
 *       timeout counts from its start, so the timeout is not added to the grace.</li>
 *   <li>A MIGRATED topic reads nothing in its rounds: it reports no problem (the cluster checks
 *       cover CKafka's reachability).</li>
 * </ol>
 *
 * <p>Concurrency: written by the topic's monitor thread (and a request's switch), read by health
 * checks on HTTP threads; the methods are synchronized.
 */
final class OffsetReadHealth {

    /** How long every read of a cluster must have failed before readiness reports it. */
    static final Duration GRACE = Duration.ofSeconds(3);
    // One logger for every line of a topic's migration, whichever step writes it.
    private static final Logger LOG = LoggerFactory.getLogger(TopicMigration.class);

    private record Failing(long sinceNanos, String error) {
    }

    private final String topic;
    private final Map<Cluster, Failing> failing = new EnumMap<>(Cluster.class);

    OffsetReadHealth(String topic) {
        this.topic = topic;
    }

    /** A read of {@code error.cluster()} in the round begun at {@code roundStartNanos} failed. */
    synchronized void failed(ClusterReadException error, long roundStartNanos) {
        Failing before = failing.get(error.cluster());
        if (before == null) {
            LOG.warn("Offsets not read: topic={} cluster={} error={}", topic, error.cluster(), error.getMessage());
        }
        long since = before == null ? roundStartNanos : before.sinceNanos();
        failing.put(error.cluster(), new Failing(since, error.getMessage()));
    }

    /** A read of {@code cluster} succeeded. */
    synchronized void read(Cluster cluster) {
        if (failing.remove(cluster) != null) {
            LOG.info("Offsets read again: topic={} cluster={}", topic, cluster);
        }
    }

    /** Why the topic is not ready at {@code nowNanos} ({@link System#nanoTime()}), if it is not. */
    synchronized Optional<String> problem(Phase phase, long nowNanos) {
        if (phase == Phase.MIGRATED) {
            return Optional.empty();
        }
        for (Map.Entry<Cluster, Failing> e : failing.entrySet()) {
            long failingNanos = nowNanos - e.getValue().sinceNanos();
            if (failingNanos >= GRACE.toNanos()) {
                return Optional.of("topic '" + topic + "' (" + phase + "): the " + e.getKey().id()
                        + " cluster's offsets have not been read for " + Duration.ofNanos(failingNanos).toSeconds()
                        + " s: " + e.getValue().error());
            }
        }
        return Optional.empty();
    }
}
