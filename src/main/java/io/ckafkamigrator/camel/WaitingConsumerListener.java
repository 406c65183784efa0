package io.ckafkamigrator.camel;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.ckafkamigrator.core.DeliveryGate;
import io.ckafkamigrator.core.MigrationControl;
import io.ckafkamigrator.core.TopicMigration;
import io.ckafkamigrator.core.WaitingConsumer;
import org.apache.camel.component.kafka.consumer.errorhandler.KafkaConsumerListener;
import org.apache.camel.component.kafka.consumer.support.ProcessingResult;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a CKafka consumer a live group member while its gate holds. camel-kafka calls
 * {@link #afterConsume} on the consumer's thread after every poll (the pausable EIP's hook):
 * while the gate holds, the consumer's partitions are paused and the poll's records (if the
 * poll fetched any before the pause) are dropped and sought back, so nothing is delivered and
 * the consumer goes on polling: it heartbeats, joins every rebalance and never reaches
 * {@code max.poll.interval.ms}. Here too, on its own thread, it stands at the start offsets the
 * switch captured and commits them as a group member ({@link WaitingConsumer}); its client
 * re-commits them while it waits, so they never expire ({@link RecommittingConsumer}). Once the gate
 * opens its partitions are resumed, and the next poll fetches.
 *
 * <p>Why this and not the alternatives: a suspended route (camel-kafka pauses the partitions of
 * a suspended consumer) applies the pause only after the batch in hand was processed and, on
 * resume, costs a committed-offsets round trip on top of a whole poll timeout; a manual
 * assignment needs no join but is no group member, so the broker would not keep a second
 * consumer out. See docs/how-it-works.md for the measurements.
 *
 * <p>One instance serves every CKafka consumer route (each poll passes its own consumer), so it
 * keeps no consumer of its own. It is also the pausable EIP's required resume check, which it
 * never needs: the gate is read after each poll.
 */
final class WaitingConsumerListener extends KafkaConsumerListener implements Predicate<Object> {

    private static final Logger LOG = LoggerFactory.getLogger(WaitingConsumerListener.class);
    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(10);

    private final Supplier<MigrationControl> control;

    WaitingConsumerListener(Supplier<MigrationControl> control) {
        this.control = control;
    }

    @Override
    public boolean afterConsume(Object polled) {
        Consumer<?, ?> consumer = (Consumer<?, ?>) polled;
        MigrationControl migrations = control.get();
        TopicMigration migration = migrations == null ? null
                : migrations.byGroup(consumer.groupMetadata().groupId()).orElse(null);
        try {
            if (migration != null && migration.ckafkaGate().state() == DeliveryGate.State.OPEN) {
                release(consumer, migration);
                return true;
            }
            hold(consumer, migration == null ? null : migration.waitingConsumer());
        } catch (WakeupException | InterruptException e) {
            throw e;
        } catch (KafkaException e) {
            // A commit during a rebalance, say: nothing was delivered, the next poll tries again.
            LOG.warn("CKafka consumer could not take its position yet, will retry after the next poll: {}", e.toString());
        }
        return false;
    }

    /** Pauses every assigned partition, takes the wanted position, and undoes what this poll fetched. */
    private static void hold(Consumer<?, ?> consumer, WaitingConsumer waiting) {
        Set<TopicPartition> assignment = consumer.assignment();
        consumer.pause(assignment);
        if (waiting == null) {
            return;
        }
        Set<Integer> partitions = partitions(assignment);
        waiting.assigned(partitions, consumer.groupMetadata().generationId());
        waiting.joinedAs(consumer.groupMetadata().memberId());
        Map<Integer, Long> take = waiting.positionToTake();
        if (!take.isEmpty()) {
            String topic = assignment.iterator().next().topic();
            Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
            take.forEach((p, offset) -> {
                TopicPartition tp = new TopicPartition(topic, p);
                consumer.seek(tp, offset);
                commit.put(tp, new OffsetAndMetadata(offset));
            });
            consumer.commitSync(commit, COMMIT_TIMEOUT);
            waiting.positioned(partitions, take);
            LOG.info("CKafka consumer waits at its start offsets: group={} partitions={} offsets={}",
                    consumer.groupMetadata().groupId(), new TreeSet<>(partitions), take);
        } else {
            waiting.wantedPosition().ifPresent(wanted -> seekBack(consumer, assignment, wanted));
        }
    }

    /**
     * Resumes a consumer that was held, from where it waited; a partition whose log start
     * retention moved past that offset stays paused and is reported: resumed, its consumer would
     * reset to the log start and skip what was deleted without a word. The handoff refuses such
     * a partition before this ({@code ckafka_backlog_expired}); this covers a deletion in between.
     */
    private static void release(Consumer<?, ?> consumer, TopicMigration migration) {
        Set<TopicPartition> paused = new HashSet<>(consumer.paused());
        if (paused.isEmpty()) {
            // Every poll after the handoff comes here: nothing to read, no lock to take.
            return;
        }
        Map<Integer, Long> wanted = migration.waitingConsumer().wantedPosition().orElse(Map.of());
        if (!wanted.isEmpty()) {
            seekBack(consumer, paused, wanted);
            Map<Integer, Long> expired = new TreeMap<>();
            consumer.beginningOffsets(paused, COMMIT_TIMEOUT).forEach((tp, first) -> {
                long at = wanted.getOrDefault(tp.partition(), 0L);
                if (first != null && first > at) {
                    expired.put(tp.partition(), first);
                    paused.remove(tp);
                }
            });
            if (!expired.isEmpty()) {
                migration.ckafkaExpiredAtRelease(expired);
            }
        }
        consumer.resume(paused);
    }

    /** A poll that fetched records before its partitions were paused moved past them: back to where it waits. */
    private static void seekBack(Consumer<?, ?> consumer, Set<TopicPartition> partitions, Map<Integer, Long> wanted) {
        for (TopicPartition tp : partitions) {
            long offset = wanted.getOrDefault(tp.partition(), 0L);
            if (consumer.position(tp, COMMIT_TIMEOUT) != offset) {
                consumer.seek(tp, offset);
            }
        }
    }

    private static Set<Integer> partitions(Set<TopicPartition> assignment) {
        Set<Integer> partitions = new TreeSet<>();
        assignment.forEach(tp -> partitions.add(tp.partition()));
        return partitions;
    }

    @Override
    public boolean afterProcess(ProcessingResult result) {
        // A failed delivery is breakOnFirstError's to retry, as on every consumer route.
        return true;
    }

    @Override
    public void setConsumer(Consumer<?, ?> consumer) {
        // Each poll passes its own consumer: this listener serves every CKafka consumer route.
    }

    @Override
    public void setResumableCheck(Predicate<?> check) {
        // The gate is the check, read after every poll.
    }

    @Override
    public boolean test(Object ignored) {
        return true;
    }
}
