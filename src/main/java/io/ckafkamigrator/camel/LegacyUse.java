package io.ckafkamigrator.camel;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.ckafkamigrator.core.Phase;
import io.ckafkamigrator.core.StateStore;
import io.ckafkamigrator.core.TopicConfig;

/**
 * Which legacy topics the app still uses at start: those of every topic not saved as
 * {@code MIGRATED} (a topic without a saved state is {@code LEGACY}). A migrated topic never
 * touches legacy again, so with every topic migrated the start checks nothing there and the
 * legacy cluster can be switched off.
 */
final class LegacyUse {

    private LegacyUse() {
    }

    /** @throws io.ckafkamigrator.core.StateStoreException if a saved state cannot be read */
    static Set<String> topics(List<TopicConfig> topics, StateStore store) {
        Set<String> inUse = new TreeSet<>();
        for (TopicConfig topic : topics) {
            boolean migrated = store.load(topic.name()).map(s -> s.phase() == Phase.MIGRATED).orElse(false);
            if (!migrated) {
                inUse.add(topic.legacyTopic());
            }
        }
        return inUse;
    }
}
