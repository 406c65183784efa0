package io.ckafkamigrator.camel;

import java.util.Map;

/** Just enough JSON writing for the migrator's small, flat responses. */
final class Json {

    private Json() {
    }

    /** A JSON object of the entries in iteration order; values are strings, numbers or booleans. */
    static String object(Map<String, ?> entries) {
        StringBuilder json = new StringBuilder("{");
        entries.forEach((key, value) -> {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append(quote(key)).append(':');
            json.append(value instanceof Number || value instanceof Boolean ? value.toString() : quote(String.valueOf(value)));
        });
        return json.append('}').toString();
    }

    static String quote(String text) {
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
