package io.ckafkamigrator.camel;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A consumer route's Kafka client that keeps its group's committed offsets from expiring while
 * it commits nothing: a broker before 2.1 deletes a group's offsets
 * {@code offsets.retention.minutes} after their last commit even while the group has live
 * members (one day by default), and a consumer that waits (a drained legacy group before a
 * manual cutover, the CKafka consumer held at its start offsets) or an idle topic commits
 * nothing. The offsets lost, the next start would reset to the earliest record: a replay, or
 * CKafka's backlog skipped.
 *
 * <ol>
 *   <li>Once {@code interval} passed without a commit, the next poll first re-commits exactly
 *       the offsets the group has committed for this consumer's assignment (read back from the
 *       broker, metadata included), never the position: a batch fetched but not yet delivered is
 *       never committed. Partitions without a committed offset are left alone.</li>
 *   <li>It runs on the consumer's own thread, in its poll, as a member of its group: an admin
 *       client cannot commit for a group that has members.</li>
 *   <li>A re-commit that fails (a rebalance under way, the broker away) is logged and tried
 *       again after {@link #RETRY} at the latest; a wakeup is passed on to the caller.</li>
 * </ol>
 */
class RecommittingConsumer<K, V> extends KafkaConsumer<K, V> {

    private static final Logger LOG = LoggerFactory.getLogger(RecommittingConsumer.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final Duration RETRY = Duration.ofSeconds(30);

    private final long intervalNanos;
    /** When this consumer last committed, or tried to re-commit (its own thread only). */
    private long lastCommitNanos = System.nanoTime();

    /** @param interval the longest time without a commit; zero for never re-committing */
    RecommittingConsumer(Properties props, Duration interval) {
        super(props);
        this.intervalNanos = interval.toNanos();
    }

    @Override
    public ConsumerRecords<K, V> poll(Duration timeout) {
        recommitIfDue();
        return super.poll(timeout);
    }

    @Override
    public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
        super.commitSync(offsets);
        lastCommitNanos = System.nanoTime();
    }

    @Override
    public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout) {
        super.commitSync(offsets, timeout);
        lastCommitNanos = System.nanoTime();
    }

    private void recommitIfDue() {
        long now = System.nanoTime();
        if (intervalNanos <= 0 || now - lastCommitNanos < intervalNanos) {
            return;
        }
        // A failure below is tried again after RETRY, not at every poll.
        lastCommitNanos = now - intervalNanos + Math.min(intervalNanos, RETRY.toNanos());
        Set<TopicPartition> assignment = assignment();
        if (assignment.isEmpty()) {
            return;
        }
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
            committed(assignment, TIMEOUT).forEach((tp, offset) -> {
                if (offset != null) {
                    committed.put(tp, offset);
                }
            });
            if (!committed.isEmpty()) {
                // KafkaConsumer's own commit: what is re-committed is no new progress to report.
                super.commitSync(committed, TIMEOUT);
                Map<String, Long> offsets = new java.util.TreeMap<>();
                committed.forEach((tp, offset) -> offsets.put(tp.toString(), offset.offset()));
                LOG.info("Offsets re-committed so they do not expire: group={} offsets={}", groupMetadata().groupId(),
                        offsets);
            }
            lastCommitNanos = now;
        } catch (WakeupException | InterruptException e) {
            throw e;
        } catch (KafkaException e) {
            LOG.warn("Could not re-commit the offsets of group={}, will retry: {}", groupMetadata().groupId(),
                    e.toString());
        }
    }
}
