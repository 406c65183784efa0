package io.ckafkamigrator.core;

import java.util.OptionalLong;

/**
 * One legacy partition measured against its drain target.
 *
 * @param committed   the legacy group's committed offset, if it has one
 * @param remaining   records (by offset) the group must still consume before the target
 * @param strayWrites records written to the partition after the producer switch (end past target)
 */
public record PartitionDrain(int partition, long drainTarget, OptionalLong committed, long logStart, long end,
                             long remaining, long strayWrites) {

    public boolean drained() {
        return remaining == 0;
    }
}
