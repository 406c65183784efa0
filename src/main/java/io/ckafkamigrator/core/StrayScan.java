package io.ckafkamigrator.core;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts what lies past each legacy partition's drain target by reading it (a read_committed
 * consumer, so transaction markers and aborted records count for nothing), and tells this
 * run's own late appends (tagged with its full {@link ConsumerIdentity#recordTag()}) from stray
 * writes: a record tagged by an earlier run or by a copy of the state directory is a stray. Reads resume where
 * the previous one stopped, so a partition is read once however many rounds ask, and each
 * read is bounded in time.
 *
 * <p>Concurrency: {@link #read} runs on the monitor's thread without the topic's lock (it
 * reads the cluster); {@link #known} on any thread, and only looks at what was read. Each
 * partition's progress is an immutable value in a concurrent map.
 */
final class StrayScan {

    /** How long one monitor round may spend reading strays, over all partitions. */
    static final long READ_BUDGET_MS = 1_000;

    /** How far a partition was read past the target it was read for. */
    private record Progress(long target, long next, StrayCount counted) {
    }

    private final Map<Integer, Progress> progress = new ConcurrentHashMap<>();
    private final String topic;
    private final ClusterOffsets legacy;
    private final String tag;

    StrayScan(String legacyTopic, ClusterOffsets legacy, ConsumerIdentity identity) {
        this.topic = legacyTopic;
        this.legacy = legacy;
        this.tag = identity.recordTag();
    }

    /**
     * Reads on from where the last read of {@code partition} stopped, towards {@code end}, within
     * what is left of the round's {@code deadlineNanos}; what is still unread counts as strays.
     */
    StrayCount read(int partition, long target, long end, long deadlineNanos) {
        Progress p = progress.get(partition);
        if (p == null || p.target() != target || p.next() > end) {
            p = new Progress(target, target, StrayCount.NONE);
        }
        long leftMs = (deadlineNanos - System.nanoTime()) / 1_000_000;
        if (p.next() < end && leftMs > 0) {
            RecordTally tally = legacy.tally(topic, partition, p.next(), end, ConsumerIdentity.RECORD_TAG_HEADER, tag, leftMs);
            p = new Progress(target, Math.max(p.next(), tally.next()),
                    p.counted().plus(new StrayCount(tally.records() - tally.tagged(), tally.tagged())));
            progress.put(partition, p);
        }
        return p.counted().plus(StrayCount.unread(p.next(), end));
    }

    /** What was read of {@code [target, end)} so far, without reading; the unread rest counts as strays. */
    StrayCount known(int partition, long target, long end) {
        Progress p = progress.get(partition);
        if (p == null || p.target() != target || p.next() > end) {
            return StrayCount.unread(target, end);
        }
        return p.counted().plus(StrayCount.unread(p.next(), end));
    }
}
