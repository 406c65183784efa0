package io.ckafkamigrator.core;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts what lies past each legacy partition's drain target by reading it (a read_committed
 * consumer, so transaction markers and aborted records count for nothing), and tells this
 * run's own late appends (tagged with its full {@link ConsumerIdentity#recordTag()}) from stray
 * writes: a record tagged by an earlier run or by a copy of the state directory is a stray. Reads resume where
 * the previous one stopped, so a partition is read once however many rounds ask, and each
 * read is bounded in time. Offsets that retention deleted before they were read are skipped
 * and counted as expired, never as unread strays.
 *
 * <p>A round's reads share one budget ({@link #READ_BUDGET_MS}, one deadline per round) and
 * are asked in partition order. A partition whose read ran out of time (a transaction left
 * open on it) would so starve every partition after it, round after round: the round after
 * one that ran out starts reading at the next partition, and those before it wait for the
 * round after (they count as read so far).
 *
 * <p>Concurrency: {@link #read} runs on the monitor's thread without the topic's lock (it
 * reads the cluster), and it alone uses the round's fields; {@link #known} on any thread, and
 * only looks at what was read. Each partition's progress is an immutable value in a
 * concurrent map.
 */
final class StrayScan {

    // One logger for every line of a topic's migration, whichever step writes it.
    private static final Logger LOG = LoggerFactory.getLogger(TopicMigration.class);

    /** How long one monitor round may spend reading strays, over all partitions. */
    static final long READ_BUDGET_MS = 1_000;

    private static final int NONE = -1;

    /** How far a partition was read past the target it was read for. */
    private record Progress(long target, long next, StrayCount counted) {
    }

    private final Map<Integer, Progress> progress = new ConcurrentHashMap<>();
    private final String topic;
    private final ClusterOffsets legacy;
    private final String tag;
    /** The deadline of the round being read: a new one starts a new round (monitor thread only). */
    private long roundDeadline;
    /** The first partition this round reads (monitor thread only). */
    private int startAt;
    /** The first partition whose read ran out of time this round, or {@link #NONE} (monitor thread only). */
    private int ranOutAt = NONE;
    /** The highest partition that had something to read this round (monitor thread only). */
    private int lastWithWork = NONE;

    StrayScan(String legacyTopic, ClusterOffsets legacy, ConsumerIdentity identity) {
        this.topic = legacyTopic;
        this.legacy = legacy;
        this.tag = identity.recordTag();
    }

    /**
     * Reads on from where the last read of {@code partition} stopped, towards {@code end}, within
     * what is left of the round's {@code deadlineNanos}; what is still unread counts as strays.
     * Calls with the same deadline are one round.
     */
    StrayCount read(int partition, long target, long end, long deadlineNanos) {
        if (deadlineNanos != roundDeadline) {
            startRound(deadlineNanos);
        }
        Progress p = progressFor(partition, target, end);
        if (p.next() < end) {
            lastWithWork = Math.max(lastWithWork, partition);
        }
        long leftMs = (deadlineNanos - System.nanoTime()) / 1_000_000;
        if (p.next() < end && leftMs > 0 && partition >= startAt) {
            RecordTally tally = legacy.tally(topic, partition, p.next(), end, ConsumerIdentity.RECORD_TAG_HEADER, tag, leftMs);
            if (tally.expired() > 0) {
                LOG.warn("Stray writes deleted by retention before they were read: legacyTopic={} partition={} "
                        + "from={} records={}", topic, partition, p.next(), tally.expired());
            }
            if (tally.next() < end && ranOutAt == NONE) {
                ranOutAt = partition;
            }
            p = new Progress(target, Math.max(p.next(), tally.next()), p.counted().plus(
                    new StrayCount(tally.records() - tally.tagged(), tally.tagged(), tally.expired())));
            progress.put(partition, p);
        }
        return p.counted().plus(StrayCount.unread(p.next(), end));
    }

    /** After a round whose time ran out in a partition, the next starts after it, unless it was the last. */
    private void startRound(long deadlineNanos) {
        startAt = ranOutAt != NONE && ranOutAt < lastWithWork ? ranOutAt + 1 : 0;
        roundDeadline = deadlineNanos;
        ranOutAt = NONE;
        lastWithWork = NONE;
    }

    /** What was read of {@code [target, end)} so far, without reading; the unread rest counts as strays. */
    StrayCount known(int partition, long target, long end) {
        Progress p = progressFor(partition, target, end);
        return p.counted().plus(StrayCount.unread(p.next(), end));
    }

    /** The partition's progress towards {@code end} past {@code target}; none yet if it was for another target or end. */
    private Progress progressFor(int partition, long target, long end) {
        Progress p = progress.get(partition);
        return p == null || p.target() != target || p.next() > end ? new Progress(target, target, StrayCount.NONE) : p;
    }
}
