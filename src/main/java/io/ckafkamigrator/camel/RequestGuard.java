package io.ckafkamigrator.camel;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Refuses request paths that only a trick would produce, before any other step: dot segments
 * ({@code /../}, which the HTTP layer would resolve to another endpoint), percent-encoding
 * (no valid path needs it: topic names are {@code [A-Za-z0-9._-]}), empty segments (a trailing
 * slash too, which the HTTP layer would otherwise match to the endpoint without it),
 * backslashes, non-ASCII and control characters, and paths longer than any valid one.
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
