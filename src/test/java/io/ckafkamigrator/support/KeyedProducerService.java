package io.ckafkamigrator.support;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * An operator's own producer service, writing straight to a cluster with a plain Kafka
 * producer: keyed, sequence-numbered values {@code <prefix>-<k>:<seq>} under key
 * {@code <prefix>-<k>}, one send at a time, each acknowledged before the next. It can be
 * repointed to another cluster the way an operator redeploys it: the last send on the old
 * cluster acknowledged, its producer closed, a new one on the other cluster going on with the
 * same sequences. Remembers what each cluster acknowledged.
 *
 * <p>Concurrency: the sending thread and {@link #repointTo} take turns under {@code this}.
 */
public final class KeyedProducerService implements AutoCloseable {

    /** One acknowledged record and the cluster that acknowledged it. */
    public record Acknowledged(String value, String cluster) {
    }

    private final String topic;
    private final String prefix;
    private final int keys;
    private final long pauseNanos;
    private final List<Acknowledged> acknowledged = new CopyOnWriteArrayList<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;
    // Guarded by this: the producer of the cluster the service writes to now.
    private KafkaProducer<String, String> producer;
    private String cluster;

    private KeyedProducerService(KafkaTestCluster cluster, String topic, String prefix, int keys, Duration pause) {
        this.topic = topic;
        this.prefix = prefix;
        this.keys = keys;
        this.pauseNanos = pause.toNanos();
        this.producer = producerOn(cluster);
        this.cluster = cluster.name();
        this.thread = new Thread(this::run, "producer-service-" + prefix);
    }

    /** Starts writing to {@code cluster}, with {@code pause} after each acknowledged record. */
    public static KeyedProducerService start(KafkaTestCluster cluster, String topic, String prefix, int keys,
                                             Duration pause) {
        KeyedProducerService service = new KeyedProducerService(cluster, topic, prefix, keys, pause);
        service.thread.start();
        return service;
    }

    private static KafkaProducer<String, String> producerOn(KafkaTestCluster cluster) {
        Map<String, Object> config = new HashMap<>(cluster.clientProperties());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    private void run() {
        int[] next = new int[keys];
        int i = 0;
        while (running) {
            int key = i++ % keys;
            String value = prefix + "-" + key + ":" + next[key];
            synchronized (this) {
                try {
                    producer.send(new ProducerRecord<>(topic, prefix + "-" + key, value)).get(30, TimeUnit.SECONDS);
                    acknowledged.add(new Acknowledged(value, cluster));
                    next[key]++;
                } catch (Exception e) {
                    // Sent again: a record stored without an answer shows as a duplicate, never a gap.
                    failures.add(value + ": " + e);
                }
            }
            LockSupport.parkNanos(pauseNanos);
        }
    }

    /** Closes the producer after its last acknowledged send and goes on, same sequences, on {@code target}. */
    public synchronized void repointTo(KafkaTestCluster target) {
        producer.close(Duration.ofSeconds(30));
        producer = producerOn(target);
        cluster = target.name();
    }

    public int acknowledgedCount() {
        return acknowledged.size();
    }

    /** Every acknowledged value, in the order sent. */
    public List<String> acknowledged() {
        return acknowledged.stream().map(Acknowledged::value).toList();
    }

    /** The values the cluster called {@code cluster} acknowledged, in the order sent. */
    public List<String> acknowledgedBy(String cluster) {
        return acknowledged.stream().filter(a -> a.cluster().equals(cluster)).map(Acknowledged::value).toList();
    }

    public List<String> failures() {
        return List.copyOf(failures);
    }

    /** Stops after the send under way and closes the producer. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(60_000);
        synchronized (this) {
            producer.close(Duration.ofSeconds(30));
        }
    }
}
