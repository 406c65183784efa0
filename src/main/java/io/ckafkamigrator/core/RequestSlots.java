package io.ckafkamigrator.core;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most one control request per topic at a time. A request that overlaps another one on the
 * same topic is refused at once rather than queued, so two operators who act together learn it
 * (one wins, the other gets a conflict) instead of one silently repeating the other's step.
 * Safe to use from any thread.
 */
public final class RequestSlots {

    private final Set<String> busy = ConcurrentHashMap.newKeySet();

    /** Takes the topic's slot for one request; close the result when the request is answered. */
    public Slot take(String topic, String action) {
        if (!busy.add(topic)) {
            throw new RequestInProgressException(topic, action);
        }
        return () -> busy.remove(topic);
    }

    /** A taken slot. */
    public interface Slot extends AutoCloseable {
        @Override
        void close();
    }
}
