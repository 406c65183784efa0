package io.ckafkamigrator.camel;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Refuses request paths that only a trick would produce, before any other step: dot segments
 * ({@code /../}, which the HTTP layer would resolve to another endpoint), percent-encoding
 * (no valid path needs it: topic names are {@code [A-Za-z0-9._-]}), empty segments (a trailing
 * slash too, which the HTTP layer would otherwise match to the endpoint without it),
 * backslashes, non-ASCII and control characters, and paths longer than any valid one.
 * Also refuses a request other than GET that a browser sent from another site's page: a browser
 * that holds the API's credentials for the dashboard would send them with it (cross-site
 * request forgery). Browsers say where a request comes from in {@code Sec-Fetch-Site}; other
 * HTTP clients send no such header and are not concerned.
 */
final class RequestGuard implements Processor {

    // "/api/migrations/" + a 249-character topic + "/accept-expired-backlog" (288), rounded up.
    static final int MAX_PATH_LENGTH = 300;

    @Override
    public void process(Exchange exchange) {
        String uri = exchange.getMessage().getHeader(Exchange.HTTP_URI, "", String.class);
        int query = uri.indexOf('?');
        String path = query < 0 ? uri : uri.substring(0, query);
        String problem = problem(path);
        if (problem != null) {
            throw new HttpProblem(400, "bad_path", "the request path " + problem);
        }
        String site = exchange.getMessage().getHeader("Sec-Fetch-Site", String.class);
        String method = exchange.getMessage().getHeader(Exchange.HTTP_METHOD, "GET", String.class);
        if (site != null && !method.equals("GET") && !site.equals("same-origin") && !site.equals("none")) {
            throw new HttpProblem(403, "cross_site_request", "a browser sent this " + method + " from a page of "
                    + "another site (Sec-Fetch-Site: " + site + "); it is taken from the dashboard and from HTTP clients");
        }
    }

    static String problem(String path) {
        if (path.length() > MAX_PATH_LENGTH) {
            return "is longer than " + MAX_PATH_LENGTH + " characters";
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                return "contains a control, space or non-ASCII character";
            }
            if (c == '%' || c == '\\') {
                return "contains '" + c + "'; valid paths need no encoding";
            }
        }
        if (path.contains("//") || (path.length() > 1 && path.endsWith("/"))) {
            return "contains an empty segment";
        }
        for (String segment : path.split("/")) {
            if (segment.equals(".") || segment.equals("..")) {
                return "contains a dot segment";
            }
        }
        return null;
    }
}
