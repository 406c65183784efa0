package io.ckafkamigrator.config;

import java.util.Map;
import java.util.Optional;

/**
 * One {@code templatedRoute} of a route file, as written: the file it is in, the template it
 * instantiates, the route id it asks for and its parameters (placeholders resolved).
 *
 * @param file     the route file, as the operator would name it (e.g. routes/topics/orders.yaml)
 * @param routeId  the {@code routeId} of the templatedRoute; null when it has none
 * @param template the {@code routeTemplateRef}
 */
public record TopicRoute(String file, String routeId, String template, Map<String, String> parameters) {

    public TopicRoute {
        parameters = Map.copyOf(parameters);
    }

    /** The parameter's value, empty when missing or blank. */
    public Optional<String> parameter(String name) {
        return Optional.ofNullable(parameters.get(name)).map(String::trim).filter(v -> !v.isEmpty());
    }
}
