package io.ckafkamigrator.camel;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import org.apache.camel.component.kafka.DefaultKafkaClientFactory;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;

/**
 * The Kafka producers of the producer routes (their {@code kafkaClientFactory}): one client per
 * cluster and set of client settings, shared by every topic's route, as Kafka recommends for
 * one application. A hundred topics cost one producer per cluster, not two hundred (each with
 * its network thread, metadata and metrics), and start in the time of one.
 *
 * <ol>
 *   <li>A route's producer is a handle on the shared client; closing the handle (Camel stops the
 *       route) lets go of it, and the client closes when its last handle does. A handle closes
 *       once; a second close does nothing.</li>
 *   <li>Records of all topics share the client's buffer. The routes send synchronously (each
 *       caller waits for its record), so the buffer holds at most the records under way, and
 *       per-partition order is the client's own, as with one client per topic.</li>
 *   <li>Transactions are not shared: the routes use none, and a handle refuses them.</li>
 * </ol>
 *
 * <p>Concurrency: thread-safe; handles are handed out and let go under this factory's lock, a
 * client is closed outside it.
 */
final class SharedProducers extends DefaultKafkaClientFactory {

    private final Function<Properties, Producer<Object, Object>> create;
    /** Guarded by {@code this}. */
    private final Map<String, Shared> byKey = new HashMap<>();

    SharedProducers() {
        this(null);
    }

    /** @param create how a client is made; null for Camel's own way */
    @SuppressWarnings("unchecked")
    SharedProducers(Function<Properties, Producer<Object, Object>> create) {
        this.create = create != null ? create : props -> (Producer<Object, Object>) super.getProducer(props);
    }

    /** A client and the handles on it. */
    private static final class Shared {
        final String key;
        final Producer<Object, Object> client;
        int handles;

        Shared(String key, Producer<Object, Object> client) {
            this.key = key;
            this.client = client;
        }
    }

    @Override
    @SuppressWarnings("rawtypes")
    public synchronized Producer getProducer(Properties props) {
        // Every setting (credentials included) decides which client a route shares; never logged.
        String key = new TreeMap<>(props).toString();
        Shared shared = byKey.computeIfAbsent(key, k -> new Shared(k, create.apply(props)));
        shared.handles++;
        return new Handle(shared);
    }

    /** Clients open now (for tests and diagnostics). */
    synchronized int clients() {
        return byKey.size();
    }

    private void release(Shared shared, Duration timeout) {
        synchronized (this) {
            if (--shared.handles > 0) {
                return;
            }
            byKey.remove(shared.key);
        }
        if (timeout == null) {
            shared.client.close();
        } else {
            shared.client.close(timeout);
        }
    }

    /** One route's producer: the shared client, let go of once. */
    private final class Handle implements Producer<Object, Object> {

        private final Shared shared;
        private final AtomicBoolean closed = new AtomicBoolean();

        Handle(Shared shared) {
            this.shared = shared;
        }

        @Override
        public Future<RecordMetadata> send(ProducerRecord<Object, Object> record) {
            return shared.client.send(record);
        }

        @Override
        public Future<RecordMetadata> send(ProducerRecord<Object, Object> record, Callback callback) {
            return shared.client.send(record, callback);
        }

        @Override
        public void flush() {
            shared.client.flush();
        }

        @Override
        public List<PartitionInfo> partitionsFor(String topic) {
            return shared.client.partitionsFor(topic);
        }

        @Override
        public Map<MetricName, ? extends Metric> metrics() {
            return shared.client.metrics();
        }

        @Override
        public Uuid clientInstanceId(Duration timeout) {
            return shared.client.clientInstanceId(timeout);
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                release(shared, null);
            }
        }

        @Override
        public void close(Duration timeout) {
            if (closed.compareAndSet(false, true)) {
                release(shared, timeout);
            }
        }

        @Override
        public void initTransactions() {
            throw notShared();
        }

        @Override
        public void beginTransaction() {
            throw notShared();
        }

        @Override
        @Deprecated
        public void sendOffsetsToTransaction(Map<TopicPartition, OffsetAndMetadata> offsets, String consumerGroupId) {
            throw notShared();
        }

        @Override
        public void sendOffsetsToTransaction(Map<TopicPartition, OffsetAndMetadata> offsets,
                                             ConsumerGroupMetadata groupMetadata) {
            throw notShared();
        }

        @Override
        public void commitTransaction() {
            throw notShared();
        }

        @Override
        public void abortTransaction() {
            throw notShared();
        }

        private UnsupportedOperationException notShared() {
            return new UnsupportedOperationException("a shared producer takes no transactions");
        }
    }
}
