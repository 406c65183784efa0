package io.ckafkamigrator.config;

/**
 * A password or token. Its {@code toString()} never shows the value, so a secret that ends
 * up in a log line, an exception or a status response reads as {@code ****}.
 */
public record Secret(String value) {

    public boolean isEmpty() {
        return value == null || value.isEmpty();
    }

    @Override
    public String toString() {
        return isEmpty() ? "" : "****";
    }
}
