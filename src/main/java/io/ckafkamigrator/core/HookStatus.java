package io.ckafkamigrator.core;

import java.time.Instant;
import java.util.Optional;

/**
 * Where one hook of a topic stands, for the status, the metrics and readiness.
 *
 * @param defined   the topic file has the hook's route
 * @param pending   a call waits to be made or retried
 * @param attempts  calls of this hook made by this process, successful or not
 * @param failures  calls of this hook that failed in this process
 * @param lastError why the last call failed; empty once a call succeeded
 * @param lastCall  when the last call ended; empty before the first
 */
public record HookStatus(boolean defined, boolean pending, long attempts, long failures, Optional<String> lastError,
                         Optional<Instant> lastCall) {

    static HookStatus undefined() {
        return new HookStatus(false, false, 0, 0, Optional.empty(), Optional.empty());
    }
}
