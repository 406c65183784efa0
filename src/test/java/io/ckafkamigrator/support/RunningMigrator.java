package io.ckafkamigrator.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.ckafkamigrator.MigratorApp;
import io.ckafkamigrator.MigratorOptions;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.main.Main;

import static org.awaitility.Awaitility.await;

/**
 * The real main class, started in this JVM with the repository's config/ and routes/ files,
 * pointed at the test clusters and an HTTP sink, on a free port. Closing it stops Camel the
 * way SIGTERM would.
 */
public final class RunningMigrator implements MigratorHttp, AutoCloseable {

    // Replaced by restart(); read by whichever thread asks for the Camel context.
    private volatile Main main;
    private volatile Thread runner;
    private final int port;
    private final int managementPort;
    private final HttpClient http = HttpCalls.newClient();
    private final Map<String, String> overrides;
    private final String stateDir;

    private RunningMigrator(Map<String, String> overrides) {
        this.overrides = Map.copyOf(overrides);
        this.port = Integer.parseInt(overrides.get("camel.server.port"));
        this.managementPort = Integer.parseInt(overrides.get("camel.management.port"));
        this.stateDir = overrides.get("migration.state-dir");
    }

    /**
     * The consumers' poll timeout of the integration tests (shipped: 1 s). A consumer route
     * takes up to one poll to stop, so with the shipped value every stop of the app took a
     * second or more per consumer. The test of the handoff pause sets the shipped value again;
     * the benchmarks keep it.
     */
    public static final Map<String, String> QUICK_STOPPING_CONSUMERS = Map.of("migration.consumer.poll-timeout-ms", "100");

    /**
     * The heartbeat of the integration tests' consumers on both clusters (Kafka's default: 3 s).
     * A member learns at its next heartbeat that another joined or left its group, so each such
     * rebalance made the tests wait up to 3 s.
     */
    public static final Map<String, String> QUICK_REBALANCING_CONSUMERS = Map.of(
            "legacy.client.heartbeat.interval.ms", "300", "ckafka.client.heartbeat.interval.ms", "300");

    /** Overrides for two real clusters, no embedded brokers, a free HTTP port and the sink. */
    public static Map<String, String> overrides(TwoClusters clusters, HttpSink sink) {
        return overrides(clusters.legacy(), clusters.ckafka(), sink);
    }

    public static Map<String, String> overrides(KafkaTestCluster legacy, KafkaTestCluster ckafka, HttpSink sink) {
        Map<String, String> props = new HashMap<>();
        props.put("migration.embedded.enabled", "false");
        props.put("legacy.bootstrap-servers", legacy.bootstrapServers());
        props.put("ckafka.bootstrap-servers", ckafka.bootstrapServers());
        props.put("migration.sink.orders", sink.uri());
        try {
            props.put("migration.state-dir", java.nio.file.Files.createTempDirectory("migrator-state-").toString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        int port = freePort();
        props.put("camel.server.port", String.valueOf(port));
        props.put("camel.management.port", String.valueOf(freePortOtherThan(port)));
        props.put("camel.server.basic-properties-file", ApiUsers.USERS_FILE);
        return props;
    }

    public static RunningMigrator start(Map<String, String> overrides) {
        RunningMigrator app = new RunningMigrator(overrides);
        app.launch();
        return app;
    }

    /** Stops the app the way SIGTERM would and starts it again on the same ports and state directory. */
    public void restart() throws InterruptedException {
        close();
        launch();
    }

    private void launch() {
        Main next = MigratorApp.create(MigratorOptions.parse(), overrides);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                next.run();
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "migrator-under-test");
        thread.start();
        await().atMost(60, TimeUnit.SECONDS).until(() -> failure.get() != null || started(next));
        if (failure.get() != null) {
            throw new IllegalStateException("migrator failed to start", failure.get());
        }
        main = next;
        runner = thread;
    }

    private static boolean started(Main main) {
        CamelContext context = main.getCamelContext();
        return context != null && context.getStatus() == ServiceStatus.Started;
    }

    public String stateDir() {
        return stateDir;
    }

    public Map<String, String> overrides() {
        return overrides;
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    /** POSTs a body as the operator. */
    @Override
    public HttpResponse<String> post(String path, String contentType, String body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** POSTs a text body with one extra request header, as the operator. */
    public HttpResponse<String> send(String path, String header, String headerValue, String body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "text/plain").header(header, headerValue)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A request without a body, as the operator ({@code /observe/*} without credentials). */
    @Override
    public HttpResponse<String> request(String method, String path) {
        return send(HttpRequest.newBuilder(uri(path)).method(method, HttpRequest.BodyPublishers.noBody()));
    }

    /** A request with the given {@code Authorization} header, or none when it is null. */
    public HttpResponse<String> requestAs(String authorization, String method, String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return exchange(request);
    }

    /** POSTs a text body with the given {@code Authorization} header, or none when it is null. */
    public HttpResponse<String> postAs(String authorization, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return exchange(request);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        if (!isManagement(request.build().uri().getPath())) {
            request.header("Authorization", ApiUsers.operator());
        }
        return exchange(request);
    }

    private HttpResponse<String> exchange(HttpRequest.Builder request) {
        return HttpCalls.exchange(http, request);
    }

    private static boolean isManagement(String path) {
        return path.startsWith("/observe");
    }

    /** {@code /observe/*} goes to the management port, everything else to the API port. */
    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + (isManagement(path) ? managementPort : port) + path);
    }

    public int port() {
        return port;
    }

    @Override
    public void close() throws InterruptedException {
        main.completed();
        runner.join(TimeUnit.SECONDS.toMillis(60));
    }

    /**
     * A free port that is not {@code taken}: the OS may hand out the port just closed again, and
     * the app refuses a management port equal to its API port.
     */
    public static int freePortOtherThan(int taken) {
        int port = freePort();
        while (port == taken) {
            port = freePort();
        }
        return port;
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
