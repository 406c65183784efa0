package io.ckafkamigrator.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.ckafkamigrator.config.ClusterSettings;
import io.ckafkamigrator.core.ClusterOffsets;
import io.ckafkamigrator.core.GroupMembers;
import io.ckafkamigrator.core.GroupOffsets;
import io.ckafkamigrator.core.RecordTally;
import io.ckafkamigrator.kafka.RecordProbes.Purpose;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/**
 * {@link ClusterOffsets} on a real cluster through one long-lived admin client, created at its
 * first use (a cluster nothing asks is never contacted), and the {@link RecordProbes} that look
 * for consumable records between two offsets. Thread-safe: the admin client and the probes are.
 * {@link #forHandoff} is a view of the same clients whose record reads use probes of their own.
 */
public final class KafkaClusterOffsets implements ClusterOffsets, AutoCloseable {

    private final String name;
    private final LazyAdmin lazyAdmin;
    private final RecordProbes probes;
    /** Whose probes this view's record reads use. */
    private final Purpose purpose;
    private final long timeoutMs;

    public KafkaClusterOffsets(ClusterSettings cluster, long timeoutMs) {
        this.name = cluster.name();
        this.timeoutMs = timeoutMs;
        Map<String, Object> adminProps = new HashMap<>();
        // Describing a classic group on a broker of 3.8 or later first asks the new group API,
        // is told the group is not of that kind, and asks again after this backoff: 100 ms by
        // default, measured in every group check. Failed calls still back off exponentially,
        // up to retry.backoff.max.ms (1 s). The operator's client settings win.
        adminProps.put(AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, 5);
        adminProps.putAll(cluster.clientProperties());
        adminProps.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeoutMs);
        adminProps.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeoutMs);
        adminProps.put(AdminClientConfig.CLIENT_ID_CONFIG, "ckafka-migrator-control-" + name);
        this.lazyAdmin = new LazyAdmin(adminProps);
        this.probes = new RecordProbes(cluster, timeoutMs);
        this.purpose = Purpose.MONITOR;
    }

    private KafkaClusterOffsets(KafkaClusterOffsets of, Purpose purpose) {
        this.name = of.name;
        this.timeoutMs = of.timeoutMs;
        this.lazyAdmin = of.lazyAdmin;
        this.probes = of.probes;
        this.purpose = purpose;
    }

    private Admin admin() {
        return lazyAdmin.get();
    }

    @Override
    public Map<Integer, Long> endOffsets(String topic) {
        return offsets(topic, OffsetSpec.latest());
    }

    @Override
    public Map<Integer, Long> logStartOffsets(String topic) {
        return offsets(topic, OffsetSpec.earliest());
    }

    private Map<Integer, Long> offsets(String topic, OffsetSpec spec) {
        return offsets(listOffsets(topic, partitionList(topic), spec));
    }

    private KafkaFuture<Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo>> listOffsets(String topic,
            List<Integer> partitions, OffsetSpec spec) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int partition : partitions) {
            request.put(new TopicPartition(topic, partition), spec);
        }
        return admin().listOffsets(request).all();
    }

    private Map<Integer, Long> offsets(KafkaFuture<Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo>> listed) {
        Map<Integer, Long> result = new HashMap<>();
        get(listed).forEach((tp, info) -> result.put(tp.partition(), info.offset()));
        return result;
    }

    /** The three lists are requested together once the partitions are known: two round trips, not five. */
    @Override
    public GroupOffsets groupOffsets(String group, String topic) {
        return groupOffsets(group, topic, Set.of());
    }

    @Override
    public GroupOffsets groupOffsets(String group, String topic, Set<Integer> known) {
        List<Integer> partitions = known.isEmpty() ? partitionList(topic) : List.copyOf(new TreeSet<>(known));
        var committed = admin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata();
        var logStart = listOffsets(topic, partitions, OffsetSpec.earliest());
        var end = listOffsets(topic, partitions, OffsetSpec.latest());
        return new GroupOffsets(committed(committed, topic), offsets(logStart), offsets(end));
    }

    /** One look-up of the topic, no offsets listed. */
    @Override
    public Set<Integer> partitions(String topic) {
        return new TreeSet<>(partitionList(topic));
    }

    private List<Integer> partitionList(String topic) {
        return get(admin().describeTopics(List.of(topic)).allTopicNames()).get(topic).partitions().stream()
                .map(p -> p.partition()).toList();
    }

    @Override
    public Map<Integer, Long> committedOffsets(String group, String topic) {
        return committed(admin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata(), topic);
    }

    private Map<Integer, Long> committed(KafkaFuture<Map<TopicPartition, OffsetAndMetadata>> listed, String topic) {
        Map<Integer, Long> result = new HashMap<>();
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = get(listed);
            committed.forEach((tp, offset) -> {
                if (tp.topic().equals(topic) && offset != null) {
                    result.put(tp.partition(), offset.offset());
                }
            });
        } catch (KafkaCallException e) {
            if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                throw e;
            }
        }
        return result;
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

    /** The same admin client and probes; the handoff's reads use probes of their own. */
    @Override
    public ClusterOffsets forHandoff() {
        return purpose == Purpose.HANDOFF ? this : new KafkaClusterOffsets(this, Purpose.HANDOFF);
    }

    @Override
    public void commitOffsets(String group, String topic, Map<Integer, Long> offsets) {
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        offsets.forEach((p, o) -> commit.put(new TopicPartition(topic, p), new OffsetAndMetadata(o)));
        get(admin().alterConsumerGroupOffsets(group, commit).all());
    }

    @Override
    public GroupMembers members(String group) {
        var description = get(admin().describeConsumerGroups(List.of(group)).all()).get(group);
        return new GroupMembers(description.members().stream()
                .map(m -> new GroupMembers.Member(m.clientId(), m.host(), m.consumerId())).toList());
    }

    private <T> T get(KafkaFuture<T> future) {
        try {
            return future.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new KafkaCallException(name + " cluster: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaCallException(name + " cluster: no answer within " + timeoutMs + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaCallException(name + " cluster: interrupted", e);
        }
    }

    /** Closes the clients of this cluster, the handoff view's included. */
    @Override
    public void close() {
        probes.close();
        lazyAdmin.close(Duration.ofSeconds(5));
    }

    /** A failed call to the cluster; the message names the cluster. */
    public static final class KafkaCallException extends RuntimeException {
        KafkaCallException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
