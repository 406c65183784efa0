package io.ckafkamigrator.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The webhook a topic's hook routes call ({@code to: http://127.0.0.1:<port>/<hook>}): records
 * every call with the phase of its body and the status it answered, and performs the hook's
 * action (stop the old consumer service, start the new one). A hook can be made to fail: it
 * answers 500 and does nothing, as a deployment tool that is down.
 *
 * <p>Concurrency: calls are handled one at a time, on the server's thread.
 */
public final class HookServer implements AutoCloseable {

    public static final String STOP_LEGACY_CONSUMERS = "stop-legacy-consumers";
    public static final String START_CKAFKA_CONSUMERS = "start-ckafka-consumers";
    public static final String ON_PHASE = "on-phase";

    /** One call the server answered. */
    public record Call(String hook, String phase, int status) {

        public boolean succeeded() {
            return status == 200;
        }
    }

    /** What a hook does when it is called; throwing answers 500. */
    @FunctionalInterface
    public interface Action {
        void run() throws Exception;
    }

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, Action> actions = new ConcurrentHashMap<>();
    private final Map<String, Boolean> failing = new ConcurrentHashMap<>();

    public HookServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        for (String hook : List.of(STOP_LEGACY_CONSUMERS, START_CKAFKA_CONSUMERS, ON_PHASE)) {
            server.createContext("/" + hook, exchange -> handle(hook, exchange));
        }
        server.start();
    }

    /** The URL a hook route sends its calls of {@code hook} to. */
    public String uri(String hook) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + hook;
    }

    /** Runs {@code action} at each successful call of {@code hook}. */
    public void onCall(String hook, Action action) {
        actions.put(hook, action);
    }

    /** From now on, calls of {@code hook} answer 500 ({@code fail}) or succeed. */
    public void failing(String hook, boolean fail) {
        failing.put(hook, fail);
    }

    private void handle(String hook, HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        int status = 200;
        if (failing.getOrDefault(hook, false)) {
            status = 500;
        } else {
            try {
                actions.getOrDefault(hook, () -> { }).run();
            } catch (Exception e) {
                status = 500;
            }
        }
        calls.add(new Call(hook, Json.field(body, "phase"), status));
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The calls of {@code hook} that succeeded. */
    public List<Call> succeeded(String hook) {
        return calls.stream().filter(c -> c.hook().equals(hook) && c.succeeded()).toList();
    }

    /** The calls of {@code hook} that were answered with a failure. */
    public List<Call> failed(String hook) {
        return calls.stream().filter(c -> c.hook().equals(hook) && !c.succeeded()).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
