package io.ckafkamigrator.support;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the tests that run the shipped {@code orders} topic: before each test both clusters
 * get a fresh {@code orders} topic and no consumer groups, and the real main class starts
 * against them with an HTTP sink; after it, both stop.
 */
public abstract class OrdersAppTest {

    protected static final String TOPIC = "orders";
    protected static final String LEGACY_GROUP = "orders-consumer";
    protected static final String CKAFKA_GROUP = "orders-consumer-ckafka";

    protected final TwoClusters clusters = TwoClusters.shared();
    protected HttpSink sink;
    protected RunningMigrator app;

    @BeforeEach
    void startMigrator() throws Exception {
        clusters.legacy().recreateTopic(TOPIC, 3, LEGACY_GROUP);
        clusters.ckafka().recreateTopic(TOPIC, 3, CKAFKA_GROUP);
        sink = new HttpSink();
        Map<String, String> overrides = new HashMap<>(RunningMigrator.overrides(clusters, sink));
        overrides.putAll(extraProperties());
        app = RunningMigrator.start(overrides);
    }

    /** Properties a test class sets on top of the fixture's (none by default). */
    protected Map<String, String> extraProperties() {
        return Map.of();
    }

    @AfterEach
    void stopMigrator() throws Exception {
        if (app != null) {
            app.close();
        }
        if (sink != null) {
            sink.close();
        }
    }

    /** The top-level value of {@code name} in a flat JSON answer, unquoted ("null" if null). */
    public static String field(String json, String name) {
        int at = json.indexOf("\"" + name + "\":");
        if (at < 0) {
            throw new AssertionError("no field " + name + " in " + json);
        }
        int start = at + name.length() + 3;
        int end = start;
        while (end < json.length() && ",}".indexOf(json.charAt(end)) < 0) {
            end++;
        }
        return json.substring(start, end).replace("\"", "");
    }
}
