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

    /** Recorded in {@link #failures()} for a request that got no answer. */
    public static final int NO_ANSWER = -1;

    private final MigratorHttp app;
    private final java.util.concurrent.atomic.AtomicInteger distinctSent = new java.util.concurrent.atomic.AtomicInteger();
    private final String topic;
    private final int keys;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<String> acknowledged = new CopyOnWriteArrayList<>();
    private final java.util.Set<String> sentToCkafka = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final List<Integer> failures = new CopyOnWriteArrayList<>();
    private final long pauseNanos;
    private final Thread thread;

    public KeyedLoad(MigratorHttp app, int keys) {
        this(app, "orders", keys);
    }

    public KeyedLoad(MigratorHttp app, String topic, int keys) {
        this(app, topic, keys, java.time.Duration.ZERO);
    }

    /** As fast as answers come, with {@code pause} after each answer (many loads on one machine). */
    public KeyedLoad(MigratorHttp app, String topic, int keys, java.time.Duration pause) {
        this.app = app;
        this.topic = topic;
        this.keys = keys;
        this.pauseNanos = pause.toNanos();
        this.thread = new Thread(this::run, "keyed-load");
        thread.start();
    }

    private void run() {
        int[] next = new int[keys];
        int[] tried = new int[keys];
        java.util.Arrays.fill(tried, -1);
        int i = 0;
        while (running.get()) {
            int key = i++ % keys;
            String value = "key-" + key + ":" + next[key];
            if (tried[key] != next[key]) {
                distinctSent.incrementAndGet();
                tried[key] = next[key];
            }
            java.net.http.HttpResponse<String> response;
            try {
                response = app.post("/topics/" + topic + "?key=key-" + key, "text/plain", value);
            } catch (IllegalStateException e) {
                // No answer (the app is down or was killed mid-request): the same value is sent
                // again, so a record stored without an answer shows as a duplicate, never a gap.
                failures.add(NO_ANSWER);
                java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L);
                continue;
            }
            if (pauseNanos > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(pauseNanos);
            }
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

    /** Distinct values sent at least once (a value retried after a failure counts once). */
    public int sentCount() {
        return distinctSent.get();
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
