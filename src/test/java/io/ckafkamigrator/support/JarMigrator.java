package io.ckafkamigrator.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * The packaged jar as a separate process that can be killed and started again on the same
 * ports and the same state directory, as a service manager restarts it. Between a kill and the
 * restart, requests fail as they would for a client of a crashed app.
 */
public final class JarMigrator implements MigratorHttp, AutoCloseable {

    private final List<String> properties;
    private final int port;
    private final int managementPort;
    private final HttpClient http = HttpCalls.newClient();
    private volatile JarProcess process;

    private JarMigrator(Map<String, String> overrides) {
        this.port = Integer.parseInt(overrides.get("camel.server.port"));
        this.managementPort = Integer.parseInt(overrides.get("camel.management.port"));
        this.properties = overrides.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
    }

    /** Starts the jar with {@link RunningMigrator#overrides} and waits until it is ready. */
    public static JarMigrator start(Map<String, String> overrides) throws IOException {
        JarMigrator app = new JarMigrator(overrides);
        app.launch();
        return app;
    }

    private void launch(String... extraProperties) throws IOException {
        List<String> all = new java.util.ArrayList<>(properties);
        all.addAll(List.of(extraProperties));
        process = JarProcess.start(all);
        await().atMost(90, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> request("GET", "/observe/health/ready").statusCode() == 200);
    }

    /**
     * SIGKILL (what {@link Process#destroyForcibly()} sends on Linux): no shutdown hook, no
     * commit, no flush. Returns the exit code, 137 (128 + 9) after a SIGKILL.
     */
    public int kill() throws InterruptedException {
        process.process().destroyForcibly();
        if (!process.process().waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("still running 30 s after SIGKILL");
        }
        return process.process().exitValue();
    }

    /** SIGTERM and wait for the exit, as an operator stops the service before starting it again. */
    public void stop() throws InterruptedException {
        process.terminate(60);
    }

    /** Starts the jar again with the same properties (ports, state directory). */
    public void restart() throws IOException {
        launch();
    }

    /** Starts the jar again with these extra properties for this start only (a later one wins). */
    public void restart(String... extraProperties) throws IOException {
        launch(extraProperties);
    }

    public String output() {
        return process.output();
    }

    @Override
    public HttpResponse<String> post(String path, String contentType, String body) {
        return exchange(HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
                .header("Authorization", ApiUsers.operator()).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    @Override
    public HttpResponse<String> request(String method, String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).method(method, HttpRequest.BodyPublishers.noBody());
        if (!path.startsWith("/observe")) {
            request.header("Authorization", ApiUsers.operator());
        }
        return exchange(request);
    }

    private HttpResponse<String> exchange(HttpRequest.Builder request) {
        return HttpCalls.exchange(http, request);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + (path.startsWith("/observe") ? managementPort : port) + path);
    }

    /** SIGTERM, as a service manager stops it: consumers commit and leave their groups. */
    @Override
    public void close() throws IOException {
        try {
            if (process.process().isAlive()) {
                process.terminate(60);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            process.close();
        }
    }
}
