package io.ckafkamigrator.support;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What a test does behind the migrator's back, with plain clients in the settings every broker
 * since 0.10.2 answers: no idempotence (it needs message format v2, 0.11), read_uncommitted
 * offset look-ups (read_committed needs ListOffsets v2, 0.11), topic metadata that may create
 * topics (refusing needs Metadata v4, 0.11), no record headers (message format v2, 0.11). The Admin client's offset
 * listing needs Metadata v4 too, so offsets are read and committed by a consumer.
 */
public final class OldBrokerClients {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private OldBrokerClients() {
    }

    /** Writes the records, acknowledged by every in-sync replica, and waits for each. */
    public static void produce(KafkaTestCluster cluster, List<ProducerRecord<String, String>> records) {
        Map<String, Object> config = new HashMap<>(cluster.clientProperties());
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        // One request at a time, so a retried batch cannot overtake the next one without idempotence.
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            List<Future<RecordMetadata>> sent = records.stream().map(producer::send).toList();
            for (Future<RecordMetadata> ack : sent) {
                ack.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot write to " + cluster.name(), e);
        }
    }

    /** Each partition's log start offset ({@code end} false) or end offset, by partition. */
    public static Map<Integer, Long> offsets(KafkaTestCluster cluster, String topic, boolean end) {
        try (KafkaConsumer<String, String> consumer = consumer(cluster, null)) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            Map<TopicPartition, Long> offsets = end ? consumer.endOffsets(partitions, TIMEOUT)
                    : consumer.beginningOffsets(partitions, TIMEOUT);
            Map<Integer, Long> byPartition = new TreeMap<>();
            offsets.forEach((tp, offset) -> byPartition.put(tp.partition(), offset));
            return byPartition;
        }
    }

    /** Commits {@code group}'s offsets as a consumer of the group would, without joining it. */
    public static void commit(KafkaTestCluster cluster, String group, String topic, Map<Integer, Long> offsets) {
        try (KafkaConsumer<String, String> consumer = consumer(cluster, group)) {
            Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
            offsets.forEach((p, offset) -> commit.put(new TopicPartition(topic, p), new OffsetAndMetadata(offset)));
            consumer.assign(commit.keySet());
            consumer.commitSync(commit, TIMEOUT);
        }
    }

    /** {@code group}'s committed offset per partition of {@code topic}; partitions without one are absent. */
    public static Map<Integer, Long> committed(KafkaTestCluster cluster, String group, String topic) {
        try (KafkaConsumer<String, String> consumer = consumer(cluster, group)) {
            Map<Integer, Long> byPartition = new TreeMap<>();
            consumer.committed(Set.copyOf(partitions(consumer, topic)), TIMEOUT).forEach((tp, offset) -> {
                if (offset != null) {
                    byPartition.put(tp.partition(), offset.offset());
                }
            });
            return byPartition;
        }
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, String> consumer, String topic) {
        return consumer.partitionsFor(topic, TIMEOUT).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    private static KafkaConsumer<String, String> consumer(KafkaTestCluster cluster, String group) {
        Map<String, Object> config = new HashMap<>(cluster.clientProperties());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        if (group != null) {
            config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }
}
