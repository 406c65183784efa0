package io.ckafkamigrator.camel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.ckafkamigrator.config.ConfigException;
import io.ckafkamigrator.config.TopicRoute;
import io.ckafkamigrator.config.TopicRouteCheck;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.RouteBuilderLifecycleStrategy;
import org.apache.camel.model.TemplatedRouteDefinition;
import org.apache.camel.model.TemplatedRouteParameterDefinition;
import org.apache.camel.spi.Resource;

/**
 * Collects the templatedRoutes of each route file as Camel loads it, bound in the registry so
 * that every route builder calls it. The routes Camel makes from templates do not know their
 * file, so this is the one moment the file is known. Each file is checked on its own right
 * away, before Camel instantiates its templates (whose own errors do not name the file).
 */
final class TopicRouteFiles implements RouteBuilderLifecycleStrategy {

    private final List<TopicRoute> routes = new ArrayList<>();

    @Override
    public void afterConfigure(RouteBuilder builder) {
        String file = fileName(builder.getResource());
        List<TopicRoute> found = new ArrayList<>();
        for (TemplatedRouteDefinition templated : builder.getTemplatedRouteCollection().getTemplatedRoutes()) {
            Map<String, String> parameters = new HashMap<>();
            if (templated.getParameters() != null) {
                for (TemplatedRouteParameterDefinition p : templated.getParameters()) {
                    parameters.put(p.getName(), resolve(builder, file, p));
                }
            }
            found.add(new TopicRoute(file, templated.getRouteId(), templated.getRouteTemplateRef(), parameters));
        }
        TopicRouteCheck.checkFile(found);
        synchronized (routes) {
            routes.addAll(found);
        }
    }

    /** Every templatedRoute of the files loaded so far. */
    List<TopicRoute> routes() {
        synchronized (routes) {
            return List.copyOf(routes);
        }
    }

    private static String resolve(RouteBuilder builder, String file, TemplatedRouteParameterDefinition parameter) {
        String value = parameter.getValue() == null ? "" : parameter.getValue();
        try {
            return builder.getContext().resolvePropertyPlaceholders(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file, "parameter '" + parameter.getName() + "': " + e.getMessage());
        }
    }

    private static String fileName(Resource resource) {
        if (resource == null || resource.getLocation() == null) {
            return "routes";
        }
        String location = resource.getLocation();
        return location.startsWith("file:") ? location.substring("file:".length()) : location;
    }
}
