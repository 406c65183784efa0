package io.ckafkamigrator.core;

import java.util.List;

/**
 * Where control requests and phase transitions are recorded.
 * <ol>
 *   <li>{@link #record} never throws: a trail that cannot be written logs the failure, and the
 *       request or transition it describes stands (it has already happened).</li>
 *   <li>Events of one topic are kept in the order they were recorded, across restarts.</li>
 *   <li>Safe to call from any thread.</li>
 * </ol>
 */
public interface AuditTrail {

    /** Keeps nothing (for tests of the control that do not look at the trail). */
    AuditTrail NONE = new AuditTrail() {
        @Override
        public void record(AuditEvent event) {
        }

        @Override
        public List<String> history(String topic) {
            return List.of();
        }
    };

    void record(AuditEvent event);

    /** The recorded events of {@code topic}, oldest first, each a JSON object. */
    List<String> history(String topic);
}
