package io.ckafkamigrator.core;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An audit trail for the core's unit tests: every recorded event, in order. */
final class RecordingAuditTrail implements AuditTrail {

    final List<AuditEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void record(AuditEvent event) {
        events.add(event);
    }

    @Override
    public List<String> history(String topic) {
        return events.stream().filter(e -> topic.equals(e.topic())).map(AuditEvent::toJson).toList();
    }
}
