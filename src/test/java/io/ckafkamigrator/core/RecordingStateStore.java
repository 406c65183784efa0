package io.ckafkamigrator.core;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An in-memory store that also remembers where the producer pointed when each state was saved. */
final class RecordingStateStore extends InMemoryStateStore {

    /** {@code PHASE@cluster} per save, in order. */
    final List<String> producerAtSave = new CopyOnWriteArrayList<>();
    private final ProducerSwitch producers;

    RecordingStateStore(ProducerSwitch producers) {
        this.producers = producers;
    }

    @Override
    public void save(MigrationState state) {
        super.save(state);
        producerAtSave.add(state.phase() + "@" + producers.cluster(state.topic()).map(Cluster::id).orElse("unknown"));
    }
}
