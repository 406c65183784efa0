package io.ckafkamigrator.core;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A state store for the core's unit tests: each topic's last saved state, in memory. */
class InMemoryStateStore implements StateStore {

    final Map<String, MigrationState> saved = new ConcurrentHashMap<>();

    @Override
    public Optional<MigrationState> load(String topic) {
        return Optional.ofNullable(saved.get(topic));
    }

    @Override
    public void save(MigrationState state) {
        saved.put(state.topic(), state);
    }
}
