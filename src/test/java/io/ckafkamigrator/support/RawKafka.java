package io.ckafkamigrator.support;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import static org.awaitility.Awaitility.await;

/** Plain Kafka clients for what a test does behind the migrator's back. */
public final class RawKafka {

    private RawKafka() {
    }

    /** Writes keyed records straight to a cluster, as a producer that was not redirected would. */
    public static void produce(KafkaTestCluster cluster, String topic, String key, String... values) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(new HashMap<>(cluster.clientProperties()),
                new StringSerializer(), new StringSerializer())) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
            }
        }
    }

    /** Writes the records in one committed transaction, so the log ends with a commit marker. */
    public static void produceTransactionally(KafkaTestCluster cluster, String topic, String key, String... values) {
        try (KafkaProducer<String, String> producer = inOpenTransaction(cluster, 60_000, topic, key, values)) {
            producer.commitTransaction();
        }
    }

    /**
     * Writes the records in a transaction left open (a producer that hangs mid-transaction): no
     * read_committed consumer gets past them until it ends. Closing the handle aborts it.
     */
    public static AutoCloseable openTransaction(KafkaTestCluster cluster, String topic, String key, String... values) {
        KafkaProducer<String, String> producer = inOpenTransaction(cluster, 300_000, topic, key, values);
        return () -> {
            try {
                producer.abortTransaction();
            } finally {
                producer.close();
            }
        };
    }

    /** Writes the records in one transaction and aborts it: the log gets the records, then an abort marker. */
    public static void produceAndAbort(KafkaTestCluster cluster, String topic, String key, String... values) {
        try (KafkaProducer<String, String> producer = inOpenTransaction(cluster, 60_000, topic, key, values)) {
            producer.abortTransaction();
        }
    }

    /** A transactional producer whose transaction holds the records, each acknowledged, and is still open. */
    private static KafkaProducer<String, String> inOpenTransaction(KafkaTestCluster cluster, int transactionTimeoutMs,
                                                                   String topic, String key, String... values) {
        Map<String, Object> props = new HashMap<>(cluster.clientProperties());
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "raw-tx-" + System.nanoTime());
        props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, transactionTimeoutMs);
        KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        try {
            producer.initTransactions();
            producer.beginTransaction();
            for (String value : values) {
                producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
            }
            return producer;
        } catch (Exception e) {
            producer.close();
            throw new IllegalStateException("cannot write in a transaction to " + topic + " on " + cluster.name(), e);
        }
    }

    /** Writes one record to {@code partition} with the given headers (name to UTF-8 value). */
    public static void produce(KafkaTestCluster cluster, String topic, int partition, String key, String value,
                               Map<String, String> headers) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(new HashMap<>(cluster.clientProperties()),
                new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, partition, key, value);
            headers.forEach((name, v) -> record.headers().add(name, v.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            producer.send(record).get(30, TimeUnit.SECONDS);
        }
    }

    /**
     * Every record of {@code topic} (read from the beginning without a group) as
     * {@code value=header}, the header's UTF-8 value or {@code null} when the record has none.
     */
    public static List<String> valuesWithHeader(KafkaTestCluster cluster, String topic, String header, int expected) {
        Map<String, Object> props = new HashMap<>(cluster.clientProperties());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            var partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<String> seen = new java.util.ArrayList<>();
            await().atMost(30, TimeUnit.SECONDS).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    var h = r.headers().lastHeader(header);
                    seen.add(r.value() + "=" + (h == null ? null : new String(h.value(), java.nio.charset.StandardCharsets.UTF_8)));
                });
                return seen.size() >= expected;
            });
            return seen;
        }
    }

    /** The client id of {@link #joinedConsumer}. */
    public static final String INTRUDER_CLIENT_ID = "intruder";

    /**
     * A consumer that has joined {@code group} and holds partitions of {@code topic}, with the
     * client id {@link #INTRUDER_CLIENT_ID}; close it to leave.
     */
    public static KafkaConsumer<String, String> joinedConsumer(KafkaTestCluster cluster, String group, String topic) {
        Map<String, Object> props = new HashMap<>(cluster.clientProperties());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, INTRUDER_CLIENT_ID);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(topic));
        await().atMost(30, TimeUnit.SECONDS).until(() -> {
            consumer.poll(Duration.ofMillis(100));
            return !consumer.assignment().isEmpty();
        });
        return consumer;
    }
}
