package io.ckafkamigrator.core;

/**
 * Where one topic stands in its migration.
 *
 * <pre>
 * LEGACY --switch-producer--> DRAINING --cutover--> CUTTING_OVER --handoff--> MIGRATED
 *                                 \------------unordered: legacy drained---------^
 * </pre>
 *
 * Legal transitions are only the arrows above, each forward: once the producer is switched,
 * no transition sends it back to the self-built cluster, because records written there after
 * the switch would be delivered out of order or never.
 */
public enum Phase {
    /** Producer writes to legacy; only the legacy consumer runs. */
    LEGACY,
    /** Producer writes to CKafka; the legacy consumer drains what legacy still holds. */
    DRAINING,
    /** Cutover requested: waiting for the drain, then handing the topic to the CKafka consumer. */
    CUTTING_OVER,
    /** Producer writes to CKafka; only the CKafka consumer runs. */
    MIGRATED;

    public boolean canMoveTo(Phase next) {
        return switch (this) {
            case LEGACY -> next == DRAINING;
            case DRAINING -> next == CUTTING_OVER || next == MIGRATED;
            case CUTTING_OVER -> next == MIGRATED;
            case MIGRATED -> false;
        };
    }

    /** The cluster the producer route writes to in this phase. */
    public Cluster producerCluster() {
        return this == LEGACY ? Cluster.LEGACY : Cluster.CKAFKA;
    }
}
