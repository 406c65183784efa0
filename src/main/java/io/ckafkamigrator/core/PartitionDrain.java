package io.ckafkamigrator.core;

import java.util.OptionalLong;

/**
 * One legacy partition measured against its drain target.
 *
 * @param committed   the legacy group's committed offset, if it has one
 * @param remaining   records (by offset) the group must still consume before the target
 * @param strayWrites records a consumer would deliver written to the partition after the drain
 *                    target was captured, this app's own late appends not included
 * @param lateAppends this app's own records past the target: sends whose outcome was unknown
 *                    (the producer gave up) that the broker appended after all
 * @param expired     records retention removed before the group read them (log start past the
 *                    committed offset)
 */
public record PartitionDrain(int partition, long drainTarget, OptionalLong committed, long logStart, long end,
                             long remaining, long strayWrites, long lateAppends, long expired) {

    public boolean drained() {
        return remaining == 0;
    }
}
