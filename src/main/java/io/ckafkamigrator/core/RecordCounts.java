package io.ckafkamigrator.core;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts records per topic and one more label (the cluster a record was stored on, or the
 * route that delivered it). Incremented on producer and consumer threads, read by metrics
 * scrapes: {@link LongAdder}s, so counting never contends.
 */
public final class RecordCounts {

    private record Key(String topic, String label) {
    }

    private final Map<Key, LongAdder> counts = new ConcurrentHashMap<>();

    public void increment(String topic, String label) {
        add(topic, label, 1);
    }

    public void add(String topic, String label, long records) {
        counts.computeIfAbsent(new Key(topic, label), k -> new LongAdder()).add(records);
    }

    public long get(String topic, String label) {
        LongAdder count = counts.get(new Key(topic, label));
        return count == null ? 0 : count.sum();
    }
}
