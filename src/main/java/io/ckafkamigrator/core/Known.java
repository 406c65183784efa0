package io.ckafkamigrator.core;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A fact the preflight read from a cluster, or why it could not be read (an unreachable
 * cluster, a broker too old for the call, a refused authorisation). Checks never guess a value
 * that is not known.
 *
 * @param value       the fact; null when unknown
 * @param whyUnknown  why it could not be read; null when known
 */
public record Known<T>(T value, String whyUnknown) {

    public Known {
        if ((value == null) == (whyUnknown == null)) {
            throw new IllegalArgumentException("a fact is either known or unknown with a reason");
        }
    }

    public static <T> Known<T> of(T value) {
        return new Known<>(Objects.requireNonNull(value, "value"), null);
    }

    public static <T> Known<T> unknown(String why) {
        return new Known<>(null, Objects.requireNonNull(why, "why"));
    }

    /** Reads {@code read}; a failure becomes the reason it is unknown, naming its type and message. */
    public static <T> Known<T> read(Supplier<T> read) {
        try {
            return of(read.get());
        } catch (RuntimeException e) {
            return unknown(describe(e));
        }
    }

    public boolean known() {
        return whyUnknown == null;
    }

    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root && root.getMessage() == null) {
            root = root.getCause();
        }
        String message = e.getMessage() == null ? root.getClass().getSimpleName() : e.getMessage();
        return message.replaceAll("\\s*\\R\\s*", " ");
    }
}
