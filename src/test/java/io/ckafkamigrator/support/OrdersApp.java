package io.ckafkamigrator.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The shipped {@code orders} topic run by the real main class: both clusters get a fresh
 * {@code orders} topic and no consumer groups, then the app starts against them with an HTTP
 * sink. Closing it releases a held sink, stops the app, then the sink.
 */
public final class OrdersApp implements AutoCloseable {

    public static final String TOPIC = "orders";
    public static final String LEGACY_GROUP = "orders-consumer";
    public static final String CKAFKA_GROUP = "orders-consumer-ckafka";

    private final HttpSink sink;
    private final RunningMigrator app;

    private OrdersApp(HttpSink sink, RunningMigrator app) {
        this.sink = sink;
        this.app = app;
    }

    /** Starts on the shared pair with these properties on top of {@link RunningMigrator#overrides}. */
    static OrdersApp start(TwoClusters clusters, Map<String, String> properties) {
        return start(clusters.legacy(), clusters.ckafka(), properties);
    }

    /** Starts on these two clusters; {@code properties} may point the app at another address of {@code ckafka}. */
    public static OrdersApp start(KafkaTestCluster legacy, KafkaTestCluster ckafka, Map<String, String> properties) {
        legacy.recreateTopic(TOPIC, 3, LEGACY_GROUP);
        legacy.commitAtEnd(LEGACY_GROUP, TOPIC);
        return launch(legacy, ckafka, properties);
    }

    /**
     * Starts on {@code legacy} as the caller prepared it (its {@code orders} topic and legacy
     * group), with a fresh {@code orders} topic in CKafka and the shipped settings.
     */
    public static OrdersApp startOnPrepared(KafkaTestCluster legacy, KafkaTestCluster ckafka) {
        return launch(legacy, ckafka, Map.of());
    }

    private static OrdersApp launch(KafkaTestCluster legacy, KafkaTestCluster ckafka, Map<String, String> properties) {
        ckafka.recreateTopic(TOPIC, 3, CKAFKA_GROUP);
        HttpSink sink = newSink();
        try {
            Map<String, String> overrides = new HashMap<>(RunningMigrator.overrides(legacy, ckafka, sink));
            overrides.putAll(RunningMigrator.QUICK_STOPPING_CONSUMERS);
            overrides.putAll(RunningMigrator.QUICK_REBALANCING_CONSUMERS);
            overrides.putAll(properties);
            return new OrdersApp(sink, RunningMigrator.start(overrides));
        } catch (RuntimeException e) {
            sink.close();
            throw e;
        }
    }

    private static HttpSink newSink() {
        try {
            return new HttpSink();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public RunningMigrator app() {
        return app;
    }

    public HttpSink sink() {
        return sink;
    }

    @Override
    public void close() throws InterruptedException {
        // A test may end with the sink still held; a delivery waiting there would hold up the stop.
        sink.release();
        try {
            app.close();
        } finally {
            sink.close();
        }
    }
}
