package io.ckafkamigrator.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One topic's preflight: each check's verdict, and the gravest of them as the topic's result. */
public record TopicPreflight(String topic, List<PreflightCheck> checks) {

    public TopicPreflight {
        checks = List.copyOf(checks);
    }

    public PreflightStatus result() {
        return PreflightStatus.worst(checks.stream().map(PreflightCheck::status).toList());
    }

    /** {@code {"topic":..,"result":..,"checks":[{"id","status","found","action"}]}}. */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("topic", topic);
        map.put("result", result().value());
        map.put("checks", checks.stream().map(PreflightCheck::asMap).toList());
        return map;
    }
}
