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
 * The webhooks a topic's hook routes call ({@code to: http://...}): each path runs the test's
 * action (stop a service, start one) and answers 200, or 500 if the action threw. Records every
 * call with its body and answer, and can answer 500 to the first calls of a path without
 * running its action, as a deployment tool that is not reachable yet.
 */
public final class WebhookServer implements AutoCloseable {

    /** One call of a hook path: the body the migrator sent and the status it got. */
    public record Call(String body, int status) {
    }

    private final HttpServer server;
    private final Map<String, List<Call>> calls = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();

    public WebhookServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.start();
    }

    /** Answers the calls of {@code path} by running {@code action}. */
    public WebhookServer on(String path, Runnable action) {
        calls.put(path, new CopyOnWriteArrayList<>());
        server.createContext(path, exchange -> handle(path, action, exchange));
        return this;
    }

    /** The next {@code times} calls of {@code path} get a 500, and its action does not run. */
    public WebhookServer failFirst(String path, int times) {
        failuresLeft.put(path, new AtomicInteger(times));
        return this;
    }

    private void handle(String path, Runnable action, HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        int status = 200;
        AtomicInteger left = failuresLeft.get(path);
        if (left != null && left.getAndDecrement() > 0) {
            status = 500;
        } else {
            try {
                action.run();
            } catch (RuntimeException e) {
                status = 500;
            }
        }
        calls.get(path).add(new Call(body, status));
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    /** The calls of {@code path} so far, in order. */
    public List<Call> calls(String path) {
        return List.copyOf(calls.getOrDefault(path, List.of()));
    }

    /** The address of {@code path}, for a hook route's {@code to:}. */
    public String uri(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
