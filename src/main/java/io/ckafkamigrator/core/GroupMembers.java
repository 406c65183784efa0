package io.ckafkamigrator.core;

/**
 * A consumer group at one moment, from one look at it.
 *
 * @param count  its active members
 * @param stable no rebalance under way: its members hold their partitions
 */
public record GroupMembers(int count, boolean stable) {

    /** Members that hold their partitions: a consumer that would deliver at once. */
    public boolean holdingPartitions() {
        return stable && count > 0;
    }
}
