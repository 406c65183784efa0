package io.ckafkamigrator.camel;

import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import io.ckafkamigrator.core.CachedProbe;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * A Camel readiness check backed by a {@link CachedProbe}: DOWN with the probe's reason as the
 * message, which {@code /observe/health} shows at Camel's default exposure level.
 *
 * <p>Readiness only, never liveness: a broker outage or a full disk is not fixed by restarting
 * the pod, and a restart would interrupt a migration in progress. Readiness DOWN takes the pod
 * out of its Service while the problem lasts; liveness stays with Camel's own context check.
 */
final class ProbeHealthCheck extends AbstractHealthCheck {

    /** The message of a check whose subject nothing needs any more. */
    static final String NOT_NEEDED = "not needed";

    private final Supplier<Optional<String>> probe;
    private final BooleanSupplier needed;

    /**
     * @param probe  the problem, if any (a {@link CachedProbe} where probing costs a round trip)
     * @param needed whether the probed thing is still needed; while not, UP with {@link #NOT_NEEDED}, unprobed
     */
    ProbeHealthCheck(String id, Supplier<Optional<String>> probe, BooleanSupplier needed) {
        super("ckafka-migrator", id);
        this.probe = probe;
        this.needed = needed;
    }

    @Override
    public boolean isReadiness() {
        return true;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        if (!needed.getAsBoolean()) {
            builder.up().message(NOT_NEEDED);
            return;
        }
        probe.get().ifPresentOrElse(reason -> builder.down().message(reason), builder::up);
    }
}
