package io.ckafkamigrator.kafka;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;

/**
 * An admin client created at its first use: an idle one still fetches the cluster's metadata
 * from its start (and logs every failed connection), and a cluster nothing needs any more
 * (legacy once every topic is MIGRATED) must not be contacted at all. Thread-safe.
 */
final class LazyAdmin {

    private final Map<String, Object> props;
    // Guarded by this.
    private Admin admin;
    private boolean closed;

    LazyAdmin(Map<String, Object> props) {
        this.props = Map.copyOf(props);
    }

    synchronized Admin get() {
        if (closed) {
            throw new IllegalStateException("the admin client of " + props.get("client.id") + " is closed");
        }
        if (admin == null) {
            admin = Admin.create(props);
        }
        return admin;
    }

    /**
     * Closes the client outside the lock: its network thread may be issuing a coalesced call
     * ({@link CoalescedCall}) and asking {@link #get} meanwhile, which then fails at once instead
     * of waiting for the close to time out.
     */
    void close(Duration timeout) {
        Admin toClose;
        synchronized (this) {
            closed = true;
            toClose = admin;
        }
        if (toClose != null) {
            toClose.close(timeout);
        }
    }
}
