package io.ckafkamigrator.config;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Resolved configuration values (placeholders such as {@code {{env:NAME}}} already replaced).
 * Kept free of Camel so that settings can be parsed and tested without a CamelContext.
 */
public interface PropertySource {

    /** The value of {@code key}; empty when the key is missing or its value is blank. */
    Optional<String> get(String key);

    /** Every key that starts with {@code prefix}, with the prefix removed, and its value. */
    Map<String, String> withPrefix(String prefix);

    /** Every key that starts with {@code prefix}, whole, whatever its value. */
    default Set<String> keys(String prefix) {
        Set<String> keys = new TreeSet<>();
        withPrefix(prefix).keySet().forEach(rest -> keys.add(prefix + rest));
        return keys;
    }

    default String require(String key) {
        return get(key).orElseThrow(() -> new ConfigException(key, "is required but not set"));
    }

    default int getInt(String key, int defaultValue, int min, int max) {
        Optional<String> raw = get(key);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw.get().trim());
            if (value < min || value > max) {
                throw new ConfigException(key, "must be between " + min + " and " + max + ", was " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ConfigException(key, "must be a whole number, was '" + raw.get() + "'");
        }
    }

    /** The value of a declared integer setting, its default when unset. */
    default int getInt(Setting setting) {
        return getInt(setting.key(), setting.defaultInt(), setting.min(), setting.max());
    }

    /** The value of a declared true/false setting, its default when unset. */
    default boolean getBoolean(Setting setting) {
        return getBoolean(setting.key(), setting.defaultBoolean());
    }

    /** The value of a declared text setting, its default (if it has one) when unset. */
    default Optional<String> get(Setting setting) {
        return get(setting.key()).or(setting::defaultValue);
    }

    default boolean getBoolean(String key, boolean defaultValue) {
        Optional<String> raw = get(key);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        return switch (raw.get().trim().toLowerCase()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigException(key, "must be true or false, was '" + raw.get() + "'");
        };
    }

    /** A source backed by a plain map, for tests and for values computed at start-up. */
    static PropertySource of(Map<String, String> values) {
        return new PropertySource() {
            @Override
            public Optional<String> get(String key) {
                return Optional.ofNullable(values.get(key)).filter(v -> !v.isBlank());
            }

            @Override
            public Map<String, String> withPrefix(String prefix) {
                Map<String, String> result = new java.util.TreeMap<>();
                values.forEach((k, v) -> {
                    if (k.startsWith(prefix)) {
                        result.put(k.substring(prefix.length()), v);
                    }
                });
                return result;
            }
        };
    }
}
