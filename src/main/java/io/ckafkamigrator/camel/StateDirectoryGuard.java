package io.ckafkamigrator.camel;

import java.nio.file.Path;

import io.ckafkamigrator.config.ConfigException;
import io.ckafkamigrator.config.Settings;
import io.ckafkamigrator.core.StateDirectoryLock;
import io.ckafkamigrator.core.StateStoreException;
import org.apache.camel.CamelContext;

import static io.ckafkamigrator.camel.CamelLifecycle.onContextStop;

/**
 * One instance per state directory: the {@link StateDirectoryLock}, taken once the route files
 * are known good, before anything reads the state or talks to a cluster, and let go when the
 * context stopped, after the migration control closed (Camel stops its services in the reverse
 * order of their registration, and the control registers its stop after this), or when the
 * start fails.
 *
 * <p>Concurrency: {@link #release} may run on the thread that stops the context and on the main
 * thread; the lock's close is idempotent.
 */
final class StateDirectoryGuard {

    private volatile StateDirectoryLock lock;

    /** @throws ConfigException naming the state directory's property if another instance holds it */
    void acquire(CamelContext context, Path stateDir) {
        try {
            lock = StateDirectoryLock.acquire(stateDir);
        } catch (StateStoreException e) {
            throw new ConfigException(Settings.STATE_DIR.key(), e.getMessage(), e);
        }
        onContextStop(context, this::release);
    }

    /** Lets the next instance on the state directory start; safe to call more than once. */
    void release() {
        StateDirectoryLock held = lock;
        if (held != null) {
            held.close();
        }
    }
}
