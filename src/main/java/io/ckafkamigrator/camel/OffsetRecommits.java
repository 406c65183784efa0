package io.ckafkamigrator.camel;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When each partition of one consumer last committed, and the re-commit of those whose own last
 * commit is older than the interval. A broker before 2.1 expires each partition's offset by
 * that partition's last commit, and camel-kafka commits only the partitions that delivered
 * records, so an idle partition beside busy ones must be re-committed on its own.
 *
 * <ol>
 *   <li>Every commit with explicit offsets (sync or async) resets the clock of exactly the
 *       partitions in its map; a commit without offsets resets nothing (at worst, one needless
 *       re-commit).</li>
 *   <li>A partition first seen in the assignment (at start, after a rebalance) has an unknown
 *       last commit, possibly most of a day ago: it is due at once.</li>
 *   <li>What is re-committed is what the group has committed for the due partitions, read back
 *       from the broker with its metadata, never the position; partitions without a committed
 *       offset are left alone until the next interval.</li>
 *   <li>A re-commit that fails is logged and tried again after {@link #RETRY} at the latest; a
 *       wakeup or interrupt is passed on to the caller.</li>
 * </ol>
 *
 * <p>Not thread-safe: the consumer's own thread only, like the consumer.
 */
final class OffsetRecommits {

    /** The commit that bypasses the consumer's own commit hooks: a re-commit is no new progress. */
    @FunctionalInterface
    interface Commit {
        void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout);
    }

    static final Duration RETRY = Duration.ofSeconds(30);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(OffsetRecommits.class);

    private final long intervalNanos;
    private final LongSupplier nanoTime;
    /** Per assigned partition, when it last committed or was last tried. */
    private final Map<TopicPartition, Long> lastCommitNanos = new HashMap<>();

    /** @param interval the longest time a partition goes without a commit; zero for never re-committing */
    OffsetRecommits(Duration interval, LongSupplier nanoTime) {
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
    }

    /** Records a commit of these partitions, made or sent just now. */
    void committed(Collection<TopicPartition> partitions) {
        long now = nanoTime.getAsLong();
        partitions.forEach(tp -> lastCommitNanos.put(tp, now));
    }

    /** Re-commits the due partitions of {@code consumer}'s assignment through {@code commit}. */
    void recommitIfDue(Consumer<?, ?> consumer, Commit commit) {
        if (intervalNanos <= 0) {
            return;
        }
        Set<TopicPartition> due = due(consumer.assignment());
        if (due.isEmpty()) {
            return;
        }
        long now = nanoTime.getAsLong();
        // A failure below is tried again after RETRY, not at every poll.
        due.forEach(tp -> lastCommitNanos.put(tp, now - intervalNanos + Math.min(intervalNanos, RETRY.toNanos())));
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
            consumer.committed(due, TIMEOUT).forEach((tp, offset) -> {
                if (offset != null) {
                    committed.put(tp, offset);
                }
            });
            if (!committed.isEmpty()) {
                commit.commitSync(committed, TIMEOUT);
                Map<String, Long> offsets = new TreeMap<>();
                committed.forEach((tp, offset) -> offsets.put(tp.toString(), offset.offset()));
                LOG.info("Offsets re-committed so they do not expire: group={} offsets={}",
                        consumer.groupMetadata().groupId(), offsets);
            }
            due.forEach(tp -> lastCommitNanos.put(tp, now));
        } catch (WakeupException | InterruptException e) {
            throw e;
        } catch (KafkaException e) {
            LOG.warn("Could not re-commit the offsets of group={} partitions={}, will retry: {}",
                    consumer.groupMetadata().groupId(), due, e.toString());
        }
    }

    /** The assigned partitions whose own last commit is older than the interval; forgets the others. */
    private Set<TopicPartition> due(Set<TopicPartition> assignment) {
        lastCommitNanos.keySet().retainAll(assignment);
        long now = nanoTime.getAsLong();
        return assignment.stream()
                .filter(tp -> !lastCommitNanos.containsKey(tp) || now - lastCommitNanos.get(tp) >= intervalNanos)
                .collect(Collectors.toSet());
    }
}
