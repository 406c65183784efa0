package io.ckafkamigrator.camel;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.errors.WakeupException;

/**
 * An ordered topic's CKafka consumer client, whose poll the handoff can end early. While it
 * waits its partitions are paused, so a poll returns only after its whole timeout; the handoff
 * would wait for that. {@link #wakeForHandoff} wakes the poll (the one Kafka consumer call that
 * is safe from another thread), and that poll returns no records instead of throwing, so that
 * camel-kafka goes straight on to the listener that resumes the partitions
 * ({@link WaitingConsumerListener}). Any other wakeup (camel-kafka's, on stop) throws as usual.
 * Public for the benchmark that measures it against the alternatives.
 */
public final class WakeableConsumer<K, V> extends RecommittingConsumer<K, V> {

    private final AtomicBoolean wakeRequested = new AtomicBoolean();

    public WakeableConsumer(Properties props) {
        this(props, Duration.ZERO);
    }

    /** @param recommitInterval see {@link RecommittingConsumer}: the offsets it waits at never expire */
    WakeableConsumer(Properties props, Duration recommitInterval) {
        super(props, recommitInterval);
    }

    /** Ends the poll under way (or the next one) without records; callable from any thread. */
    public void wakeForHandoff() {
        wakeRequested.set(true);
        wakeup();
    }

    @Override
    public ConsumerRecords<K, V> poll(Duration timeout) {
        try {
            return super.poll(timeout);
        } catch (WakeupException e) {
            if (wakeRequested.getAndSet(false)) {
                return ConsumerRecords.empty();
            }
            throw e;
        }
    }
}
