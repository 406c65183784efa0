package io.ckafkamigrator.camel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.ckafkamigrator.config.ConfigException;
import io.ckafkamigrator.core.LegacyStartFrom;
import io.ckafkamigrator.core.Ordering;
import io.ckafkamigrator.core.Side;
import io.ckafkamigrator.core.TopicConfig;
import org.apache.camel.CamelContext;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;

/**
 * The migrated topics, read from the template parameters of the routes that the
 * routes/topics/*.yaml files made: a topic is a {@code <name>-producer} route with its two
 * consumer routes. The YAML stays the only place a topic is described.
 */
final class TopicConfigs {

    private TopicConfigs() {
    }

    static List<TopicConfig> read(CamelContext context) {
        List<TopicConfig> topics = new ArrayList<>();
        List<RouteDefinition> routes = ((ModelCamelContext) context).getRouteDefinitions();
        for (RouteDefinition producer : routes) {
            Optional<String> topic = TopicConfig.nameOfRoute(producer.getRouteId(), TopicConfig.PRODUCER_SUFFIX);
            if (topic.isEmpty() || producer.getTemplateParameters() == null) {
                continue;
            }
            String name = topic.get();
            Map<String, Object> legacy = parameters(routes, name + TopicConfig.LEGACY_CONSUMER_SUFFIX);
            Map<String, Object> ckafka = parameters(routes, name + TopicConfig.CKAFKA_CONSUMER_SUFFIX);
            Map<String, Object> produced = producer.getTemplateParameters();
            String file = "routes/topics/" + name + ".yaml";
            Ordering ordering;
            LegacyStartFrom legacyStartFrom;
            Side producers;
            Side consumers;
            try {
                producers = side(produced, "producers");
                consumers = side(ckafka, "consumers");
                ordering = Ordering.parse(value(ckafka, "ordering", file));
                legacyStartFrom = LegacyStartFrom.parse(String.valueOf(legacy.getOrDefault("legacyStartFrom",
                        LegacyStartFrom.COMMITTED.value())));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(file, e.getMessage());
            }
            if (ordering == Ordering.ORDERED && !"1".equals(String.valueOf(ckafka.getOrDefault("ckafkaConsumers", "1")))) {
                throw new ConfigException(file, "ckafkaConsumers must be 1 for an ordered topic: a second consumer "
                        + "would break the order");
            }
            topics.add(new TopicConfig(name, value(legacy, "legacyTopic", file), value(ckafka, "ckafkaTopic", file),
                    value(legacy, "legacyGroup", file), value(ckafka, "ckafkaGroup", file), ordering,
                    Boolean.parseBoolean(value(ckafka, "autoCutover", file)), legacyStartFrom)
                    .withSides(producers, consumers));
        }
        return topics;
    }

    /** A side's parameter; the template's default is hosted (TopicRouteCheck checked the values as written). */
    private static Side side(Map<String, Object> parameters, String key) {
        return Side.parse(key, String.valueOf(parameters.getOrDefault(key, Side.HOSTED.value())));
    }

    private static Map<String, Object> parameters(List<RouteDefinition> routes, String id) {
        return routes.stream().filter(r -> id.equals(r.getRouteId()) && r.getTemplateParameters() != null)
                .findFirst().map(RouteDefinition::getTemplateParameters)
                .orElseThrow(() -> new ConfigException("routes/topics", "route '" + id + "' is missing; every topic "
                        + "file instantiates the producer and both consumer templates"));
    }

    private static String value(Map<String, Object> parameters, String key, String file) {
        Object value = parameters.get(key);
        if (value == null || value.toString().isBlank()) {
            throw new ConfigException(file, "parameter '" + key + "' is missing");
        }
        return value.toString();
    }
}
