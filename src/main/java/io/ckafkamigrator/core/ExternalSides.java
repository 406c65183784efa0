package io.ckafkamigrator.core;

import java.time.Duration;

/**
 * What the migration of the services the app does not host works with.
 *
 * @param hooks                 calls the topics' hook routes
 * @param producersQuietPeriod  external producers: once the legacy end offsets have not moved for
 *                              this long after {@code prepare}, the drain target is captured as if
 *                              the operator had said {@code producers-switched}; zero: only on the
 *                              operator's word
 */
public record ExternalSides(Hooks hooks, Duration producersQuietPeriod) {

    /** No hook routes, and the drain target of external producers only on the operator's word. */
    public static final ExternalSides NONE = new ExternalSides(Hooks.NONE, Duration.ZERO);
}
