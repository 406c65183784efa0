package io.ckafkamigrator.support;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.coordinator.group.generated.OffsetCommitKey;
import org.apache.kafka.coordinator.group.generated.OffsetCommitValue;

/**
 * The offset commits a cluster's group coordinator wrote to {@code __consumer_offsets}, read
 * back with a plain consumer and decoded with the broker's own record classes: what the broker
 * keeps of each commit, its commit timestamp included (the admin client shows only the last
 * offset, never when it was committed).
 */
public final class CommitLog {

    /** One offset commit as the broker logged it. */
    public record Commit(String group, String topic, int partition, long offset, long commitTimestamp) {
    }

    /** Key versions 0 and 1 are offset commits; 2 and up are group metadata. */
    private static final int LAST_OFFSET_COMMIT_KEY_VERSION = 1;

    private CommitLog() {
    }

    /** Every offset commit of {@code group} for {@code topic} logged so far, in log order per partition. */
    public static List<Commit> of(KafkaTestCluster cluster, String group, String topic) {
        Map<String, Object> props = new HashMap<>(cluster.clientProperties());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<Commit> commits = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor("__consumer_offsets").stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    decode(record).filter(c -> c.group().equals(group) && c.topic().equals(topic)).ifPresent(commits::add);
                }
            }
        }
        return commits;
    }

    private static java.util.Optional<Commit> decode(ConsumerRecord<byte[], byte[]> record) {
        if (record.key() == null || record.value() == null) {
            return java.util.Optional.empty(); // a tombstone: an offset deleted
        }
        ByteBuffer key = ByteBuffer.wrap(record.key());
        short keyVersion = key.getShort();
        if (keyVersion > LAST_OFFSET_COMMIT_KEY_VERSION) {
            return java.util.Optional.empty();
        }
        OffsetCommitKey commitKey = new OffsetCommitKey(new ByteBufferAccessor(key), keyVersion);
        ByteBuffer value = ByteBuffer.wrap(record.value());
        short valueVersion = value.getShort();
        OffsetCommitValue commit = new OffsetCommitValue(new ByteBufferAccessor(value), valueVersion);
        return java.util.Optional.of(new Commit(commitKey.group(), commitKey.topic(), commitKey.partition(),
                commit.offset(), commit.commitTimestamp()));
    }
}
