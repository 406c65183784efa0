package io.ckafkamigrator.kafka;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.ckafkamigrator.config.ClusterSettings;
import io.ckafkamigrator.core.ClusterOffsets;
import io.ckafkamigrator.core.GroupMembers;
import io.ckafkamigrator.core.GroupOffsets;
import io.ckafkamigrator.core.GroupTopic;
import io.ckafkamigrator.core.Reading;
import io.ckafkamigrator.core.RecordTally;
import io.ckafkamigrator.kafka.RecordProbes.Purpose;

/**
 * {@link ClusterOffsets} on a real cluster through long-lived clients, created at their first
 * use (a cluster nothing asks is never contacted): offsets and groups through {@link OffsetReads}
 * (the admin client, with a consumer listing log offsets on brokers before 0.11, {@link BrokerFit};
 * the reads of every topic coalesced, {@link BatchedOffsetReads}),
 * and the {@link RecordProbes} that look for consumable records between two offsets.
 * Thread-safe: the reads and the probes are. {@link #forHandoff} is a view of the same clients
 * whose record reads use probes of their own.
 */
public final class KafkaClusterOffsets implements ClusterOffsets, AutoCloseable {

    private final BatchedOffsetReads batched;
    /** The batched reads, or for the handoff's view the direct ones. */
    private final OffsetReads reads;
    private final RecordProbes probes;
    /** Whose probes this view's record reads use. */
    private final Purpose purpose;

    /** @param adminReadsOffsets whether the admin client can read this cluster's offsets ({@link BrokerFit}) */
    public KafkaClusterOffsets(ClusterSettings cluster, boolean adminReadsOffsets, long timeoutMs) {
        this.batched = new BatchedOffsetReads(adminReadsOffsets
                ? new AdminOffsetReads(cluster, timeoutMs) : new ConsumerOffsetReads(cluster, timeoutMs));
        this.reads = batched;
        this.probes = new RecordProbes(cluster, timeoutMs);
        this.purpose = Purpose.MONITOR;
    }

    private KafkaClusterOffsets(KafkaClusterOffsets of, Purpose purpose) {
        this.batched = of.batched;
        this.reads = purpose == Purpose.HANDOFF ? of.batched.direct() : of.reads;
        this.probes = of.probes;
        this.purpose = purpose;
    }

    @Override
    public Map<Integer, Long> endOffsets(String topic) {
        return reads.offsets(topic, reads.partitions(topic), true);
    }

    @Override
    public Map<Integer, Long> logStartOffsets(String topic) {
        return reads.offsets(topic, reads.partitions(topic), false);
    }

    @Override
    public GroupOffsets groupOffsets(String group, String topic) {
        return groupOffsets(group, topic, Set.of());
    }

    /** Once the partitions are known, the three lists are read as close together as the client allows. */
    @Override
    public GroupOffsets groupOffsets(String group, String topic, Set<Integer> known) {
        List<Integer> partitions = known.isEmpty() ? reads.partitions(topic) : List.copyOf(new TreeSet<>(known));
        return reads.groupOffsets(group, topic, partitions);
    }

    /** One look-up of the topic, no offsets listed. */
    @Override
    public Set<Integer> partitions(String topic) {
        return new TreeSet<>(reads.partitions(topic));
    }

    @Override
    public Map<Integer, Long> committedOffsets(String group, String topic) {
        return reads.committed(group, topic);
    }

    /** Every entry's reads travel in the same calls: a constant number of round trips for any number of entries. */
    @Override
    public Map<GroupTopic, Reading<GroupOffsets>> groupOffsetsOf(List<GroupTopic> wanted) {
        return batched.groupOffsets(wanted);
    }

    /**
     * Calls made to this cluster so far by every read but the handoff's, per kind (describe-topics,
     * list-end-offsets, list-log-start-offsets, list-committed-offsets): each is one round trip
     * per broker holding what it reads.
     */
    public Map<String, Long> batchedCalls() {
        return batched.calls();
    }

    @Override
    public boolean hasRecords(String topic, int partition, long from, long to) {
        return probes.hasRecords(purpose, topic, partition, from, to);
    }

    @Override
    public RecordTally tally(String topic, int partition, long from, long to, String tagHeader, String tag,
                             long maxMillis) {
        return probes.tally(purpose, topic, partition, from, to, tagHeader, tag, maxMillis);
    }

    /**
     * The same admin client and probes; the handoff's reads use probes of their own and are made
     * call by call, never waiting for a batched call of the monitor's under way.
     */
    @Override
    public ClusterOffsets forHandoff() {
        return purpose == Purpose.HANDOFF ? this : new KafkaClusterOffsets(this, Purpose.HANDOFF);
    }

    @Override
    public void commitOffsets(String group, String topic, Map<Integer, Long> offsets) {
        reads.commit(group, topic, offsets);
    }

    @Override
    public GroupMembers members(String group) {
        return reads.members(group);
    }

    /** Closes the clients of this cluster, the handoff view's included. */
    @Override
    public void close() {
        probes.close();
        reads.close();
    }

    /** A failed call to the cluster; the message names the cluster. */
    public static final class KafkaCallException extends RuntimeException {
        KafkaCallException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
