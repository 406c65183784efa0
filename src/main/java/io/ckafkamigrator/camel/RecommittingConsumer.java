package io.ckafkamigrator.camel;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetCommitCallback;
import org.apache.kafka.common.TopicPartition;

/**
 * A consumer route's Kafka client that keeps its group's committed offsets from expiring while
 * it commits nothing for some partitions: a broker before 2.1 deletes each partition's offset
 * {@code offsets.retention.minutes} after that partition's last commit even while the group
 * has live members (one day by default), and a consumer that waits (a drained legacy group
 * before a manual cutover, the CKafka consumer held at its start offsets) or an idle partition
 * of a busy topic commits nothing for it. The offset lost, the next start would reset to the
 * earliest record: a replay, or CKafka's backlog skipped.
 *
 * <ol>
 *   <li>Every commit with offsets this client makes resets the clock of the partitions in it
 *       ({@link OffsetRecommits}); before each poll, the partitions whose own last commit is
 *       older than the interval get their committed offsets (read back, never the position)
 *       committed again.</li>
 *   <li>It runs on the consumer's own thread, in its poll, as a member of its group: an admin
 *       client cannot commit for a group that has members.</li>
 *   <li>The re-commit goes through KafkaConsumer's own commit, not this class's overrides:
 *       subclasses that report commits as progress do not see it.</li>
 * </ol>
 */
class RecommittingConsumer<K, V> extends KafkaConsumer<K, V> {

    private final OffsetRecommits recommits;

    /** @param interval the longest time a partition goes without a commit; zero for never re-committing */
    RecommittingConsumer(Properties props, Duration interval) {
        super(props);
        this.recommits = new OffsetRecommits(interval, System::nanoTime);
    }

    @Override
    public ConsumerRecords<K, V> poll(Duration timeout) {
        recommits.recommitIfDue(this, super::commitSync);
        return super.poll(timeout);
    }

    @Override
    public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
        super.commitSync(offsets);
        recommits.committed(offsets.keySet());
    }

    @Override
    public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout) {
        super.commitSync(offsets, timeout);
        recommits.committed(offsets.keySet());
    }

    @Override
    public void commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets, OffsetCommitCallback callback) {
        super.commitAsync(offsets, callback);
        // Counted when sent: a re-commit read back while this one is in flight could undo it.
        recommits.committed(offsets.keySet());
    }
}
