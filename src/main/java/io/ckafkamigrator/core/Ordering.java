package io.ckafkamigrator.core;

import java.util.Locale;

/** Whether a topic's consumers must keep order across the migration. */
public enum Ordering {
    /** One CKafka consumer, started only after the legacy group drained (the guide's ordered scheme). */
    ORDERED,
    /** CKafka consumers start at the producer switch, in parallel with the draining legacy consumer. */
    UNORDERED;

    public static Ordering parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("ordering must be 'ordered' or 'unordered', was '" + value + "'");
        }
    }
}
