package io.ckafkamigrator.support;

import java.net.http.HttpResponse;

/** A running migrator as its HTTP clients see it, in this JVM or as a separate process. */
public interface MigratorHttp {

    /** POSTs a body as the operator; throws when no answer comes (the app is down). */
    HttpResponse<String> post(String path, String contentType, String body);

    /** A request without a body, as the operator ({@code /observe/*} on the management port). */
    HttpResponse<String> request(String method, String path);

    /** The topic's status JSON ({@code GET /api/migrations/{topic}}), as the operator reads it. */
    default String status(String topic) {
        return request("GET", "/api/migrations/" + topic).body();
    }
}
