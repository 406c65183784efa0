package io.ckafkamigrator.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The preflight of every topic: the run's result is the gravest topic's (a run without topics
 * passes), printed as a table by {@code --preflight} and answered as JSON by the API.
 */
public record PreflightReport(List<TopicPreflight> topics) {

    public PreflightReport {
        topics = List.copyOf(topics);
    }

    public PreflightStatus result() {
        return PreflightStatus.worst(topics.stream().map(TopicPreflight::result).toList());
    }

    /** {@code {"result":..,"topics":[...]}}. */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("result", result().value());
        map.put("topics", topics.stream().map(TopicPreflight::asMap).toList());
        return map;
    }

    /** One line per check, {@code TOPIC CHECK STATUS FOUND / ACTION}, then the result. */
    public String table() {
        int topicWidth = Math.max("TOPIC".length(), topics.stream().mapToInt(t -> t.topic().length()).max().orElse(0));
        int idWidth = Math.max("CHECK".length(), topics.stream().flatMap(t -> t.checks().stream())
                .mapToInt(c -> c.id().length()).max().orElse(0));
        String format = "%-" + topicWidth + "s  %-" + idWidth + "s  %-6s %s%n";
        StringBuilder table = new StringBuilder(String.format(format, "TOPIC", "CHECK", "STATUS", "FOUND / ACTION"));
        for (TopicPreflight topic : topics) {
            for (PreflightCheck check : topic.checks()) {
                String text = check.action().isEmpty() ? check.found() : check.found() + " -> " + check.action();
                table.append(String.format(format, topic.topic(), check.id(), check.status().value(), text));
            }
        }
        long failed = count(PreflightStatus.FAIL);
        long warned = count(PreflightStatus.WARN);
        table.append(String.format("preflight %s: %d topic(s), %d check(s) failed, %d warned%n", result().value(),
                topics.size(), failed, warned));
        return table.toString();
    }

    private long count(PreflightStatus status) {
        return topics.stream().flatMap(t -> t.checks().stream()).filter(c -> c.status() == status).count();
    }
}
