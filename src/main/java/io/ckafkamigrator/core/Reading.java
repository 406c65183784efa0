package io.ckafkamigrator.core;

import java.util.function.Supplier;

/**
 * One entry of a read of many: its value, or the failure of that entry alone.
 *
 * @param value   the value read; {@code null} if it failed
 * @param failure why it could not be read; {@code null} if it was
 */
public record Reading<T>(T value, RuntimeException failure) {

    /** The value {@code read} answers, or the failure it throws. */
    public static <T> Reading<T> of(Supplier<T> read) {
        try {
            return new Reading<>(read.get(), null);
        } catch (RuntimeException e) {
            return new Reading<>(null, e);
        }
    }

    /** The value, or the failure thrown. */
    public T get() {
        if (failure != null) {
            throw failure;
        }
        return value;
    }
}
