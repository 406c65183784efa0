package io.ckafkamigrator.core;

import java.time.Clock;

/**
 * What every topic's migration works with: shared by all {@link TopicMigration}s of one
 * {@link MigrationControl}. Each part is thread-safe.
 *
 * @param store     where each transition is saved before it acts
 * @param offsets   each cluster's offsets and groups (failures named, see {@link NamedClusterOffsets})
 * @param routes    starts and stops the consumer routes by id
 * @param producers where each topic's producer writes
 * @param clock     the time recorded in the state and the audit trail
 * @param audit     where every saved transition and captured drain target is recorded
 * @param faultHook fault injection in the handoff, {@link HandoffFaultHook#NONE} outside tests
 * @param identity  how this instance's CKafka consumers are told from anybody else's
 * @param external  the hooks, and the quiet period of external producers
 */
public record MigrationServices(StateStore store, Clusters<ClusterOffsets> offsets, RouteControl routes,
                                ProducerSwitch producers, Clock clock, AuditTrail audit, HandoffFaultHook faultHook,
                                ConsumerIdentity identity, ExternalSides external) {

    /** Every call to a cluster that fails names the cluster and what it read ({@link ClusterReadException}). */
    public MigrationServices {
        offsets = new Clusters<>(NamedClusterOffsets.of(Cluster.LEGACY, offsets.legacy()),
                NamedClusterOffsets.of(Cluster.CKAFKA, offsets.ckafka()));
    }

    /** Without hook routes ({@link ExternalSides#NONE}). */
    public MigrationServices(StateStore store, Clusters<ClusterOffsets> offsets, RouteControl routes,
                             ProducerSwitch producers, Clock clock, AuditTrail audit, HandoffFaultHook faultHook,
                             ConsumerIdentity identity) {
        this(store, offsets, routes, producers, clock, audit, faultHook, identity, ExternalSides.NONE);
    }

    public MigrationServices(StateStore store, Clusters<ClusterOffsets> offsets, RouteControl routes,
                             ProducerSwitch producers, Clock clock, ConsumerIdentity identity) {
        this(store, offsets, routes, producers, clock, AuditTrail.NONE, HandoffFaultHook.NONE, identity);
    }

    public ClusterOffsets legacy() {
        return offsets.legacy();
    }

    public ClusterOffsets ckafka() {
        return offsets.ckafka();
    }
}
