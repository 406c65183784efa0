package io.ckafkamigrator.support;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A topic file ({@code routes/topics/<topic>.yaml}) for a test: the three templated routes of
 * the topic with who runs each side, and the hook routes, each calling a webhook. The legacy
 * group is {@code <topic>-service}, the CKafka group {@code <topic>-service-ckafka}.
 */
public final class TopicFile {

    private final String topic;
    private String producers = "hosted";
    private String consumers = "hosted";
    private String ordering = "ordered";
    private String sink;
    private final Map<String, String> hooks = new LinkedHashMap<>();

    private TopicFile(String topic) {
        this.topic = topic;
    }

    public static TopicFile of(String topic) {
        return new TopicFile(topic);
    }

    public static String legacyGroup(String topic) {
        return topic + "-service";
    }

    public static String ckafkaGroup(String topic) {
        return topic + "-service-ckafka";
    }

    public TopicFile externalProducers() {
        producers = "external";
        return this;
    }

    public TopicFile externalConsumers() {
        consumers = "external";
        return this;
    }

    public TopicFile unordered() {
        ordering = "unordered";
        return this;
    }

    /** Hosted consumers deliver to {@code uri}. */
    public TopicFile sink(String uri) {
        sink = uri;
        return this;
    }

    /** The route {@code <topic>-<hook>} (stop-legacy-consumers, start-ckafka-consumers, on-phase) calls {@code uri}. */
    public TopicFile hook(String hook, String uri) {
        hooks.put(hook, uri);
        return this;
    }

    public String text() {
        StringBuilder yaml = new StringBuilder();
        yaml.append(templated("migrated-topic-producer", "producer", Map.of(
                "source", "direct:" + topic, "legacyTopic", topic, "ckafkaTopic", topic, "producers", producers)));
        Map<String, String> legacy = new LinkedHashMap<>(Map.of("legacyTopic", topic, "legacyGroup",
                legacyGroup(topic), "consumers", consumers));
        Map<String, String> ckafka = new LinkedHashMap<>(Map.of("ckafkaTopic", topic, "ckafkaGroup",
                ckafkaGroup(topic), "ordering", ordering, "autoCutover", "\"false\"", "consumers", consumers));
        if (sink != null) {
            legacy.put("sink", "\"" + sink + "\"");
            ckafka.put("sink", "\"" + sink + "\"");
        }
        yaml.append(templated("migrated-topic-legacy-consumer", "legacy-consumer", legacy));
        yaml.append(templated("migrated-topic-ckafka-consumer", "ckafka-consumer", ckafka));
        hooks.forEach((hook, uri) -> yaml.append("- route:\n")
                .append("    id: ").append(topic).append('-').append(hook).append('\n')
                .append("    from:\n")
                .append("      uri: direct:").append(topic).append('-').append(hook).append('\n')
                .append("      steps:\n")
                .append("        - to: \"").append(uri).append("\"\n"));
        return yaml.toString();
    }

    private String templated(String template, String role, Map<String, String> parameters) {
        StringBuilder yaml = new StringBuilder()
                .append("- templatedRoute:\n")
                .append("    routeTemplateRef: ").append(template).append('\n')
                .append("    routeId: ").append(topic).append('-').append(role).append('\n')
                .append("    parameters:\n")
                .append("      - name: name\n        value: ").append(topic).append('\n');
        parameters.forEach((name, value) -> yaml.append("      - name: ").append(name).append('\n')
                .append("        value: ").append(value).append('\n'));
        return yaml.append('\n').toString();
    }
}
