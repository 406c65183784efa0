package io.ckafkamigrator.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.ckafkamigrator.support.ApiUsers;

/**
 * {@code clients} threads, each with its own HTTP client (a kept-alive connection), POSTing
 * 1 KiB records to {@code /topics/<topic>} with basic auth for a fixed time, one request at a
 * time each. Counts the records the app acknowledged (200) and the answers that were not.
 */
final class IngestClients {

    record Result(long acknowledged, long failed, double seconds) {
        double recordsPerSecond() {
            return acknowledged / seconds;
        }
    }

    private IngestClients() {
    }

    static Result run(int port, String topic, int clients, Duration duration, byte[] value) throws InterruptedException {
        AtomicLong acknowledged = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        String authorization = ApiUsers.operator();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        for (int c = 0; c < clients; c++) {
            int client = c;
            Thread thread = new Thread(() -> {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                int i = 0;
                while (System.nanoTime() < end) {
                    URI uri = URI.create("http://127.0.0.1:" + port + "/topics/" + topic + "?key=key-" + client + "-" + (i++ % 16));
                    HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", authorization)
                            .header("Content-Type", "application/octet-stream").timeout(Duration.ofSeconds(30))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(value)).build();
                    try {
                        int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                        (status == 200 ? acknowledged : failed).incrementAndGet();
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
            }, "ingest-client-" + c);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join(duration.toMillis() + 60_000);
        }
        return new Result(acknowledged.get(), failed.get(), (System.nanoTime() - start) / 1e9);
    }
}
