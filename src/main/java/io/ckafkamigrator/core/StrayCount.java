package io.ckafkamigrator.core;

/**
 * What lies past a legacy partition's drain target.
 *
 * @param strays      records a read_committed consumer would deliver that this app did not write
 * @param lateAppends records this app wrote (tagged with its instance): late appends of sends
 *                    whose outcome was unknown
 * @param expired     offsets that retention deleted before they were read: neither strays nor
 *                    left to read (whether the legacy group lost them is the drain rule's
 *                    expired count, against its committed offset)
 */
public record StrayCount(long strays, long lateAppends, long expired) {

    public static final StrayCount NONE = new StrayCount(0, 0);

    public StrayCount(long strays, long lateAppends) {
        this(strays, lateAppends, 0);
    }

    /** Offsets not read yet: each counted as a stray write, which holds the handoff until read. */
    public static StrayCount unread(long from, long to) {
        return new StrayCount(Math.max(0, to - from), 0);
    }

    StrayCount plus(StrayCount other) {
        return new StrayCount(strays + other.strays, lateAppends + other.lateAppends, expired + other.expired);
    }
}
