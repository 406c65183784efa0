package io.ckafkamigrator.core;

import java.util.Optional;

/**
 * Durable per-topic migration state.
 * <ol>
 *   <li>{@link #save} returns only once the state is on stable storage, so a transition saved
 *       before it acts survives a crash while it acts.</li>
 *   <li>A save replaces the previous state whole or not at all; a reader never sees half of one.</li>
 *   <li>{@link #load} of a state that cannot be read fails with {@link StateStoreException};
 *       it never pretends the topic has no state, which would send producers back to legacy.</li>
 * </ol>
 * Implementations are safe for concurrent use on different topics; callers serialise changes
 * to one topic.
 */
public interface StateStore {

    Optional<MigrationState> load(String topic);

    void save(MigrationState state);
}
