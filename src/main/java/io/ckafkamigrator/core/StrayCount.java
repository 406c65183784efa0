package io.ckafkamigrator.core;

/**
 * What lies past a legacy partition's drain target.
 *
 * @param strays      records a read_committed consumer would deliver that this app did not write
 * @param lateAppends records this app wrote (tagged with its instance): late appends of sends
 *                    whose outcome was unknown
 */
public record StrayCount(long strays, long lateAppends) {

    public static final StrayCount NONE = new StrayCount(0, 0);

    /** Offsets not read yet: each counted as a stray write, which holds the handoff until read. */
    public static StrayCount unread(long from, long to) {
        return new StrayCount(Math.max(0, to - from), 0);
    }

    StrayCount plus(StrayCount other) {
        return new StrayCount(strays + other.strays, lateAppends + other.lateAppends);
    }
}
