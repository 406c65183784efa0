package io.ckafkamigrator.camel;

import java.util.ArrayList;
import java.util.List;

/**
 * A comma-separated query parameter as platform-http hands it over: one value, or a list of
 * them when the parameter is repeated ({@code ?topics=a&topics=b} is {@code ?topics=a,b}).
 */
final class QueryList {

    // Names in messages are cut short: a hostile request cannot bloat the answer.
    private static final int MAX_QUOTED = 60;

    private QueryList() {
    }

    /** The entries of the parameter, empty ones kept (for the caller to refuse); null when it was not given. */
    static List<String> entries(Object header) {
        if (header == null) {
            return null;
        }
        List<String> values = new ArrayList<>();
        if (header instanceof Iterable<?> repeated) {
            repeated.forEach(value -> values.add(String.valueOf(value)));
        } else {
            values.add(header.toString());
        }
        List<String> entries = new ArrayList<>();
        values.forEach(value -> entries.addAll(List.of(value.split(",", -1))));
        return entries;
    }

    /** {@code text} in quotes, cut short when long. */
    static String quoted(String text) {
        return "'" + (text.length() > MAX_QUOTED ? text.substring(0, MAX_QUOTED) + "..." : text) + "'";
    }
}
