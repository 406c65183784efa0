package io.ckafkamigrator.support;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;

/**
 * What the app chose by itself for one cluster's brokers, as {@code GET /api/clusters} reports
 * it ({@code {"clusters":[{"name":"legacy","brokerVersion":...,"adaptations":{...}}]}}); "–"
 * when the app has no such endpoint or does not name the cluster.
 */
public final class ClusterAdaptations {

    private ClusterAdaptations() {
    }

    /** The release the app named for {@code cluster}'s brokers ({@code brokerVersion}). */
    public static String release(MigratorHttp app, String cluster) {
        return named(app, cluster).map(c -> c.getString("brokerVersion")).orElse("–");
    }

    /** The settings the app chose, written {@code key=value, ...}; "none" when it chose nothing. */
    public static String of(MigratorHttp app, String cluster) {
        return named(app, cluster).map(c -> {
            Map<String, Object> adaptations = c.getMap("adaptations");
            Map<String, Object> settings = new TreeMap<>(adaptations);
            return settings.isEmpty() ? "none" : settings.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
        }).orElse("–");
    }

    private static Optional<JsonObject> named(MigratorHttp app, String cluster) {
        HttpResponse<String> answer = app.request("GET", "/api/clusters");
        if (answer.statusCode() != 200) {
            return Optional.empty();
        }
        JsonObject clusters = Jsoner.deserialize(answer.body(), new JsonObject());
        return clusters.getCollection("clusters").stream().map(JsonObject.class::cast)
                .filter(c -> cluster.equals(c.getString("name"))).findFirst();
    }
}
