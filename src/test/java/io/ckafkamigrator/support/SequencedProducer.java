package io.ckafkamigrator.support;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * An operator's own producer service: keyed, sequence-numbered records {@code key-<n>:<seq>}
 * written with a plain Kafka producer, one at a time, each acknowledged before the next. The
 * test repoints it from legacy to CKafka as the operator redeploys the service: the same key
 * and sequence stream goes on on the other cluster. Remembers what the brokers acknowledged.
 *
 * <p>Concurrency: one sending thread; {@link #repointTo} swaps the producer between two sends.
 */
public final class SequencedProducer implements AutoCloseable {

    private final String topic;
    private final int keys;
    private final Duration pause;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<String> acknowledged = new CopyOnWriteArrayList<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final Thread thread;
    /** Guarded by {@code this}: replaced by a repoint, used by the sending thread. */
    private KafkaProducer<String, String> producer;
    private volatile String cluster;

    public SequencedProducer(KafkaTestCluster cluster, String topic, int keys, Duration pause) {
        this.topic = topic;
        this.keys = keys;
        this.pause = pause;
        this.producer = producerOn(cluster);
        this.cluster = cluster.name();
        this.thread = new Thread(this::run, "sequenced-producer-" + topic);
        thread.start();
    }

    private static KafkaProducer<String, String> producerOn(KafkaTestCluster cluster) {
        Map<String, Object> props = new HashMap<>(cluster.clientProperties());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        return new KafkaProducer<>(props);
    }

    private void run() {
        int[] next = new int[keys];
        int i = 0;
        while (running.get()) {
            int key = i % keys;
            String value = "key-" + key + ":" + next[key];
            try {
                synchronized (this) {
                    producer.send(new ProducerRecord<>(topic, "key-" + key, value)).get(30, TimeUnit.SECONDS);
                }
                acknowledged.add(value);
                next[key]++;
                i++;
            } catch (Exception e) {
                // Sent again: a record stored without an acknowledgement would show as a duplicate, never a gap.
                failures.add(value + " " + e);
            }
            LockSupport.parkNanos(pause.toNanos());
        }
    }

    /**
     * Closes the producer on the current cluster (every record it sent is acknowledged, since
     * each send waits) and goes on with the same stream on {@code target}.
     */
    public void repointTo(KafkaTestCluster target) {
        KafkaProducer<String, String> next = producerOn(target);
        synchronized (this) {
            producer.close(Duration.ofSeconds(30));
            producer = next;
            cluster = target.name();
        }
    }

    /** The cluster the producer writes to now. */
    public String cluster() {
        return cluster;
    }

    public int acknowledgedCount() {
        return acknowledged.size();
    }

    public List<String> acknowledged() {
        return List.copyOf(acknowledged);
    }

    /** Sends that failed (and were tried again), with why. */
    public List<String> failures() {
        return List.copyOf(failures);
    }

    /** Stops sending after the send under way and closes the producer. */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(60_000);
        synchronized (this) {
            producer.close(Duration.ofSeconds(30));
        }
    }
}
