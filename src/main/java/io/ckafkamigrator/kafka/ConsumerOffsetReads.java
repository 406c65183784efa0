package io.ckafkamigrator.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.ckafkamigrator.config.ClusterSettings;
import io.ckafkamigrator.core.GroupOffsets;
import io.ckafkamigrator.kafka.KafkaClusterOffsets.KafkaCallException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * {@link OffsetReads} for brokers before 0.11: log start and end offsets through a consumer,
 * everything else through the admin client, as {@link AdminOffsetReads} reads it. The admin client's
 * ListOffsets first asks for metadata that forbids topic creation, which needs Metadata v4
 * (0.11); its topic, group offset and group member calls work on 0.10.2 (docs/compatibility.md).
 * The consumer neither subscribes nor polls: it joins no group and reads no record.
 *
 * <p>Concurrency: thread-safe; the consumer is created at its first use and used under its own
 * lock, which {@link #close} also takes after waking it.
 */
final class ConsumerOffsetReads extends AdminOffsetReads {

    private final String name;
    private final Map<String, Object> props;
    private final Duration timeout;
    /** Guarded by {@code this}. */
    private KafkaConsumer<byte[], byte[]> consumer;
    /** Guarded by {@code this}. */
    private boolean closed;

    ConsumerOffsetReads(ClusterSettings cluster, long timeoutMs) {
        super(cluster, timeoutMs);
        this.name = cluster.name();
        this.timeout = Duration.ofMillis(timeoutMs);
        Map<String, Object> props = new HashMap<>(cluster.clientProperties());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeoutMs);
        props.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeoutMs);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "ckafka-migrator-offsets-" + name);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.props = props;
    }

    private synchronized KafkaConsumer<byte[], byte[]> consumer() {
        if (closed) {
            throw new KafkaCallException(name + " cluster: closed", null);
        }
        if (consumer == null) {
            consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        }
        return consumer;
    }

    @Override
    public Map<Integer, Long> offsets(String topic, List<Integer> partitions, boolean end) {
        List<TopicPartition> tps = new ArrayList<>();
        partitions.forEach(p -> tps.add(new TopicPartition(topic, p)));
        Map<Integer, Long> result = new HashMap<>();
        list(tps, end).forEach((tp, offset) -> result.put(tp.partition(), offset));
        return result;
    }

    private Map<TopicPartition, Long> list(List<TopicPartition> tps, boolean end) {
        KafkaConsumer<byte[], byte[]> reader = consumer();
        synchronized (reader) {
            try {
                return end ? reader.endOffsets(tps, timeout) : reader.beginningOffsets(tps, timeout);
            } catch (KafkaException e) {
                throw new KafkaCallException(name + " cluster: " + e.getMessage(), e);
            }
        }
    }

    /** One read after the other: the committed offsets first, as the admin client reads them. */
    @Override
    public GroupOffsets groupOffsets(String group, String topic, List<Integer> partitions) {
        Map<Integer, Long> committed = committed(group, topic);
        return new GroupOffsets(committed, offsets(topic, partitions, false), offsets(topic, partitions, true));
    }

    @Override
    public void close() {
        KafkaConsumer<byte[], byte[]> toClose;
        synchronized (this) {
            closed = true;
            toClose = consumer;
        }
        if (toClose != null) {
            toClose.wakeup();
            synchronized (toClose) {
                try {
                    toClose.close(Duration.ofSeconds(5));
                } catch (KafkaException e) {
                    // the wake-up above, or a broker already gone: closed all the same
                }
            }
        }
        super.close();
    }
}
