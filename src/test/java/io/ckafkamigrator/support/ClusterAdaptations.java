package io.ckafkamigrator.support;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The client settings the app chose by itself for one cluster, as {@code GET /api/clusters}
 * reports them ({@code {"clusters":[{"name":"legacy","brokerVersion":...,"adaptations":{...}}]}}),
 * written {@code key=value, ...}; "–" when the app has no such endpoint, "none" when it adapted nothing.
 */
public final class ClusterAdaptations {

    private static final Pattern ENTRY = Pattern.compile("\"([^\"]+)\"\\s*:\\s*\"?([^\",}]*)\"?");

    private ClusterAdaptations() {
    }

    /** The release the app named for {@code cluster}'s brokers ({@code brokerVersion}); "–" without the endpoint. */
    public static String release(MigratorHttp app, String cluster) {
        HttpResponse<String> answer = app.request("GET", "/api/clusters");
        String body = answer.body();
        int named = body.indexOf("\"name\":\"" + cluster + "\"");
        if (answer.statusCode() != 200 || named < 0) {
            return "–";
        }
        Matcher release = Pattern.compile("\"brokerVersion\":\"([^\"]*)\"").matcher(body);
        return release.find(named) ? release.group(1) : "–";
    }

    public static String of(MigratorHttp app, String cluster) {
        HttpResponse<String> answer = app.request("GET", "/api/clusters");
        if (answer.statusCode() == 404) {
            return "–";
        }
        String body = answer.body();
        int named = body.indexOf("\"name\":\"" + cluster + "\"");
        int from = named < 0 ? -1 : body.indexOf("\"adaptations\":{", named);
        if (answer.statusCode() != 200 || from < 0) {
            return "unreadable: HTTP " + answer.statusCode() + " " + body;
        }
        from += "\"adaptations\":{".length();
        Matcher entry = ENTRY.matcher(body.substring(from, body.indexOf('}', from)));
        List<String> settings = new ArrayList<>();
        while (entry.find()) {
            settings.add(entry.group(1) + "=" + entry.group(2));
        }
        return settings.isEmpty() ? "none" : String.join(", ", settings);
    }
}
