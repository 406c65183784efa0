package io.ckafkamigrator.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a topic's migration is bound to once it leaves LEGACY, saved with its state: the drain
 * target and the start offsets belong to these topics and groups, and the handoff to this
 * ordering. Another group or topic in the route file after the switch would start a consumer
 * with no offsets or measure the drain of the wrong group; another ordering would hand over
 * the unordered way (or wait the ordered way) on offsets captured for the other one. Once
 * MIGRATED, nothing reads legacy any more, so its topic and group may change (or go). Who
 * consumes is part of it too: the drain of hosted consumers is watched through the legacy
 * route's gate, that of external ones through the old service's group; once MIGRATED the
 * CKafka group may pass from the app's route to the operator's service (or back).
 */
public record TopicShape(Ordering ordering, String legacyTopic, String legacyGroup, String ckafkaTopic,
                         String ckafkaGroup, Side consumers) {

    /** The parts a MIGRATED topic may change: nothing reads legacy any more, and the CKafka group is handed over. */
    private static final java.util.Set<String> FREE_ONCE_MIGRATED = java.util.Set.of("legacyTopic", "legacyGroup",
            "consumers");
    private static final java.util.Set<String> LEGACY_PARTS = java.util.Set.of("legacyTopic", "legacyGroup");

    /** A shape with hosted consumers (a state saved before sides were kept). */
    public TopicShape(Ordering ordering, String legacyTopic, String legacyGroup, String ckafkaTopic,
                      String ckafkaGroup) {
        this(ordering, legacyTopic, legacyGroup, ckafkaTopic, ckafkaGroup, Side.HOSTED);
    }

    public static TopicShape of(TopicConfig topic) {
        return new TopicShape(topic.ordering(), topic.legacyTopic(), topic.legacyGroup(), topic.ckafkaTopic(),
                topic.ckafkaGroup(), topic.consumers());
    }

    /** Each part under its template parameter name, as written in a topic file. */
    public Map<String, String> parameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("ordering", ordering.name().toLowerCase(java.util.Locale.ROOT));
        parameters.put("legacyTopic", legacyTopic);
        parameters.put("legacyGroup", legacyGroup);
        parameters.put("ckafkaTopic", ckafkaTopic);
        parameters.put("ckafkaGroup", ckafkaGroup);
        parameters.put("consumers", consumers.value());
        return parameters;
    }

    /** The shape from {@link #parameters}; empty when a part is missing (consumers: hosted, as before sides were kept). */
    public static Optional<TopicShape> fromParameters(Map<String, String> parameters) {
        if (!parameters.keySet().containsAll(java.util.List.of("ordering", "legacyTopic", "legacyGroup", "ckafkaTopic",
                "ckafkaGroup"))) {
            return Optional.empty();
        }
        return Optional.of(new TopicShape(Ordering.parse(parameters.get("ordering")), parameters.get("legacyTopic"),
                parameters.get("legacyGroup"), parameters.get("ckafkaTopic"), parameters.get("ckafkaGroup"),
                Side.parse("consumers", parameters.getOrDefault("consumers", Side.HOSTED.value()))));
    }

    /**
     * Once MIGRATED, legacy is not used any more (it may be decommissioned): only the CKafka
     * parts and the ordering are compared, and {@link #legacyChangesIn} tells what changed.
     *
     * @throws StartRefusedException naming the file, the first parameter that differs, the saved
     *                               and the new value
     */
    void refuseChangeTo(TopicConfig now, Phase phase) {
        Map<String, String> current = of(now).parameters();
        for (Map.Entry<String, String> part : parameters().entrySet()) {
            if (phase == Phase.MIGRATED && FREE_ONCE_MIGRATED.contains(part.getKey())) {
                continue;
            }
            String value = current.get(part.getKey());
            if (!part.getValue().equals(value)) {
                throw new StartRefusedException(now.file(), "parameter '" + part.getKey() + "' is '" + value
                        + "', but topic '" + now.name() + "' left LEGACY with '" + part.getValue() + "' (its migration "
                        + "state is " + phase + "); a topic's " + part.getKey() + " cannot change once it moves: "
                        + "set it back to '" + part.getValue() + "'");
            }
        }
    }

    /** The legacy parameters {@code now} sets otherwise than this shape: parameter to its new value. */
    Map<String, String> legacyChangesIn(TopicConfig now) {
        Map<String, String> current = of(now).parameters();
        Map<String, String> changed = new LinkedHashMap<>();
        parameters().forEach((part, saved) -> {
            if (LEGACY_PARTS.contains(part) && !saved.equals(current.get(part))) {
                changed.put(part, current.get(part));
            }
        });
        return changed;
    }
}
