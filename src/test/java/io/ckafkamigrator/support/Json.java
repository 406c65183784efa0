package io.ckafkamigrator.support;

/** Reads the migrator's flat JSON answers without a JSON library. */
public final class Json {

    private Json() {
    }

    /** The top-level value of {@code name} in a flat JSON answer, unquoted ("null" if null). */
    public static String field(String json, String name) {
        int at = json.indexOf("\"" + name + "\":");
        if (at < 0) {
            throw new AssertionError("no field " + name + " in " + json);
        }
        int start = at + name.length() + 3;
        int end = start;
        while (end < json.length() && ",}".indexOf(json.charAt(end)) < 0) {
            end++;
        }
        return json.substring(start, end).replace("\"", "");
    }
}
