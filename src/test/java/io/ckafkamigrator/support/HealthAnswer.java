package io.ckafkamigrator.support;

import java.util.ArrayList;
import java.util.List;

import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;

/** Reads an {@code /observe/health} answer. */
public final class HealthAnswer {

    private HealthAnswer() {
    }

    /**
     * "name: message" of each DOWN check, read as JSON. Camel 4.18 escapes the message twice, so
     * a '/' reads as '\/' after parsing; undone here.
     */
    public static List<String> downMessages(String json) throws Exception {
        JsonObject answer = (JsonObject) Jsoner.deserialize(json);
        List<String> down = new ArrayList<>();
        for (Object check : answer.getCollection("checks")) {
            JsonObject result = (JsonObject) check;
            if ("DOWN".equals(result.getString("status"))) {
                down.add(result.getString("name") + ": " + result.getString("message").replace("\\/", "/"));
            }
        }
        return down;
    }
}
