package io.ckafkamigrator.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A health probe whose answer is reused for a while: Kubernetes may probe every second, and
 * each real probe costs a broker round trip or a disk write. The answer is empty when healthy,
 * otherwise the reason. Callers are serialised, so concurrent probes of a stale answer run the
 * real probe once; the real probe must bound its own duration.
 */
public final class CachedProbe {

    private final Supplier<Optional<String>> probe;
    private final Duration ttl;
    private final Clock clock;
    // Guarded by this.
    private Optional<String> answer;
    private Instant answeredAt;

    public CachedProbe(Supplier<Optional<String>> probe, Duration ttl, Clock clock) {
        this.probe = probe;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** The reason the probed thing is unhealthy, or empty when it is healthy. */
    public synchronized Optional<String> problem() {
        Instant now = clock.instant();
        if (answeredAt == null || !now.isBefore(answeredAt.plus(ttl))) {
            answer = probe.get();
            answeredAt = clock.instant();
        }
        return answer;
    }
}
