package io.ckafkamigrator.camel;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import io.ckafkamigrator.core.AuditEvent;
import io.ckafkamigrator.core.AuditTrail;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.auth.User;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpConstants;

/**
 * Records each state-changing control request in the audit trail: {@link #begin} runs first in
 * the route and keeps who and from where (the reply removes the request headers), {@link #end}
 * runs in the route's {@code doFinally} and records the answer, refusals included.
 *
 * <p>A batch request ({@link BatchControl}) is recorded per topic: once its topics are known it
 * is marked ({@link #perTopic}), each topic's request is recorded as that topic's single
 * request would be, with the batch's actor, remote, action and query and the topic's own
 * status and result ({@link #recordTopic}), and {@link #end} records nothing more for it. A
 * batch refused as a whole (a bad path or {@code topics}, the control still starting) touched
 * no topic: {@link #end} records it once, with an empty topic. Safe to call from any thread.
 */
public final class ControlAudit {

    private static final String ACTOR = "auditActor";
    private static final String REMOTE = "auditRemote";
    private static final String ACTION = "auditAction";
    private static final String TOPIC = "auditTopic";
    private static final String QUERY = "auditQuery";
    private static final String PER_TOPIC = "auditPerTopic";
    private static final int MAX_FIELD = 256;

    private final AuditTrail trail;
    private final Clock clock;

    public ControlAudit(AuditTrail trail, Clock clock) {
        this.trail = trail;
        this.clock = clock;
    }

    /** Keeps the request's facts; the action is the last path segment ({@code switch-producer}, {@code cutover}). */
    public void begin(Exchange exchange) {
        var message = exchange.getMessage();
        User user = message.getHeader(VertxPlatformHttpConstants.AUTHENTICATED_USER, User.class);
        SocketAddress remote = message.getHeader(VertxPlatformHttpConstants.REMOTE_ADDRESS, SocketAddress.class);
        String path = message.getHeader(Exchange.HTTP_PATH, "", String.class);
        exchange.setProperty(ACTOR, user == null ? "anonymous" : clip(user.subject()));
        exchange.setProperty(REMOTE, remote == null ? "unknown" : remote.hostAddress());
        exchange.setProperty(ACTION, clip(path.substring(path.lastIndexOf('/') + 1)));
        exchange.setProperty(TOPIC, clip(message.getHeader("topic", "", String.class)));
        exchange.setProperty(QUERY, clip(decode(message.getHeader(Exchange.HTTP_QUERY, "", String.class))));
    }

    /** Records the request with the status and error code of the answer already in the message. */
    public void end(Exchange exchange) {
        if (exchange.getProperty(PER_TOPIC, false, Boolean.class)) {
            return; // a batch: each of its topics is recorded already
        }
        record(exchange, (String) exchange.getProperty(TOPIC), exchange);
    }

    /** The batch request {@code batch} is recorded per topic from now on, not by {@link #end}. */
    void perTopic(Exchange batch) {
        batch.setProperty(PER_TOPIC, true);
    }

    /**
     * Records one topic of a batch request as that topic's single request: who, from where, the
     * action and the query of the batch (kept by {@link #begin}), and the status and error code of
     * {@code answer}, the answer the single request would have given.
     */
    void recordTopic(Exchange batch, String topic, Exchange answer) {
        record(batch, clip(topic), answer);
    }

    private void record(Exchange request, String topic, Exchange answer) {
        Integer status = answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("actor", request.getProperty(ACTOR));
        details.put("remote", request.getProperty(REMOTE));
        details.put("action", request.getProperty(ACTION));
        details.put("query", request.getProperty(QUERY));
        details.put("status", status);
        details.put("result", status != null && status < 300 ? "ok" : errorCode(answer));
        trail.record(new AuditEvent(clock.instant(), topic, "request", details));
    }

    private static String errorCode(Exchange exchange) {
        String body = exchange.getMessage().getBody(String.class);
        int at = body == null ? -1 : body.indexOf("\"error\":\"");
        if (at < 0) {
            return "failed";
        }
        int from = at + 9;
        int to = body.indexOf('"', from);
        return to < 0 ? "failed" : clip(body.substring(from, to));
    }

    private static String decode(String query) {
        try {
            return URLDecoder.decode(query, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return query;
        }
    }

    /** Request-supplied text is cut short, so a hostile request cannot bloat the trail. */
    private static String clip(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= MAX_FIELD ? text : text.substring(0, MAX_FIELD) + "...";
    }
}
