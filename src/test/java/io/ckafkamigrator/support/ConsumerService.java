package io.ckafkamigrator.support;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import static org.awaitility.Awaitility.await;

/**
 * An operator's own consumer service: a plain Kafka consumer in its group that delivers each
 * record to a {@link CheckedSink} and commits after each delivered batch, as a service with
 * manual commits does. {@link #stop} commits what it delivered and leaves the group, as a
 * service that is shut down cleanly. {@link #hold Held}, it stays in its group but delivers
 * nothing until {@link #release released}.
 *
 * <p>Concurrency: the consumer lives on the service's own thread; {@link #stop}, {@link #hold}
 * and {@link #release} may be called from any thread (a hook's HTTP handler) and only set flags
 * it reads between polls.
 */
public final class ConsumerService implements AutoCloseable {

    private final String name;
    private final String topic;
    private final CheckedSink sink;
    private final Map<String, Object> config;
    private final Thread thread;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean running = true;
    private volatile boolean joined;
    private volatile boolean held;
    private volatile boolean holding;
    private volatile Instant stoppedAt;

    private ConsumerService(String name, KafkaTestCluster cluster, String topic, String group, String offsetReset,
                            CheckedSink sink) {
        this.name = name;
        this.topic = topic;
        this.sink = sink;
        this.config = new HashMap<>(cluster.clientProperties());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, name);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, offsetReset);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50);
        this.thread = new Thread(this::run, "consumer-service-" + name);
    }

    /** Starts the service {@code name} on {@code cluster}, consuming {@code topic} in {@code group}. */
    public static ConsumerService start(String name, KafkaTestCluster cluster, String topic, String group,
                                        CheckedSink sink) {
        return start(name, cluster, topic, group, "earliest", sink);
    }

    /**
     * As {@link #start(String, KafkaTestCluster, String, String, CheckedSink)}, with
     * {@code offsetReset} for a partition without a committed offset ({@code none}: fail, for a
     * service that must find its start offsets committed).
     */
    public static ConsumerService start(String name, KafkaTestCluster cluster, String topic, String group,
                                        String offsetReset, CheckedSink sink) {
        ConsumerService service = new ConsumerService(name, cluster, topic, group, offsetReset, sink);
        service.thread.start();
        return service;
    }

    private void run() {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            while (running) {
                boolean hold = held;
                if (hold) {
                    consumer.pause(consumer.assignment());
                } else {
                    consumer.resume(consumer.paused());
                }
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(100));
                joined = joined || !consumer.assignment().isEmpty();
                for (ConsumerRecord<String, String> record : records) {
                    sink.deliver(name, record.value());
                }
                if (!records.isEmpty()) {
                    consumer.commitSync();
                }
                // Only after a whole poll made with the partitions paused is nothing left to deliver.
                holding = hold && records.isEmpty();
            }
            // Everything polled was delivered: its positions are what it consumed.
            consumer.commitSync();
            stoppedAt = Instant.now();
        } catch (RuntimeException e) {
            failure.set(e);
        }
    }

    /** Whether it has been given partitions of its group. */
    public boolean joined() {
        return joined;
    }

    public boolean running() {
        return thread.isAlive();
    }

    /** When it had stopped consuming and made its last commit (it leaves its group right after); null before. */
    public Instant stoppedAt() {
        return stoppedAt;
    }

    /** What ended it other than {@link #stop}; null if nothing. */
    public Throwable failure() {
        return failure.get();
    }

    /** Stays in its group but delivers nothing more; returns once nothing is delivered until {@link #release}. */
    public void hold() {
        held = true;
        await().atMost(30, TimeUnit.SECONDS).until(() -> holding || !thread.isAlive());
    }

    public void release() {
        held = false;
    }

    /** Commits what it delivered, leaves the group and waits for its thread to end. */
    public void stop() {
        running = false;
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
