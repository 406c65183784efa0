package io.ckafkamigrator.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP endpoint the migrator's consumers deliver to (the sink property points at it).
 * Records every accepted delivery with the Kafka coordinates the consumer sent as headers, and
 * can refuse a given value a number of times with 500 to simulate a failing downstream.
 */
public final class HttpSink implements AutoCloseable {

    /** One record the sink accepted. */
    public record Delivery(String key, String value, int partition, long offset) {
    }

    private final HttpServer server;
    private final List<Delivery> accepted = new CopyOnWriteArrayList<>();
    private final List<Long> acceptedAtMillis = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();
    private final AtomicInteger refused = new AtomicInteger();
    private volatile java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(0);
    private volatile long delayMillis;

    public HttpSink() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/sink", this::handle);
        server.start();
    }

    private void handle(HttpExchange exchange) throws IOException {
        awaitRelease();
        String value = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        AtomicInteger left = failuresLeft.get(value);
        int status = 200;
        if (left != null && left.getAndDecrement() > 0) {
            status = 500;
            refused.incrementAndGet();
        } else {
            var headers = exchange.getRequestHeaders();
            synchronized (this) {
                accepted.add(new Delivery(headers.getFirst("kafka.KEY"), value,
                        Integer.parseInt(headers.getFirst("kafka.PARTITION")),
                        Long.parseLong(headers.getFirst("kafka.OFFSET"))));
                acceptedAtMillis.add(System.currentTimeMillis());
            }
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    /** A downstream that stalls: every delivery waits (at most 60 s) until {@link #release}. */
    public void hold() {
        held = new java.util.concurrent.CountDownLatch(1);
    }

    public void release() {
        held.countDown();
    }

    /** A slow downstream: each delivery takes at least this long to be answered. */
    public void delayEach(java.time.Duration delay) {
        delayMillis = delay.toMillis();
    }

    private void awaitRelease() {
        try {
            held.await(60, java.util.concurrent.TimeUnit.SECONDS);
            if (delayMillis > 0) {
                Thread.sleep(delayMillis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The next {@code times} deliveries of {@code value} get a 500. */
    public void failNext(String value, int times) {
        failuresLeft.put(value, new AtomicInteger(times));
    }

    public synchronized List<Delivery> acceptedSnapshot() {
        return List.copyOf(accepted);
    }

    public List<Delivery> accepted() {
        return List.copyOf(accepted);
    }

    /** Wall-clock milliseconds at which each accepted delivery arrived, in the same order. */
    public synchronized List<Long> acceptedAtMillis() {
        return List.copyOf(acceptedAtMillis);
    }

    public int refusedCount() {
        return refused.get();
    }

    public String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/sink";
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }
}
