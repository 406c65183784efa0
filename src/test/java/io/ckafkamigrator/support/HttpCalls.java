package io.ckafkamigrator.support;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP exchange of a test with the migrator; no answer at all is an {@link IllegalStateException}.
 * An exchange still unanswered after {@link #SLOW} logs every thread of the JVM (the migrator
 * under test runs in it), so a test that times out waiting for an answer says where it hung.
 */
public final class HttpCalls {

    private static final Logger LOG = LoggerFactory.getLogger(HttpCalls.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Duration SLOW = Duration.ofSeconds(10);

    private HttpCalls() {
    }

    /**
     * A client that speaks HTTP/1.1, as Prometheus, probes and curl do. The JDK's default would
     * first try to upgrade each new connection to cleartext HTTP/2 (h2c), a path no operator's
     * tool takes.
     */
    public static HttpClient newClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    static HttpResponse<String> exchange(HttpClient http, HttpRequest.Builder request) {
        HttpRequest built = request.timeout(TIMEOUT).build();
        CompletableFuture<HttpResponse<String>> answer = http.sendAsync(built, HttpResponse.BodyHandlers.ofString());
        try {
            try {
                return answer.get(SLOW.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException slow) {
                LOG.warn("No answer after {} to {} {}; the JVM's threads:\n{}", SLOW, built.method(), built.uri(), threadDump());
                return answer.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("no answer from the migrator", e.getCause());
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String threadDump() {
        StringBuilder dump = new StringBuilder();
        for (ThreadInfo thread : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
            dump.append('"').append(thread.getThreadName()).append("\" ").append(thread.getThreadState());
            if (thread.getLockName() != null) {
                dump.append(" on ").append(thread.getLockName());
            }
            if (thread.getLockOwnerName() != null) {
                dump.append(" owned by \"").append(thread.getLockOwnerName()).append('"');
            }
            dump.append('\n');
            for (StackTraceElement frame : thread.getStackTrace()) {
                dump.append("    at ").append(frame).append('\n');
            }
        }
        return dump.toString();
    }
}
