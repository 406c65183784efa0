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
 */
public final class ControlAudit {

    private static final String ACTOR = "auditActor";
    private static final String REMOTE = "auditRemote";
    private static final String ACTION = "auditAction";
    private static final String TOPIC = "auditTopic";
    private static final String QUERY = "auditQuery";
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
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("actor", exchange.getProperty(ACTOR));
        details.put("remote", exchange.getProperty(REMOTE));
        details.put("action", exchange.getProperty(ACTION));
        details.put("query", exchange.getProperty(QUERY));
        details.put("status", status);
        details.put("result", status != null && status < 300 ? "ok" : errorCode(exchange));
        trail.record(new AuditEvent(clock.instant(), (String) exchange.getProperty(TOPIC), "request", details));
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
