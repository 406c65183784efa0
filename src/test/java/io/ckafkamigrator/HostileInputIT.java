package io.ckafkamigrator;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;

import io.ckafkamigrator.support.ApiUsers;
import io.ckafkamigrator.support.KafkaTestCluster;
import io.ckafkamigrator.support.MigratorExtension;
import io.ckafkamigrator.support.Name;
import io.ckafkamigrator.support.OrdersMigrator;
import io.ckafkamigrator.support.RawHttp;
import io.ckafkamigrator.support.RunningMigrator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static io.ckafkamigrator.support.Json.field;
import static io.ckafkamigrator.support.OrdersApp.TOPIC;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated malformed and hostile requests, sent as raw bytes to a running app. Each kind is
 * one that must not succeed (bad credentials, path tricks, wrong methods, bad parameters,
 * bodies that cannot be records, protocol garbage), so after all of them the migration must
 * be exactly where it was, with nothing stored, and the app must still serve.
 */
@ExtendWith(MigratorExtension.class)
class HostileInputIT {

    private static final int REQUESTS = 1_200;
    private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE",
            "CONNECT", "FOO", "G\u00c9T", "POST POST", ""};
    private static final String[] TRICK_PATHS = {
            "/api/migrations/../../topics/orders", "/api/migrations/orders/../orders/switch-producer",
            "/api/migrations/orders/./switch-producer", "/api/migrations/orders%2Fswitch-producer",
            "/api/migrations/orders/switch-producer/", "/api//migrations/orders/switch-producer",
            "/topics/%2e%2e/topics/orders", "/topics/orders/", "/topics//orders", "/topics/..%2Forders",
            "/topics/orders%00", "/topics/ord\u00e9rs", "/api/migrations/\u8ba2\u5355/cutover", "/topics/or\\ders",
            "/API/migrations/orders/switch-producer", "/topics/ORDERS", "/topics/orders;x=1", "/%2e%2e/%2e%2e/etc/passwd"};
    private static final String[] BAD_WAITS = {"abc", "-1", "301", "99999999999999999999", "1e3", "", "%20", "%00",
            "1;2", "1&wait=2", "0x10", "\u0661", "NaN", "1.5"};

    /**
     * Requests a server may answer by hanging up: it cannot tell where they end. The first two
     * are incomplete (blank lines before a request line are skipped; a body shorter than its
     * Content-Length), so the client gives up on them; the last has a chunk size that is not hex,
     * found only once the request was handed on.
     */
    private static final List<byte[]> HANG_UP_ALLOWED = List.of(
            "\r\n\r\n".getBytes(StandardCharsets.UTF_8),
            "POST /topics/orders HTTP/1.1\r\nHost: x\r\nContent-Length: 50\r\n\r\nshort".getBytes(StandardCharsets.UTF_8),
            "POST /topics/orders HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n"
                    .getBytes(StandardCharsets.UTF_8));

    private final Random random = new Random(20_261_122L);

    @Name("legacy") private KafkaTestCluster legacy;
    @Name("ckafka") private KafkaTestCluster ckafka;
    @OrdersMigrator private RunningMigrator app;

    @Test
    void shouldAnswerEveryHostileRequestWithA4xxChangeNothingAndStayHealthy() throws Exception {
        // Given
        // The app in LEGACY with nothing stored.
        Map<String, Supplier<byte[]>> kinds = new TreeMap<>(Map.of("bad-credentials", this::badCredentials,
                "trick-path", this::trickPath, "unknown-topic", this::unknownTopic, "wrong-method", this::wrongMethod,
                "bad-wait", this::badWait, "unusable-body", this::unusableBody, "protocol-garbage", this::protocolGarbage,
                "huge-header", this::hugeHeader));
        List<String> kindNames = List.copyOf(kinds.keySet());
        Map<String, Map<Integer, Integer>> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();

        // When
        for (int i = 0; i < REQUESTS; i++) {
            String kind = kindNames.get(random.nextInt(kindNames.size()));
            byte[] request = kinds.get(kind).get();
            int hangUp = indexOf(HANG_UP_ALLOWED, request);
            int status = hangUp == 0 || hangUp == 1 ? RawHttp.sendAndGiveUp(app.port(), request)
                    : RawHttp.send(app.port(), request);
            statuses.computeIfAbsent(kind, k -> new TreeMap<>()).merge(status, 1, Integer::sum);
            if ((status >= 500 && !unsupportedVersion(request)) || status == RawHttp.NO_ANSWER
                    || (status == RawHttp.CLOSED && hangUp < 0)
                    || (status >= 200 && status < 300 && !readOnly(request))) {
                failures.add(status + " <- " + new String(request, 0, Math.min(request.length, 300), StandardCharsets.UTF_8));
            }
        }
        HttpResponse<String> afterwards = app.post("/topics/orders?key=k", "text/plain", "still-serving");

        // Then
        System.out.println("hostile requests by kind and answer status (-1: closed without an answer, only "
                + "allowed for a request whose end the server cannot tell): " + statuses);
        assertThat(failures).isEmpty();
        assertThat(field(app.status("orders"), "phase")).isEqualTo("LEGACY");
        assertThat(field(app.status("orders"), "producer")).isEqualTo("legacy");
        assertThat(legacy.endOffsetSum(TOPIC)).as("only the request after them stored a record").isEqualTo(1);
        assertThat(ckafka.endOffsetSum(TOPIC)).isZero();
        assertThat(app.request("GET", "/observe/health").statusCode()).isEqualTo(200);
        assertThat(afterwards.statusCode()).isEqualTo(200);
    }

    /**
     * Vert.x answers a request line with an HTTP version other than 1.0/1.1 with 501 before any
     * handler runs (not configurable through Camel); it is the one 5xx allowed, and it has no body.
     */
    private static boolean unsupportedVersion(byte[] request) {
        return new String(request, StandardCharsets.ISO_8859_1).startsWith("GET /api/migrations HTTP/9.9\r\n");
    }

    private static int indexOf(List<byte[]> requests, byte[] request) {
        for (int i = 0; i < requests.size(); i++) {
            if (Arrays.equals(requests.get(i), request)) {
                return i;
            }
        }
        return -1;
    }

    /** GET, HEAD and OPTIONS may answer 2xx: they change nothing. */
    private static boolean readOnly(byte[] request) {
        String text = new String(request, StandardCharsets.ISO_8859_1);
        return text.startsWith("GET ") || text.startsWith("HEAD ") || text.startsWith("OPTIONS ");
    }

    private byte[] badCredentials() {
        String[] authorizations = {null, ApiUsers.basic(ApiUsers.OPERATOR, "guess" + random.nextInt(1000)),
                ApiUsers.basic("admin", "admin"), "Basic " + "A".repeat(random.nextInt(3000)), "Basic ::::",
                "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJvcGVyYXRvciJ9.", "Digest username=operator", "basic"};
        String[] paths = {"/api/migrations/orders/switch-producer", "/api/migrations/orders/cutover?wait=1",
                "/topics/orders?key=k", "/api/migrations", "/api/migrations/orders/history"};
        return request("POST", pick(paths), authorizations[random.nextInt(authorizations.length)], "text/plain",
                "value".getBytes(StandardCharsets.UTF_8));
    }

    private byte[] trickPath() {
        return request(pick(new String[] {"POST", "GET"}), pick(TRICK_PATHS), ApiUsers.operator(), "text/plain",
                "trick".getBytes(StandardCharsets.UTF_8));
    }

    private byte[] unknownTopic() {
        String[] names = {"payments", "orders2", "x".repeat(250 + random.nextInt(4000)), randomName(),
                "orders.yaml", "%6frders", "null", "*", "orders*"};
        String[] templates = {"/topics/%s?key=k", "/api/migrations/%s/switch-producer", "/api/migrations/%s/cutover",
                "/api/migrations/%s", "/api/migrations/%s/history"};
        return request(pick(new String[] {"POST", "GET"}), String.format(pick(templates), pick(names)),
                ApiUsers.operator(), "text/plain", randomBytes(random.nextInt(64)));
    }

    private byte[] wrongMethod() {
        String[] paths = {"/api/migrations/orders/switch-producer", "/api/migrations/orders/cutover", "/topics/orders",
                "/api/migrations", "/api/migrations/orders", "/api/migrations/orders/history"};
        String path = pick(paths);
        String method;
        do {
            method = pick(METHODS);
        } while (allowed(method, path));
        return request(method, path, ApiUsers.operator(), "text/plain", randomBytes(random.nextInt(32)));
    }

    private static boolean allowed(String method, String path) {
        boolean postPath = path.endsWith("switch-producer") || path.endsWith("cutover") || path.startsWith("/topics/");
        return method.equals(postPath ? "POST" : "GET");
    }

    /** In LEGACY a well-formed cutover is refused (409); a malformed wait must be refused too (400). */
    private byte[] badWait() {
        return request("POST", "/api/migrations/orders/cutover?wait=" + pick(BAD_WAITS), ApiUsers.operator(),
                "text/plain", new byte[0]);
    }

    private byte[] unusableBody() {
        int kind = random.nextInt(4);
        if (kind == 0) {
            return request("POST", "/topics/orders?key=k", ApiUsers.operator(), "text/plain", new byte[0]);
        } else if (kind == 1) {
            return request("POST", "/topics/orders?key=k", ApiUsers.operator(), "application/x-www-form-urlencoded",
                    "a=1&b=2".getBytes(StandardCharsets.UTF_8));
        } else if (kind == 2) {
            return request("POST", "/topics/orders", ApiUsers.operator(), "multipart/form-data; boundary=x",
                    "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--x--\r\n".getBytes(StandardCharsets.UTF_8));
        }
        // Above the topic's limit (1 MiB less record overhead): rarely, the bodies are large
        return request("POST", "/topics/orders?key=k", ApiUsers.operator(), "application/octet-stream",
                randomBytes(1_048_400 + random.nextInt(200_000)));
    }

    private byte[] protocolGarbage() {
        String[] lines = {"GET /api/migrations HTTP/9.9\r\n\r\n", "POST\r\n\r\n",
                "GET /api/migrations\r\n\r\n", "POST /topics/orders HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\nabc",
                "POST /topics/orders HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 9\r\n\r\nabc",
                "GET /api/migrations HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n"};
        int kind = random.nextInt(5);
        if (kind == 0) {
            return HANG_UP_ALLOWED.get(random.nextInt(HANG_UP_ALLOWED.size()));
        } else if (kind <= 2) {
            return pick(lines).getBytes(StandardCharsets.UTF_8);
        }
        // Ends like a request head, so that the server has all it will get and must decide
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(randomBytes(1 + random.nextInt(512)));
        bytes.writeBytes("\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        return bytes.toByteArray();
    }

    private byte[] hugeHeader() {
        String header = "X-Record-Key: " + "k".repeat(9_000 + random.nextInt(20_000)) + "\r\n";
        return ("POST /topics/orders HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + ApiUsers.operator() + "\r\n"
                + header + "Content-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] request(String method, String path, String authorization, String contentType, byte[] body) {
        StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1\r\nConnection: close\r\n");
        if (authorization != null) {
            head.append("Authorization: ").append(authorization).append("\r\n");
        }
        head.append("Content-Type: ").append(contentType).append("\r\nContent-Length: ").append(body.length).append("\r\n\r\n");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(body);
        return bytes.toByteArray();
    }

    private String randomName() {
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < 1 + random.nextInt(40); i++) {
            name.appendCodePoint(0x21 + random.nextInt(0x2000));
        }
        return name.toString().replace(" ", "").replace("?", "").replace("#", "");
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }
}
