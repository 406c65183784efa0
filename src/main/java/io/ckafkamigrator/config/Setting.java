package io.ckafkamigrator.config;

import java.util.Optional;

/**
 * One {@code migration.*} setting, declared once in {@link Settings}: its name, its default,
 * the values it accepts and what it means. The start-up check, the defaults Camel's
 * placeholders see and docs/configuration.md all derive from the declaration.
 *
 * @param key          the property name
 * @param kind         what kind of value it takes
 * @param defaultValue the value used when the property is not set; empty: the setting is off
 *                     or has no default
 * @param min          the smallest accepted value ({@link Kind#INTEGER} only)
 * @param max          the largest accepted value ({@link Kind#INTEGER} only)
 * @param meaning      one line for the configuration table
 */
public record Setting(String key, Kind kind, Optional<String> defaultValue, int min, int max, String meaning) {

    /** What kind of value a setting takes. */
    public enum Kind { INTEGER, BOOLEAN, TEXT }

    static Setting integer(String key, int defaultValue, int min, int max, String meaning) {
        return new Setting(key, Kind.INTEGER, Optional.of(String.valueOf(defaultValue)), min, max, meaning);
    }

    static Setting bool(String key, boolean defaultValue, String meaning) {
        return new Setting(key, Kind.BOOLEAN, Optional.of(String.valueOf(defaultValue)), 0, 0, meaning);
    }

    static Setting text(String key, String defaultValue, String meaning) {
        return new Setting(key, Kind.TEXT, Optional.ofNullable(defaultValue), 0, 0, meaning);
    }

    /**
     * Checks the value {@code props} gives this setting (kind and bounds).
     *
     * @throws ConfigException naming the property when the value is not of its kind or out of bounds
     */
    public void check(PropertySource props) {
        switch (kind) {
            case INTEGER -> props.getInt(this);
            case BOOLEAN -> props.getBoolean(this);
            case TEXT -> { } // any text is of its kind; its readers check its meaning
        }
    }

    int defaultInt() {
        return Integer.parseInt(defaultValue.orElseThrow());
    }

    boolean defaultBoolean() {
        return Boolean.parseBoolean(defaultValue.orElseThrow());
    }
}
