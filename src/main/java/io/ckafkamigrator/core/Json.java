package io.ckafkamigrator.core;

import java.util.Map;

/** Just enough JSON writing for the migrator's small, flat responses. */
public final class Json {

    private Json() {
    }

    /** JSON this app has already written (an error answer), embedded in an object as it is. */
    public record Raw(String json) {
    }

    /**
     * A JSON object of the entries in iteration order. Values may be strings, numbers, booleans,
     * null, {@link Raw} JSON, maps and lists of these; anything else is written as its string.
     */
    public static String object(Map<String, ?> entries) {
        StringBuilder json = new StringBuilder();
        write(json, entries);
        return json.toString();
    }

    private static void write(StringBuilder json, Object value) {
        if (value == null) {
            json.append("null");
        } else if (value instanceof Raw raw) {
            json.append(raw.json());
        } else if (value instanceof Number || value instanceof Boolean) {
            json.append(value);
        } else if (value instanceof Map<?, ?> map) {
            json.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                json.append(first ? "" : ",").append(quote(String.valueOf(entry.getKey()))).append(':');
                write(json, entry.getValue());
                first = false;
            }
            json.append('}');
        } else if (value instanceof Iterable<?> list) {
            json.append('[');
            boolean first = true;
            for (Object item : list) {
                json.append(first ? "" : ",");
                write(json, item);
                first = false;
            }
            json.append(']');
        } else {
            json.append(quote(value.toString()));
        }
    }

    public static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
