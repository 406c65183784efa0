package io.ckafkamigrator.core;

import java.util.Locale;

/**
 * Who runs one side of a topic, its producers or its consumers: this app's routes, or the
 * operator's own services, which the app orchestrates and verifies but does not run.
 */
public enum Side {
    /** The app's routes: the producer route, or the legacy and CKafka consumer routes. */
    HOSTED,
    /** The operator's own services: repointed (producers) or stopped and started (consumers) by the operator or a hook. */
    EXTERNAL;

    public static Side parse(String parameter, String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException(parameter + " must be 'hosted' or 'external', was '" + value + "'");
        }
    }

    /** As written in a topic file and shown in the API. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
