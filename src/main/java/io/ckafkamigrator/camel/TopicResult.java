package io.ckafkamigrator.camel;

import java.util.LinkedHashMap;
import java.util.Map;

import io.ckafkamigrator.core.Json;

/**
 * One topic's part of a batch answer: the status its single request would have answered, its
 * phase after the request (null for a topic no route file defines) and, for a status from 300
 * up, that request's JSON error ({@code {"error","message"}}), else null.
 */
record TopicResult(String topic, int status, String phase, String error) {

    boolean succeeded() {
        return status < 300;
    }

    Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("topic", topic);
        json.put("status", status);
        json.put("phase", phase);
        json.put("error", error == null ? null : new Json.Raw(error));
        return json;
    }
}
