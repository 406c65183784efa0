package io.ckafkamigrator.core;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Where the legacy consumer starts on a partition its group has no committed offset for, while
 * that partition holds records (template parameter {@code legacyStartFrom}). The group is meant
 * to be the old consumer's, which has offsets; none means a typo or a new group, and starting
 * anyway would deliver everything the legacy topic retains to the sink again.
 */
public enum LegacyStartFrom {

    /** Refuse to start: the group must have committed offsets (the default). */
    COMMITTED,
    /** Deliver what the topic retains: offsets committed at the log start. */
    EARLIEST,
    /** Skip what the topic retains: offsets committed at the end. */
    LATEST;

    /** The choices as written in a topic file: {@code committed | earliest | latest}. */
    public static String choices() {
        return Arrays.stream(values()).map(LegacyStartFrom::value).collect(Collectors.joining(" | "));
    }

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the choices */
    public static LegacyStartFrom parse(String value) {
        for (LegacyStartFrom choice : values()) {
            if (choice.value().equals(value == null ? null : value.trim())) {
                return choice;
            }
        }
        throw new IllegalArgumentException("legacyStartFrom must be one of " + choices() + ", was '" + value + "'");
    }
}
