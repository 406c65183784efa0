package io.ckafkamigrator.core;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * One preflight of some topics: reads each topic's facts from both clusters, its saved state and
 * the legacy consumer's rate, then gives {@link Preflight}'s verdicts. Legacy is not read for a
 * MIGRATED topic (it may be switched off by now). Reads only. The topics of {@link #all} are
 * checked at once, a few at a time, each on a thread of its own: their reads wait for the
 * clusters side by side (and, through the batched offset reads, travel in the same calls),
 * so a hundred topics take the time of a few, not of a hundred. The report keeps their order.
 *
 * @param clusters the two clusters' readers
 * @param states   a topic's saved state by its name (read lazily; a failure is unknown, not thrown)
 * @param rates    the legacy consumer's records per second by topic name, where measured
 * @param identity this app's instance on the state directory, if it has one
 * @param stateDir the state directory
 */
public record PreflightRun(Preflight preflight, Clusters<ClusterFacts> clusters,
                           Function<String, Optional<MigrationState>> states, Function<String, OptionalDouble> rates,
                           Optional<ConsumerIdentity> identity, Path stateDir) {

    public PreflightReport all(List<TopicConfig> topics) {
        PreflightCheck directory = Preflight.stateDirectory(stateDir);
        return new PreflightReport(InParallel.map(topics, PARALLELISM, "migration-preflight-", topic -> topic(topic, directory)));
    }

    /** Topics checked at once. */
    private static final int PARALLELISM = 16;

    public TopicPreflight topic(TopicConfig topic) {
        return topic(topic, Preflight.stateDirectory(stateDir));
    }

    private TopicPreflight topic(TopicConfig topic, PreflightCheck directory) {
        Known<Optional<MigrationState>> saved = Known.read(() -> states.apply(topic.name()));
        boolean migrated = saved.known() && saved.value().map(s -> s.phase() == Phase.MIGRATED).orElse(false);
        ClusterTopicFacts legacy = migrated ? notRead(topic) : clusters.legacy().read(topic.legacyTopic(), topic.legacyGroup());
        ClusterTopicFacts ckafka = clusters.ckafka().read(topic.ckafkaTopic(), topic.ckafkaGroup());
        TopicFacts facts = new TopicFacts(topic, legacy, ckafka, saved, rates.apply(topic.name()), identity);
        return preflight.check(facts, directory);
    }

    private static ClusterTopicFacts notRead(TopicConfig topic) {
        return ClusterTopicFacts.unreadable(Cluster.LEGACY.id(), topic.legacyTopic(), topic.legacyGroup(),
                "not read: topic '" + topic.name() + "' is MIGRATED");
    }
}
