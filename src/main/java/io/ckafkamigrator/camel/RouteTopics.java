package io.ckafkamigrator.camel;

import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.camel.CamelContext;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.ProcessorDefinitionHelper;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.ToDefinition;
import org.apache.camel.spi.PropertiesComponent;

/**
 * The Kafka topics the loaded routes read or write, per cluster component ({@code legacy:x},
 * {@code ckafka:y}), found from the route definitions before any route starts.
 */
final class RouteTopics {

    private RouteTopics() {
    }

    static Map<String, Set<String>> byCluster(CamelContext context, Set<String> clusters) {
        Map<String, Set<String>> topics = new TreeMap<>();
        clusters.forEach(c -> topics.put(c, new TreeSet<>()));
        PropertiesComponent pc = context.getPropertiesComponent();
        for (RouteDefinition route : ((ModelCamelContext) context).getRouteDefinitions()) {
            // Routes made from a template keep their parameters aside: resolve with them.
            Properties local = new Properties();
            if (route.getTemplateParameters() != null) {
                local.putAll(route.getTemplateParameters());
            }
            pc.setLocalProperties(local);
            try {
                collect(context, route.getInput().getEndpointUri(), topics);
                for (ToDefinition to : ProcessorDefinitionHelper.filterTypeInOutputs(route.getOutputs(), ToDefinition.class)) {
                    collect(context, to.getEndpointUri(), topics);
                }
            } finally {
                pc.setLocalProperties(null);
            }
        }
        return topics;
    }

    private static void collect(CamelContext context, String uri, Map<String, Set<String>> topics) {
        if (uri == null) {
            return;
        }
        String resolved = context.resolvePropertyPlaceholders(uri);
        int colon = resolved.indexOf(':');
        if (colon < 0) {
            return;
        }
        Set<String> clusterTopics = topics.get(resolved.substring(0, colon));
        if (clusterTopics == null) {
            return;
        }
        String path = resolved.substring(colon + 1);
        if (path.startsWith("//")) {
            path = path.substring(2);
        }
        int query = path.indexOf('?');
        String topicList = query < 0 ? path : path.substring(0, query);
        for (String topic : topicList.split(",")) {
            if (!topic.isBlank()) {
                clusterTopics.add(topic.trim());
            }
        }
    }
}
