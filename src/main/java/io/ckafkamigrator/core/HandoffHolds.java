package io.ckafkamigrator.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What holds one topic's handoff besides the drain, as the monitor's measurement found it:
 * CKafka records retention deleted below the start offsets before the CKafka consumer read
 * them ({@code ckafka_backlog_expired}; the consumer would reset to the log start and skip
 * them), and partitions added to either topic since the switch ({@code partitions_changed}).
 * It also keeps the legacy records retention removed before the legacy group read them: they
 * are reported and audited, and do not hold the handoff (nothing can bring them back).
 *
 * <p>Concurrency: {@link #measure} runs on the monitor's thread without the topic's lock (it
 * reads both clusters, once a second); {@link #verify} and {@link #verifyPartitionsNow} on the
 * thread that holds the lock; the operator's acceptances under the lock too. The findings are
 * thread-safe values; the partitions' finding is published only for the partitions it was
 * measured against, so a measurement that an acceptance overtook is dropped, not published.
 */
final class HandoffHolds {

    private static final Logger LOG = LoggerFactory.getLogger(TopicMigration.class);
    /** How often the clusters' partitions and CKafka log starts are read (each read is two round trips). */
    static final long CHECK_INTERVAL_NANOS = 1_000_000_000L;

    private final TopicMigration migration;
    private final TopicConfig topic;
    private final MigrationServices services;
    private final ExpiredRecords ckafkaExpired = new ExpiredRecords();
    private final ExpiredRecords legacyExpired = new ExpiredRecords();
    private final AtomicReference<PartitionFinding> partitions = new AtomicReference<>(PartitionFinding.UNCHECKED);
    /** {@link System#nanoTime()} of the last read of the clusters (monitor thread only); due at once. */
    private final Cadence checks = new Cadence(CHECK_INTERVAL_NANOS);

    /**
     * The last look at both topics' partitions: {@code generation} counts the operator's
     * acceptances of new partitions, so a look that began before one is told apart and dropped.
     */
    private record PartitionFinding(long generation, boolean checked, PartitionChange change) {
        static final PartitionFinding UNCHECKED = new PartitionFinding(0, false, PartitionChange.NONE);
    }

    HandoffHolds(TopicMigration migration, MigrationServices services) {
        this.migration = migration;
        this.topic = migration.config();
        this.services = services;
    }

    /**
     * After a drain measurement: counts the legacy records expired before the group read them
     * and, once a second, reads both topics' partitions and the CKafka log starts.
     *
     * @return whether it read CKafka this time
     */
    boolean measure(MigrationState state, DrainReport report) {
        for (PartitionDrain p : report.partitions()) {
            if (p.committed().isPresent() && legacyExpired.observe(p.partition(), p.committed().getAsLong(), p.logStart())) {
                expired("legacy-records-expired", Cluster.LEGACY, p.partition(), legacyExpired.byPartition());
            }
        }
        long now = System.nanoTime();
        if (!checks.due(now)) {
            return false;
        }
        // Read before the state: an acceptance after this read makes the publication below fail.
        PartitionFinding seen = partitions.get();
        MigrationState known = migration.state();
        Set<Integer> legacyPartitions = services.legacy().partitions(topic.legacyTopic());
        GroupOffsets ckafka = services.ckafka().groupOffsets(topic.ckafkaGroup(), topic.ckafkaTopic());
        PartitionChange found = PartitionChange.of(known, legacyPartitions, ckafka.logStart().keySet());
        if (partitions.compareAndSet(seen, new PartitionFinding(seen.generation(), true, found))) {
            reportChange(seen.change(), found);
        }
        state.ckafkaStartOffsets().forEach((partition, start) -> {
            // The waiting consumer of an ordered topic has read nothing: it reads next at the start
            // offset. An unordered topic's consumers deliver since the switch, from their commits.
            long next = topic.ordering() == Ordering.ORDERED ? start : ckafka.committed().getOrDefault(partition, start);
            Long logStart = ckafka.logStart().get(partition);
            if (logStart != null) {
                observeCkafka(partition, next, logStart);
            }
        });
        return true;
    }

    private void reportChange(PartitionChange before, PartitionChange found) {
        if (found.equals(before) || found.none()) {
            return;
        }
        LOG.warn("Handoff held: topic={} reason=partitions_changed newLegacyPartitions={} newCkafkaPartitions={}",
                topic.name(), found.newLegacy(), found.newCkafka());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("newLegacyPartitions", found.newLegacy());
        details.put("newCkafkaPartitions", found.newCkafka());
        services.audit().record(new AuditEvent(services.clock().instant(), topic.name(), "partitions-changed", details));
    }

    private void expired(String event, Cluster cluster, int partition, Map<Integer, Long> byPartition) {
        LOG.warn("Records expired before they were consumed: topic={} cluster={} partition={} expiredRecords={}",
                topic.name(), cluster.id(), partition, byPartition);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("cluster", cluster.id());
        details.put("partition", partition);
        details.put("expiredRecords", byPartition);
        services.audit().record(new AuditEvent(services.clock().instant(), topic.name(), event, details));
    }

    /** As {@link #measure} finds it, but seen by the CKafka consumer as it was let go (its thread). */
    void expiredAtRelease(Map<Integer, Long> start, Map<Integer, Long> logStart) {
        logStart.forEach((partition, first) -> observeCkafka(partition, start.getOrDefault(partition, 0L), first));
    }

    /** Counts a CKafka partition whose log start passed where its consumer reads next; audited once per new gap. */
    private void observeCkafka(int partition, long next, long logStart) {
        if (ckafkaExpired.observe(partition, next, logStart)) {
            expired("ckafka-backlog-expired", Cluster.CKAFKA, partition, ckafkaExpired.byPartition());
        }
    }

    /**
     * Never passes on a look at the partitions that was not taken: until the monitor's first in
     * this process, it looks itself (a restart forgets what the process before found).
     *
     * @throws HandoffRefusedException while something holds the handoff
     */
    void verify() {
        if (!partitions.get().checked()) {
            verifyPartitionsNow(migration.state());
        }
        if (ckafkaBacklogExpired()) {
            Map<Integer, Long> expired = ckafkaExpired.byPartition();
            throw new HandoffRefusedException("ckafka_backlog_expired", "retention deleted "
                    + ckafkaExpired.total() + " records of CKafka topic '" + topic.ckafkaTopic()
                    + "' before the CKafka consumer read them (partition=records " + expired
                    + "); the handoff would skip them. POST /api/migrations/" + topic.name()
                    + "/accept-expired-backlog once they are accepted as lost (see the README)");
        }
        PartitionChange change = partitions.get().change();
        if (!change.none()) {
            throw new HandoffRefusedException("partitions_changed", change.describe(topic));
        }
    }

    /**
     * Both topics' partitions read now, against {@code state}: the handoff calls it with the
     * legacy gate retired, as the monitor's look is up to a second and a round old, and a
     * legacy partition added since would hold records no drain target covers, never delivered.
     * Runs under the topic's lock, so no acceptance overtakes it.
     *
     * @throws HandoffRefusedException {@code partitions_changed}, naming the new partitions
     */
    void verifyPartitionsNow(MigrationState state) {
        Set<Integer> legacyPartitions = services.legacy().partitions(topic.legacyTopic());
        Set<Integer> ckafkaPartitions = services.ckafka().partitions(topic.ckafkaTopic());
        PartitionChange found = PartitionChange.of(state, legacyPartitions, ckafkaPartitions);
        PartitionFinding before = partitions.getAndUpdate(f -> new PartitionFinding(f.generation(), true, found));
        reportChange(before.change(), found);
        if (!found.none()) {
            throw new HandoffRefusedException("partitions_changed", found.describe(topic));
        }
    }

    /** Whether {@link #verify} would refuse. */
    boolean holding() {
        return ckafkaBacklogExpired() || !partitions.get().change().none();
    }

    /** Whether retention deleted CKafka records the consumer has not read, not yet accepted as lost. */
    boolean ckafkaBacklogExpired() {
        return ckafkaExpired.total() > 0;
    }

    HoldReport report() {
        return new HoldReport(ckafkaExpired.byPartition(), legacyExpired.byPartition(), partitions.get().change());
    }

    /** The operator accepted these partitions' expired CKafka records as lost. */
    void ckafkaExpiryAccepted(Set<Integer> partitions) {
        ckafkaExpired.accept(partitions);
    }

    /** The new partitions were taken into the drain target and the start offsets. */
    void partitionsAccepted() {
        partitions.updateAndGet(f -> new PartitionFinding(f.generation() + 1, true, PartitionChange.NONE));
    }
}
