package io.ckafkamigrator.camel;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The legacy consumer's Kafka client: reports each offset commit, right after the broker
 * accepted it and on the consumer's own thread, so the control sees the commit that drains
 * the group at once ({@code DrainWatch}). camel-kafka commits with {@code commitSync(offsets, timeout)}
 * after each partition's records of a poll were delivered. Its offsets are kept from expiring
 * while it commits nothing ({@link RecommittingConsumer}); such re-commits are no progress and
 * are not reported.
 */
final class CommitReportingConsumer<K, V> extends RecommittingConsumer<K, V> {

    private static final Logger LOG = LoggerFactory.getLogger(CommitReportingConsumer.class);

    private final String topic;
    private final Consumer<Map<Integer, Long>> committed;

    /** @param recommitInterval see {@link RecommittingConsumer} */
    CommitReportingConsumer(Properties props, String topic, Consumer<Map<Integer, Long>> committed,
            Duration recommitInterval) {
        super(props, recommitInterval);
        this.topic = topic;
        this.committed = committed;
    }

    @Override
    public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
        super.commitSync(offsets);
        report(offsets);
    }

    @Override
    public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout) {
        super.commitSync(offsets, timeout);
        report(offsets);
    }

    private void report(Map<TopicPartition, OffsetAndMetadata> offsets) {
        Map<Integer, Long> ofTopic = new HashMap<>();
        offsets.forEach((tp, offset) -> {
            if (tp.topic().equals(topic) && offset != null) {
                ofTopic.put(tp.partition(), offset.offset());
            }
        });
        try {
            committed.accept(ofTopic);
        } catch (RuntimeException e) {
            // The commit itself succeeded; the monitor's measurement will see it.
            LOG.warn("Could not report a legacy commit of topic={}: {}", topic, e.toString());
        }
    }
}
