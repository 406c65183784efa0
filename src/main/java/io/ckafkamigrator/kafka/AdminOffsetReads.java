package io.ckafkamigrator.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.ckafkamigrator.config.ClusterSettings;
import io.ckafkamigrator.core.GroupMembers;
import io.ckafkamigrator.core.GroupOffsets;
import io.ckafkamigrator.kafka.KafkaClusterOffsets.KafkaCallException;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsResult;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/**
 * {@link OffsetReads} through one long-lived admin client, created at its first use. Its
 * ListOffsets needs brokers from 0.11 on ({@link ConsumerOffsetReads} lists offsets on older
 * ones); every other call works from 0.10.2. Thread-safe, as the admin client is.
 */
class AdminOffsetReads implements OffsetReads {

    private final String name;
    private final LazyAdmin lazyAdmin;
    private final long timeoutMs;

    AdminOffsetReads(ClusterSettings cluster, long timeoutMs) {
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
    }

    @Override
    public List<Integer> partitions(String topic) {
        return get(lazyAdmin.get().describeTopics(List.of(topic)).allTopicNames()).get(topic).partitions().stream()
                .map(p -> p.partition()).toList();
    }

    @Override
    public Map<Integer, Long> offsets(String topic, List<Integer> partitions, boolean end) {
        return offsets(listOffsets(topic, partitions, end ? OffsetSpec.latest() : OffsetSpec.earliest()));
    }

    /** The three lists are requested together: one round trip, not three. */
    @Override
    public GroupOffsets groupOffsets(String group, String topic, List<Integer> partitions) {
        var committed = lazyAdmin.get().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata();
        var logStart = listOffsets(topic, partitions, OffsetSpec.earliest());
        var end = listOffsets(topic, partitions, OffsetSpec.latest());
        return new GroupOffsets(committed(committed, topic), offsets(logStart), offsets(end));
    }

    @Override
    public Map<Integer, Long> committed(String group, String topic) {
        return committed(lazyAdmin.get().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata(), topic);
    }

    private KafkaFuture<Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo>> listOffsets(String topic,
            List<Integer> partitions, OffsetSpec spec) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int partition : partitions) {
            request.put(new TopicPartition(topic, partition), spec);
        }
        return lazyAdmin.get().listOffsets(request).all();
    }

    private Map<Integer, Long> offsets(KafkaFuture<Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo>> listed) {
        Map<Integer, Long> result = new HashMap<>();
        get(listed).forEach((tp, info) -> result.put(tp.partition(), info.offset()));
        return result;
    }

    private Map<Integer, Long> committed(KafkaFuture<Map<TopicPartition, OffsetAndMetadata>> listed, String topic) {
        try {
            return committedOn(topic, get(listed));
        } catch (KafkaCallException e) {
            if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                throw e;
            }
            return new HashMap<>();
        }
    }

    /** One call describing {@code topics}: per topic, its partitions in order. Does not block. */
    Map<String, KafkaFuture<List<Integer>>> describeAll(Set<String> topics) {
        Map<String, KafkaFuture<List<Integer>>> result = new HashMap<>();
        lazyAdmin.get().describeTopics(topics).topicNameValues().forEach((topic, described) -> result.put(topic,
                described.thenApply(d -> d.partitions().stream().map(TopicPartitionInfo::partition).sorted().toList())));
        return result;
    }

    /** One call listing the end ({@code end}) or log start offsets of {@code partitions}, per partition. */
    Map<TopicPartition, KafkaFuture<Long>> listAll(Set<TopicPartition> partitions, boolean end) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(tp -> request.put(tp, end ? OffsetSpec.latest() : OffsetSpec.earliest()));
        ListOffsetsResult listed = lazyAdmin.get().listOffsets(request);
        Map<TopicPartition, KafkaFuture<Long>> result = new HashMap<>();
        partitions.forEach(tp -> result.put(tp, listed.partitionResult(tp).thenApply(ListOffsetsResultInfo::offset)));
        return result;
    }

    /**
     * One call reading the committed offsets of {@code groups}, per group. Brokers from 3.0 on
     * answer every group of a coordinator in one request; older ones one request per group.
     */
    Map<String, KafkaFuture<Map<TopicPartition, OffsetAndMetadata>>> committedAll(Set<String> groups) {
        Map<String, ListConsumerGroupOffsetsSpec> request = new HashMap<>();
        groups.forEach(group -> request.put(group, new ListConsumerGroupOffsetsSpec()));
        ListConsumerGroupOffsetsResult listed = lazyAdmin.get().listConsumerGroupOffsets(request);
        Map<String, KafkaFuture<Map<TopicPartition, OffsetAndMetadata>>> result = new HashMap<>();
        groups.forEach(group -> result.put(group, listed.partitionsToOffsetAndMetadata(group)));
        return result;
    }

    /** A group's committed offsets on one topic from a read of all of them; an unknown group has none. */
    static Map<Integer, Long> committedOn(String topic, Map<TopicPartition, OffsetAndMetadata> all) {
        Map<Integer, Long> result = new HashMap<>();
        all.forEach((tp, offset) -> {
            if (tp.topic().equals(topic) && offset != null) {
                result.put(tp.partition(), offset.offset());
            }
        });
        return result;
    }

    @Override
    public void commit(String group, String topic, Map<Integer, Long> offsets) {
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        offsets.forEach((p, o) -> commit.put(new TopicPartition(topic, p), new OffsetAndMetadata(o)));
        get(lazyAdmin.get().alterConsumerGroupOffsets(group, commit).all());
    }

    @Override
    public GroupMembers members(String group) {
        var description = get(lazyAdmin.get().describeConsumerGroups(List.of(group)).all()).get(group);
        return new GroupMembers(description.members().stream()
                .map(m -> new GroupMembers.Member(m.clientId(), m.host(), m.consumerId())).toList());
    }

    private <T> T get(KafkaFuture<T> future) {
        return await(name, future, timeoutMs);
    }

    /** The answer of {@code future} within {@code timeoutMs}, or the failure naming {@code cluster}. */
    static <T> T await(String cluster, Future<T> future, long timeoutMs) {
        try {
            return future.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new KafkaCallException(cluster + " cluster: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaCallException(cluster + " cluster: no answer within " + timeoutMs + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaCallException(cluster + " cluster: interrupted", e);
        }
    }

    /** This cluster's name, as failures name it. */
    String name() {
        return name;
    }

    long timeoutMs() {
        return timeoutMs;
    }

    @Override
    public void close() {
        lazyAdmin.close(Duration.ofSeconds(5));
    }
}
