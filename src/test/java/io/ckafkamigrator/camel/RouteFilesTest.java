package io.ckafkamigrator.camel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Validates the shipped YAML routes at build time, without brokers: they parse, every topic
 * file yields the three route ids the control API relies on, and the consumer settings that
 * keep order and lose nothing are in place.
 */
class RouteFilesTest {

    private static List<RouteDefinition> load(Path routesDir) throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.getPropertiesComponent().setLocation("file:config/application.properties");
        List<Resource> resources = new ArrayList<>();
        try (Stream<Path> files = Files.walk(routesDir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                resources.add(PluginHelper.getResourceLoader(context).resolveResource("file:" + file));
            }
        }
        PluginHelper.getRoutesLoader(context).loadRoutes(resources);
        return ((ModelCamelContext) context).getRouteDefinitions();
    }

    private static RouteDefinition route(List<RouteDefinition> routes, String id) {
        return routes.stream().filter(r -> id.equals(r.getRouteId())).findFirst()
                .orElseThrow(() -> new AssertionError("no route " + id));
    }

    @Test
    void shouldGiveEveryTopicFileItsProducerAndBothConsumerRoutes() throws Exception {
        // Given
        List<String> topics;
        try (Stream<Path> files = Files.list(Path.of("routes", "topics"))) {
            topics = files.map(f -> f.getFileName().toString().replace(".yaml", "")).toList();
        }

        // When
        List<RouteDefinition> routes = load(Path.of("routes"));

        // Then
        assertThat(topics).contains("orders");
        for (String topic : topics) {
            route(routes, topic + "-producer");
            // The migration control starts the consumers the topic's phase calls for.
            assertThat(route(routes, topic + "-legacy-consumer").getAutoStartup()).isEqualTo("false");
            assertThat(route(routes, topic + "-ckafka-consumer").getAutoStartup()).isEqualTo("false");
        }
        route(routes, "topics-ingest");
        for (String control : List.of("monitor", "list", "status", "switch-producer", "cutover")) {
            route(routes, "migration-control-" + control);
        }
    }

    @Test
    void shouldConsumeWithTheSettingsThatKeepOrderAndLoseNothing() throws Exception {
        List<RouteDefinition> routes = load(Path.of("routes"));

        for (String id : List.of("orders-legacy-consumer", "orders-ckafka-consumer")) {
            assertThat(route(routes, id).getInput().getEndpointUri()).as(id)
                    .contains("breakOnFirstError=true", "autoCommitEnable=false", "allowManualCommit=true",
                            "DefaultKafkaManualCommitFactory");
        }
    }

    @Test
    void shouldRejectARouteFileTheYamlDslCannotRead(@TempDir Path dir) throws Exception {
        // Given
        Files.writeString(dir.resolve("broken.yaml"), "- route:\n    from:\n      uri: direct:x\n      steps:\n        - notAnEip: {}\n");

        // When / Then
        assertThatThrownBy(() -> load(dir)).hasMessageContaining("broken.yaml");
    }
}
