package io.ckafkamigrator.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.ckafkamigrator.config.ClusterSettings;
import io.ckafkamigrator.core.ClusterOffsets;
import io.ckafkamigrator.core.GroupMembers;
import io.ckafkamigrator.core.GroupOffsets;
import io.ckafkamigrator.core.RecordTally;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * {@link ClusterOffsets} on a real cluster through one long-lived admin client, plus a
 * group-less read_committed consumer per topic that looks for consumable records between two
 * offsets, each created at its first use (a cluster nothing asks is never contacted).
 * Thread-safe: the admin client is; each probe consumer is used under its own lock.
 * One probe per topic, so a topic whose probe waits for its timeout (a transaction left open
 * on its partitions) never holds up another topic's measurement.
 */
public final class KafkaClusterOffsets implements ClusterOffsets, AutoCloseable {

    private final String name;
    private final LazyAdmin lazyAdmin;
    private final Map<String, Object> probeProps;
    /** Each topic's probe, created at its first use; all closed with this. */
    private final Map<String, KafkaConsumer<byte[], byte[]>> probes = new ConcurrentHashMap<>();
    private volatile boolean closed;
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
        Map<String, Object> probeProps = new HashMap<>(cluster.clientProperties());
        probeProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        probeProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // A seek below a log start that retention just moved must not jump to the end and
        // look like "nothing left".
        probeProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        probeProps.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.probeProps = probeProps;
    }

    private Admin admin() {
        return lazyAdmin.get();
    }

    private KafkaConsumer<byte[], byte[]> probe(String topic) {
        if (closed) {
            throw new KafkaCallException(name + " cluster: closed", null);
        }
        return probes.computeIfAbsent(topic, t -> {
            Map<String, Object> props = new HashMap<>(probeProps);
            props.put(ConsumerConfig.CLIENT_ID_CONFIG, "ckafka-migrator-drain-probe-" + name + "-" + t);
            return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        });
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
        return offsets(listOffsets(topic, partitions(topic), spec));
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
        List<Integer> partitions = known.isEmpty() ? partitions(topic) : List.copyOf(new TreeSet<>(known));
        var committed = admin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata();
        var logStart = listOffsets(topic, partitions, OffsetSpec.earliest());
        var end = listOffsets(topic, partitions, OffsetSpec.latest());
        return new GroupOffsets(committed(committed, topic), offsets(logStart), offsets(end));
    }

    private List<Integer> partitions(String topic) {
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
        TopicPartition tp = new TopicPartition(topic, partition);
        KafkaConsumer<byte[], byte[]> probe = probe(topic);
        synchronized (probe) {
            probe.assign(List.of(tp));
            probe.seek(tp, from);
            long deadline = System.currentTimeMillis() + timeoutMs;
            while (System.currentTimeMillis() < deadline) {
                List<ConsumerRecord<byte[], byte[]>> records;
                try {
                    records = probe.poll(Duration.ofMillis(100)).records(tp);
                } catch (org.apache.kafka.clients.consumer.OffsetOutOfRangeException e) {
                    return true; // the log moved under us: not drained this round, measure again
                }
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    if (record.offset() < to) {
                        return true;
                    }
                }
                // The position moves past transaction markers and compaction gaps without records.
                if (probe.position(tp) >= to) {
                    return false;
                }
            }
            throw new KafkaCallException(name + " cluster: no answer within " + timeoutMs + " ms probing " + tp, null);
        }
    }

    /**
     * Reads on until {@code to}, the deadline, or a log that moved under it (retention): each
     * ends the read where it got to, and the caller counts the rest as unread.
     */
    @Override
    public RecordTally tally(String topic, int partition, long from, long to, String tagHeader, String tag,
                             long maxMillis) {
        TopicPartition tp = new TopicPartition(topic, partition);
        byte[] ours = tag.getBytes(StandardCharsets.UTF_8);
        long records = 0;
        long tagged = 0;
        KafkaConsumer<byte[], byte[]> probe = probe(topic);
        synchronized (probe) {
            probe.assign(List.of(tp));
            probe.seek(tp, from);
            long next = from;
            long deadline = System.currentTimeMillis() + Math.min(maxMillis, timeoutMs);
            while (next < to && System.currentTimeMillis() < deadline) {
                List<ConsumerRecord<byte[], byte[]>> polled;
                try {
                    polled = probe.poll(Duration.ofMillis(100)).records(tp);
                } catch (org.apache.kafka.clients.consumer.OffsetOutOfRangeException e) {
                    break;
                }
                for (ConsumerRecord<byte[], byte[]> record : polled) {
                    if (record.offset() >= to) {
                        break;
                    }
                    records++;
                    Header header = record.headers().lastHeader(tagHeader);
                    if (header != null && Arrays.equals(header.value(), ours)) {
                        tagged++;
                    }
                }
                // The position moves past transaction markers and aborted records without records.
                next = Math.min(to, probe.position(tp));
            }
            return new RecordTally(next, records, tagged);
        }
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

    @Override
    public void close() {
        lazyAdmin.close(Duration.ofSeconds(5));
        closed = true;
        probes.values().forEach(probe -> {
            synchronized (probe) {
                probe.close(Duration.ofSeconds(5));
            }
        });
    }

    /** A failed call to the cluster; the message names the cluster. */
    public static final class KafkaCallException extends RuntimeException {
        KafkaCallException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
