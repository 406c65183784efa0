package io.ckafkamigrator.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * Continuous keyed, sequence-numbered load through {@code POST /topics/<topic>}: values are
 * {@code key:seq}, one request at a time, each key's sequence increasing by one. Remembers what
 * the migrator acknowledged, so the test can check the sink for exactly that.
 */
public final class KeyedLoad implements AutoCloseable {

    private final RunningMigrator app;
    private final String topic;
    private final int keys;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<String> acknowledged = new CopyOnWriteArrayList<>();
    private final java.util.Set<String> sentToCkafka = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final List<Integer> failures = new CopyOnWriteArrayList<>();
    private final Thread thread;

    public KeyedLoad(RunningMigrator app, int keys) {
        this(app, "orders", keys);
    }

    public KeyedLoad(RunningMigrator app, String topic, int keys) {
        this.app = app;
        this.topic = topic;
        this.keys = keys;
        this.thread = new Thread(this::run, "keyed-load");
        thread.start();
    }

    private void run() {
        int[] next = new int[keys];
        int i = 0;
        while (running.get()) {
            int key = i++ % keys;
            String value = "key-" + key + ":" + next[key];
            var response = app.post("/topics/" + topic + "?key=key-" + key, "text/plain", value);
            int status = response.statusCode();
            if (status == 200) {
                acknowledged.add(value);
                if (response.body().contains("\"cluster\":\"ckafka\"")) {
                    sentToCkafka.add(value);
                }
                next[key]++;
            } else {
                failures.add(status);
            }
        }
    }

    /** Whether the migrator stored this value in CKafka (else in legacy). */
    public boolean sentToCkafka(String value) {
        return sentToCkafka.contains(value);
    }

    public int acknowledgedCount() {
        return acknowledged.size();
    }

    public List<Integer> failures() {
        return List.copyOf(failures);
    }

    public List<String> acknowledged() {
        return List.copyOf(acknowledged);
    }

    /** Stops sending and waits for the last request to be answered. */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(60_000);
    }

    /** Values grouped by key, in the order given. */
    public static Map<String, List<Integer>> byKey(List<String> values) {
        return values.stream().collect(Collectors.groupingBy(v -> v.substring(0, v.indexOf(':')), TreeMap::new,
                Collectors.mapping(v -> Integer.parseInt(v.substring(v.indexOf(':') + 1)),
                        Collectors.toCollection(ArrayList::new))));
    }
}
