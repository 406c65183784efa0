package io.ckafkamigrator.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import io.ckafkamigrator.support.ApiUsers;

/**
 * {@code clients} threads, each with its own HTTP client (a kept-alive HTTP/1.1 connection),
 * POSTing Kafka Bridge binary-format batches ({@code application/vnd.kafka.binary.v2+json})
 * to {@code /topics/<topic>} with basic auth for a fixed time, one request at a time each.
 * Counts the records the app acknowledged (the entries with an offset in 200 answers) and the
 * records it did not (error entries, and every record of a request not answered 200).
 */
final class BridgeClients {

    static final String CONTENT_TYPE = "application/vnd.kafka.binary.v2+json";

    /** The keys and values of one request's records, for the body and for the raw producer alike. */
    record Batch(List<byte[]> keys, List<byte[]> values) {

        int size() {
            return values.size();
        }

        /** The bridge request body: {@code {"records":[{"key":"<base64>","value":"<base64>"},...]}}. */
        byte[] body() {
            Base64.Encoder base64 = Base64.getEncoder();
            StringBuilder json = new StringBuilder("{\"records\":[");
            for (int i = 0; i < values.size(); i++) {
                json.append(i == 0 ? "" : ",").append("{\"key\":\"").append(base64.encodeToString(keys.get(i)))
                        .append("\",\"value\":\"").append(base64.encodeToString(values.get(i))).append("\"}");
            }
            return json.append("]}").toString().getBytes(StandardCharsets.US_ASCII);
        }

        /** {@code records} records of {@link Preload#RECORD_BYTES} random bytes, keyed {@code key-0} to {@code key-63}. */
        static Batch random(Random random, int records) {
            List<byte[]> keys = new ArrayList<>(records);
            List<byte[]> values = new ArrayList<>(records);
            for (int i = 0; i < records; i++) {
                keys.add(("key-" + (i % 64)).getBytes(StandardCharsets.US_ASCII));
                byte[] value = new byte[Preload.RECORD_BYTES];
                random.nextBytes(value);
                values.add(value);
            }
            return new Batch(List.copyOf(keys), List.copyOf(values));
        }
    }

    record Result(long acknowledged, long failed, long requests, double seconds) {
        double recordsPerSecond() {
            return acknowledged / seconds;
        }
    }

    private BridgeClients() {
    }

    /** @param bodies one request body per client, sent again and again */
    static Result run(int port, String topic, List<byte[]> bodies, int recordsPerRequest, Duration duration)
            throws InterruptedException {
        AtomicLong acknowledged = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong requests = new AtomicLong();
        String authorization = ApiUsers.operator();
        URI uri = URI.create("http://127.0.0.1:" + port + "/topics/" + topic);
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        for (int c = 0; c < bodies.size(); c++) {
            byte[] body = bodies.get(c);
            Thread thread = new Thread(() -> {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", authorization)
                        .header("Content-Type", CONTENT_TYPE).timeout(Duration.ofSeconds(60))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
                while (System.nanoTime() < end) {
                    requests.incrementAndGet();
                    try {
                        HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
                        if (answer.statusCode() == 200) {
                            long stored = count(answer.body(), "\"offset\":");
                            acknowledged.addAndGet(stored);
                            failed.addAndGet(recordsPerRequest - stored);
                        } else {
                            failed.addAndGet(recordsPerRequest);
                        }
                    } catch (Exception e) {
                        failed.addAndGet(recordsPerRequest);
                    }
                }
            }, "bridge-client-" + c);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join(duration.toMillis() + 120_000);
        }
        return new Result(acknowledged.get(), failed.get(), requests.get(), (System.nanoTime() - start) / 1e9);
    }

    private static long count(String text, String part) {
        long n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            n++;
        }
        return n;
    }
}
