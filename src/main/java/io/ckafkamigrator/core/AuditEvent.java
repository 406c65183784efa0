package io.ckafkamigrator.core;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One line of the audit trail: a control request (who, from where, what, with which result)
 * or a phase transition (with the offsets that define it). Written as a flat JSON object whose
 * first field is the topic, so a topic's history is found without parsing.
 *
 * @param details further fields in the order they are written; values as {@link Json} accepts
 */
public record AuditEvent(Instant time, String topic, String event, Map<String, Object> details) {

    public AuditEvent {
        details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /**
     * A saved state: a phase change ({@code transition}; {@code from} is null for a topic's first
     * state) or the drain target captured after a switch ({@code drain-target}).
     */
    public static AuditEvent transition(String event, Phase from, MigrationState to, Instant time) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("from", from == null ? null : from.name());
        details.put("to", to.phase().name());
        details.put("drainTarget", new java.util.TreeMap<>(to.drainTarget()));
        details.put("ckafkaStartOffsets", new java.util.TreeMap<>(to.ckafkaStartOffsets()));
        details.put("handoffPauseMs", to.handoffPauseMs().orElse(null));
        details.put("deliveryGapMs", to.deliveryGapMs().orElse(null));
        return new AuditEvent(time, to.topic(), event, details);
    }

    /**
     * The handoff's figures, once the first CKafka record was delivered: null for a figure that
     * is unknown (the handoff began before a restart). {@code drainDetectionMs} is from the
     * legacy commit that reached the drain target to MIGRATED saved, null when the drain was
     * reached before the cutover was requested.
     */
    public static AuditEvent handoffMeasured(MigrationState state, Optional<Long> drainDetectionMs, Instant time) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("handoffPauseMs", state.handoffPauseMs().orElse(null));
        details.put("deliveryGapMs", state.deliveryGapMs().orElse(null));
        details.put("drainDetectionMs", drainDetectionMs.orElse(null));
        return new AuditEvent(time, state.topic(), "handoff-measured", details);
    }

    /**
     * What saving {@code next} over {@code before} (null for a new topic) leaves in the trail: a
     * phase transition, the drain target captured, or nothing (an error or a measurement).
     */
    public static Optional<AuditEvent> ofSave(MigrationState before, MigrationState next, Instant time) {
        if (before == null || before.phase() != next.phase()) {
            return Optional.of(transition("transition", before == null ? null : before.phase(), next, time));
        }
        if (before.drainTarget().isEmpty() && !next.drainTarget().isEmpty()) {
            return Optional.of(transition("drain-target", next.phase(), next, time));
        }
        return Optional.empty();
    }

    /** This event with {@code key} added last (or replaced in place). */
    public AuditEvent with(String key, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(details);
        more.put(key, value);
        return new AuditEvent(time, topic, event, more);
    }

    /** The JSON line, without the line break. */
    public String toJson() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("topic", topic);
        fields.put("time", time.toString());
        fields.put("event", event);
        fields.putAll(details);
        return Json.object(fields);
    }

    /** The prefix every JSON line of {@code topic} starts with. */
    static String linePrefix(String topic) {
        return "{\"topic\":" + Json.quote(topic) + ",";
    }
}
