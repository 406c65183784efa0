package io.ckafkamigrator.core;

import java.util.List;

/** The drain state of every legacy partition at one moment. */
public record DrainReport(List<PartitionDrain> partitions) {

    public DrainReport {
        partitions = List.copyOf(partitions);
    }

    /** Every partition consumed up to its target. */
    public boolean drained() {
        return partitions.stream().allMatch(PartitionDrain::drained);
    }

    public long remaining() {
        return partitions.stream().mapToLong(PartitionDrain::remaining).sum();
    }

    public long strayWrites() {
        return partitions.stream().mapToLong(PartitionDrain::strayWrites).sum();
    }

    public long lateAppends() {
        return partitions.stream().mapToLong(PartitionDrain::lateAppends).sum();
    }

    /** Records retention removed before the legacy group read them. */
    public long expired() {
        return partitions.stream().mapToLong(PartitionDrain::expired).sum();
    }

    /** The drain target each partition was measured against. */
    public java.util.Map<Integer, Long> targets() {
        java.util.Map<Integer, Long> targets = new java.util.TreeMap<>();
        partitions.forEach(p -> targets.put(p.partition(), p.drainTarget()));
        return targets;
    }

    /** Drained and nothing written to legacy after the switch: the handoff may go ahead. */
    public boolean readyForHandoff() {
        return drained() && strayWrites() == 0;
    }
}
