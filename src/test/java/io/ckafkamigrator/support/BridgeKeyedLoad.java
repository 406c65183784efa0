package io.ckafkamigrator.support;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Continuous keyed, sequence-numbered load as an HTTP producer of the Kafka Bridge sends it:
 * {@code POST /topics/<topic>} with {@code application/vnd.kafka.text.v2+json}, each request
 * one record per key ({@code bridge-<k>:<seq>}, key {@code bridge-<k>}), one request at a time.
 * A record whose entry has an offset is acknowledged and its key moves on; one whose entry is
 * an error (or a request without a 200) is sent again in the next request, so a record stored
 * without an acknowledgement shows as a duplicate, never as a gap. Values are stored as their
 * text, as {@link KeyedLoad}'s are, so both loads can be checked together.
 */
public final class BridgeKeyedLoad implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MigratorHttp app;
    private final String topic;
    private final int keys;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<String> acknowledged = new CopyOnWriteArrayList<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final Thread thread;

    public BridgeKeyedLoad(MigratorHttp app, String topic, int keys) {
        this.app = app;
        this.topic = topic;
        this.keys = keys;
        this.thread = new Thread(this::run, "bridge-keyed-load");
        thread.start();
    }

    private void run() {
        int[] next = new int[keys];
        while (running.get()) {
            StringBuilder body = new StringBuilder("{\"records\":[");
            for (int key = 0; key < keys; key++) {
                body.append(key == 0 ? "" : ",").append("{\"key\":\"bridge-").append(key).append("\",\"value\":\"")
                        .append(value(key, next[key])).append("\"}");
            }
            HttpResponse<String> response;
            try {
                response = app.post("/topics/" + topic, "application/vnd.kafka.text.v2+json", body.append("]}").toString());
            } catch (IllegalStateException e) {
                failures.add("no answer");
                java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L);
                continue;
            }
            if (response.statusCode() != 200) {
                failures.add(response.statusCode() + " " + response.body());
                continue;
            }
            try {
                JsonNode offsets = JSON.readTree(response.body()).get("offsets");
                for (int key = 0; key < keys; key++) {
                    if (offsets.get(key).has("offset")) {
                        acknowledged.add(value(key, next[key]++));
                    } else {
                        failures.add(offsets.get(key).toString());
                    }
                }
            } catch (Exception e) {
                failures.add("unreadable answer " + response.body());
            }
        }
    }

    private static String value(int key, int sequence) {
        return "bridge-" + key + ":" + sequence;
    }

    public int acknowledgedCount() {
        return acknowledged.size();
    }

    public List<String> acknowledged() {
        return List.copyOf(acknowledged);
    }

    public List<String> failures() {
        return List.copyOf(failures);
    }

    /** Stops sending and waits for the last request to be answered. */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(60_000);
    }
}
