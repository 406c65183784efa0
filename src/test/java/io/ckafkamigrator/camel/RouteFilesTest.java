package io.ckafkamigrator.camel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.BeanDefinition;
import org.apache.camel.model.InterceptFromDefinition;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.ProcessDefinition;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Validates the shipped YAML routes at build time, without brokers: they parse, every topic
 * file yields the three route ids the control API relies on, the consumer settings that keep
 * order and lose nothing are in place, and every HTTP route takes the HTTP contract of
 * routes/http-api.yaml (its behaviour: {@link HttpApiContractTest}).
 */
class RouteFilesTest {

    /** Every route of the YAML files under {@code routesDir}, as Camel loads them, without starting them. */
    static List<RouteDefinition> load(Path routesDir) throws Exception {
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

    static List<RouteDefinition> httpRoutes(List<RouteDefinition> routes) {
        return routes.stream().filter(r -> r.getInput().getEndpointUri().startsWith("platform-http:")).toList();
    }

    /** The position among the route's steps of the interceptFrom whose first step calls {@code ref}; -1 if none. */
    private static int interceptorCalling(RouteDefinition route, String ref) {
        List<ProcessorDefinition<?>> steps = route.getOutputs();
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i) instanceof InterceptFromDefinition intercept && !intercept.getOutputs().isEmpty()
                    && ref.equals(refOf(intercept.getOutputs().get(0)))) {
                return i;
            }
        }
        return -1;
    }

    private static String refOf(ProcessorDefinition<?> step) {
        if (step instanceof ProcessDefinition process) {
            return process.getRef();
        }
        return step instanceof BeanDefinition bean ? bean.getRef() : null;
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
        route(routes, "migration-control-monitor");
    }

    @Test
    void shouldGiveEveryHttpRouteTheHttpContract() throws Exception {
        // Given
        Path routesDir = Path.of("routes");

        // When
        List<RouteDefinition> httpRoutes = httpRoutes(load(routesDir));

        // Then
        assertThat(httpRoutes).allSatisfy(r -> assertThat(r.getAppliedRouteConfigurationIds())
                .as("routeConfigurationId of %s", r.getRouteId()).contains("http-api"));
        assertThat(httpRoutes).extracting(RouteDefinition::getRouteId).containsExactlyInAnyOrder(
                "topics-ingest", "migration-control-list", "migration-control-status", "migration-control-history",
                "migration-control-switch-producer", "migration-control-cutover",
                "migration-control-prepare", "migration-control-producers-switched",
                "migration-control-accept-stray-writes", "migration-control-accept-expired-backlog",
                "migration-control-clusters", "migration-control-preflight-all", "migration-control-preflight",
                "migration-control-batch-switch-producer", "migration-control-batch-cutover", "migration-control-provision", "migration-control-provision-all",
                "api-docs", "migration-control-dashboard");
    }

    @Test
    void shouldAuditEachStateChangingControlRequestFromBeforeTheGuard() throws Exception {
        // Given
        Path routesDir = Path.of("routes");

        // When
        List<RouteDefinition> httpRoutes = httpRoutes(load(routesDir));

        // Then
        List<RouteDefinition> audited = httpRoutes.stream()
                .filter(r -> r.getAppliedRouteConfigurationIds() != null
                        && r.getAppliedRouteConfigurationIds().contains("control-audit")).toList();
        assertThat(audited).extracting(RouteDefinition::getRouteId)
                .containsExactlyInAnyOrder("migration-control-switch-producer", "migration-control-cutover",
                        "migration-control-prepare", "migration-control-producers-switched",
                        "migration-control-accept-stray-writes", "migration-control-accept-expired-backlog",
                        "migration-control-batch-switch-producer", "migration-control-batch-cutover",
                        "migration-control-provision", "migration-control-provision-all");
        // The interceptor of the configuration listed last runs first: the audit before the guard.
        assertThat(audited).allSatisfy(r -> assertThat(interceptorCalling(r, "controlAudit")).as(r.getRouteId())
                .isNotNegative().isLessThan(interceptorCalling(r, "requestGuard")));
    }

    @Test
    void shouldConsumeWithTheSettingsThatKeepOrderAndLoseNothing() throws Exception {
        // When
        List<RouteDefinition> routes = load(Path.of("routes"));

        // Then
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

        // When
        Throwable thrown = catchThrowable(() -> load(dir));

        // Then
        assertThat(thrown).hasMessageContaining("broken.yaml");
    }
}
