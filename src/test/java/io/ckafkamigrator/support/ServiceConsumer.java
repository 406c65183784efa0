package io.ckafkamigrator.support;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import static org.awaitility.Awaitility.await;

/**
 * An operator's own consumer service: a plain Kafka consumer in its group that appends each
 * record's value to a list shared by the old and the new service (the checked sink), and
 * commits what it appended after each poll. Stopped, it commits and leaves its group, as a
 * service that is scaled down does. Held, it stays in its group but delivers nothing.
 *
 * <p>Concurrency: one polling thread; {@link #hold}, {@link #release} and {@link #close} only
 * set flags it reads between polls.
 */
public final class ServiceConsumer implements AutoCloseable {

    /** One record a service delivered, with the name of the service. */
    public record Delivery(String service, String value) {
    }

    private final String name;
    private final List<Delivery> deliveries;
    private final KafkaConsumer<String, String> consumer;
    private final String topic;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean held;
    private volatile boolean paused;
    private volatile Exception failure;

    /**
     * Starts consuming {@code topic} in {@code group}; {@code offsetReset} is what it does on a
     * partition without a committed offset ({@code none}: fail, for a service that must find its
     * start offsets committed).
     */
    public ServiceConsumer(String name, KafkaTestCluster cluster, String topic, String group, String offsetReset,
                           List<Delivery> deliveries) {
        this.name = name;
        this.topic = topic;
        this.deliveries = deliveries;
        Map<String, Object> props = new HashMap<>(cluster.clientProperties());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, name + "-" + topic);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, offsetReset);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        this.consumer = new KafkaConsumer<>(props);
        this.thread = new Thread(this::run, "service-consumer-" + name);
        thread.start();
    }

    private void run() {
        try (consumer) {
            consumer.subscribe(List.of(topic));
            while (running) {
                boolean holding = held;
                if (holding) {
                    consumer.pause(consumer.assignment());
                } else {
                    consumer.resume(consumer.paused());
                }
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(100));
                for (ConsumerRecord<String, String> record : records) {
                    deliveries.add(new Delivery(name, record.value()));
                }
                if (!records.isEmpty()) {
                    consumer.commitSync();
                }
                // Only after a whole poll made with the partitions paused is nothing left to deliver.
                paused = holding && records.isEmpty();
            }
        } catch (Exception e) {
            failure = e;
        }
    }

    /** Stays in the group but delivers nothing more; returns once no record can be delivered until {@link #release}. */
    public void hold() {
        held = true;
        await().atMost(30, TimeUnit.SECONDS).until(() -> paused || !thread.isAlive());
    }

    public void release() {
        held = false;
    }

    public boolean running() {
        return thread.isAlive();
    }

    /** Why the service stopped by itself (a poll or commit failed), or null. */
    public Exception failure() {
        return failure;
    }

    /** Delivers the records of the poll under way, commits them and leaves the group. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(60_000);
    }
}
