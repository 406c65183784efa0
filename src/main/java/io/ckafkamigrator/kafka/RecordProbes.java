package io.ckafkamigrator.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.ckafkamigrator.config.ClusterSettings;
import io.ckafkamigrator.core.RecordTally;
import io.ckafkamigrator.kafka.KafkaClusterOffsets.KafkaCallException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Group-less consumers (read_committed, as the consumer routes read) that read one cluster's records between two offsets:
 * one per topic and {@link Purpose}, each created at its first use (a cluster nothing asks is
 * never contacted) and used under its own lock. A probe that waits for its timeout (a
 * transaction left open on its partitions) so holds up only its own topic and purpose: the
 * handoff, which checks the drain under the topic's lock with the legacy gate closed, never
 * waits behind the monitor's probes of the same topic.
 *
 * <p>Concurrency: thread-safe. {@link #close} and the creation of a probe take this object's
 * lock, so no probe is created once it closed.
 */
final class RecordProbes implements AutoCloseable {

    /** Who reads: each has probes of its own. */
    enum Purpose {
        /** The monitor's rounds: the drain measurement and the stray-write read. */
        MONITOR("drain-probe"),
        /** The handoff's last check, with the legacy gate closed. */
        HANDOFF("handoff-probe");

        private final String clientIdPart;

        Purpose(String clientIdPart) {
            this.clientIdPart = clientIdPart;
        }
    }

    private record Key(String topic, Purpose purpose) {
    }

    private final String name;
    private final Map<String, Object> props;
    private final long timeoutMs;
    /** Guarded by {@code this}. */
    private final Map<Key, KafkaConsumer<byte[], byte[]>> probes = new HashMap<>();
    /** Guarded by {@code this}. */
    private boolean closed;

    RecordProbes(ClusterSettings cluster, long timeoutMs) {
        this.name = cluster.name();
        this.timeoutMs = timeoutMs;
        Map<String, Object> props = new HashMap<>();
        // As the consumer routes read: read_committed, unless the brokers' release has no
        // transactions (before 0.11: read_uncommitted, BrokerFit) or the operator said otherwise.
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.putAll(cluster.clientProperties());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // A seek below a log start that retention just moved must not jump to the end and
        // look like "nothing left".
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.props = props;
    }

    private synchronized KafkaConsumer<byte[], byte[]> probe(String topic, Purpose purpose) {
        if (closed) {
            throw new KafkaCallException(name + " cluster: closed", null);
        }
        return probes.computeIfAbsent(new Key(topic, purpose), key -> {
            Map<String, Object> clientProps = new HashMap<>(props);
            clientProps.put(ConsumerConfig.CLIENT_ID_CONFIG,
                    "ckafka-migrator-" + purpose.clientIdPart + "-" + name + "-" + topic);
            return new KafkaConsumer<>(clientProps, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        });
    }

    /** @see io.ckafkamigrator.core.ClusterOffsets#hasRecords */
    boolean hasRecords(Purpose purpose, String topic, int partition, long from, long to) {
        TopicPartition tp = new TopicPartition(topic, partition);
        KafkaConsumer<byte[], byte[]> probe = probe(topic, purpose);
        synchronized (probe) {
            probe.assign(List.of(tp));
            probe.seek(tp, from);
            long deadline = System.currentTimeMillis() + timeoutMs;
            while (System.currentTimeMillis() < deadline) {
                List<ConsumerRecord<byte[], byte[]>> records;
                try {
                    records = probe.poll(Duration.ofMillis(100)).records(tp);
                } catch (OffsetOutOfRangeException e) {
                    return true; // the log moved under us: not drained this round, measure again
                }
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    if (record.offset() < to) {
                        return true;
                    }
                }
                // The position moves past transaction markers and compaction gaps without records.
                if (probe.position(tp) >= to) {
                    return false;
                }
            }
            throw new KafkaCallException(name + " cluster: no answer within " + timeoutMs + " ms probing " + tp, null);
        }
    }

    /**
     * Reads on until {@code to}, the deadline, or a log that moved under it: each ends the read
     * where it got to, and the caller counts the rest as unread. Offsets that retention deleted
     * before the read reached them are skipped (the read goes on at the log start) and returned
     * as expired, so they never count as unread forever.
     *
     * @see io.ckafkamigrator.core.ClusterOffsets#tally
     */
    RecordTally tally(Purpose purpose, String topic, int partition, long from, long to, String tagHeader, String tag,
                      long maxMillis) {
        TopicPartition tp = new TopicPartition(topic, partition);
        byte[] ours = tag.getBytes(StandardCharsets.UTF_8);
        long records = 0;
        long tagged = 0;
        long expired = 0;
        KafkaConsumer<byte[], byte[]> probe = probe(topic, purpose);
        synchronized (probe) {
            probe.assign(List.of(tp));
            probe.seek(tp, from);
            long next = from;
            long deadline = System.currentTimeMillis() + Math.min(maxMillis, timeoutMs);
            while (next < to && System.currentTimeMillis() < deadline) {
                List<ConsumerRecord<byte[], byte[]>> polled;
                try {
                    polled = probe.poll(Duration.ofMillis(100)).records(tp);
                } catch (OffsetOutOfRangeException e) {
                    long logStart = Math.min(to, logStart(probe, tp));
                    if (logStart <= next) {
                        break; // not retention: the next read starts again from here
                    }
                    expired += logStart - next;
                    next = logStart;
                    probe.seek(tp, next);
                    continue;
                }
                for (ConsumerRecord<byte[], byte[]> record : polled) {
                    if (record.offset() >= to) {
                        break;
                    }
                    records++;
                    Header header = record.headers().lastHeader(tagHeader);
                    if (header != null && Arrays.equals(header.value(), ours)) {
                        tagged++;
                    }
                }
                // The position moves past transaction markers and aborted records without records.
                next = Math.min(to, probe.position(tp));
            }
            return new RecordTally(next, records, tagged, expired);
        }
    }

    private long logStart(KafkaConsumer<byte[], byte[]> probe, TopicPartition tp) {
        return probe.beginningOffsets(List.of(tp), Duration.ofMillis(timeoutMs)).getOrDefault(tp, 0L);
    }

    /**
     * Closes every probe; a read under way is woken and ends with an exception. No probe is
     * created after this began.
     */
    @Override
    public void close() {
        List<KafkaConsumer<byte[], byte[]>> toClose;
        synchronized (this) {
            closed = true;
            toClose = List.copyOf(probes.values());
        }
        for (KafkaConsumer<byte[], byte[]> probe : toClose) {
            probe.wakeup();
            synchronized (probe) {
                try {
                    probe.close(Duration.ofSeconds(5));
                } catch (WakeupException e) {
                    // the wake-up above, never seen by a read: closed all the same
                }
            }
        }
    }
}
