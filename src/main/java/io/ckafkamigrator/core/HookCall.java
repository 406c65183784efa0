package io.ckafkamigrator.core;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One call of a topic's hook, with what the hook route may need: the phase it was made for (and
 * the one before, for {@link Hook#ON_PHASE}), the groups and the offsets that define the handoff.
 *
 * @param previous the phase before, for {@link Hook#ON_PHASE}; null for a topic's first phase
 *                 and for the other hooks
 */
public record HookCall(Hook hook, TopicConfig topic, Phase phase, Phase previous, Map<Integer, Long> drainTarget,
                       Map<Integer, Long> ckafkaStartOffsets, Instant at) {

    public HookCall {
        drainTarget = new TreeMap<>(drainTarget);
        ckafkaStartOffsets = new TreeMap<>(ckafkaStartOffsets);
    }

    static HookCall of(Hook hook, TopicConfig topic, MigrationState state, Phase previous, Instant at) {
        return new HookCall(hook, topic, state.phase(), previous, state.drainTarget(), state.ckafkaStartOffsets(), at);
    }

    /** What the saved state records once this call succeeded ({@link Hook#doneKey}); a restart makes again only a call not recorded. */
    public String doneKey() {
        return hook.doneKey(phase);
    }

    public String routeId() {
        return hook.routeId(topic.name());
    }

    /** The call as the hook route's body: a flat JSON object. */
    public String json() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("topic", topic.name());
        fields.put("hook", hook.suffix());
        fields.put("phase", phase.name());
        fields.put("previousPhase", previous == null ? null : previous.name());
        fields.put("legacyTopic", topic.legacyTopic());
        fields.put("legacyGroup", topic.legacyGroup());
        fields.put("ckafkaTopic", topic.ckafkaTopic());
        fields.put("ckafkaGroup", topic.ckafkaGroup());
        fields.put("ordering", topic.ordering().name().toLowerCase(java.util.Locale.ROOT));
        fields.put("drainTarget", drainTarget);
        fields.put("ckafkaStartOffsets", ckafkaStartOffsets);
        fields.put("time", at.toString());
        return Json.object(fields);
    }
}
