package io.ckafkamigrator.camel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.ckafkamigrator.config.TopicRouteCheck;
import io.ckafkamigrator.core.Hook;
import io.ckafkamigrator.core.HookCall;
import io.ckafkamigrator.core.Phase;
import io.ckafkamigrator.core.Side;
import io.ckafkamigrator.core.TopicConfig;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.PropertiesFunction;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The example topic file of external producers and consumers (docs/examples/external-services-topic.yaml)
 * and the hook routes of the README's section on them are what the app accepts and calls: the
 * topic file passes the start's topic-file check with both sides external, the hook routes have
 * the route ids the control calls, and each hook, called as the app calls it, sends the request
 * the README says (the Kubernetes scale a PATCH with a merge patch). The outgoing HTTP call is
 * intercepted: no broker, no network.
 */
class ExternalExamplesTest {

    private static final Path EXAMPLE = Path.of("docs", "examples", "external-services-topic.yaml");
    private static final Path TEMPLATES = Path.of("routes", "templates", "migrated-topic.yaml");
    private static final String SECTION = "## Your own producers and consumers (external services)";
    private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);
    private static final String TOKEN = "token-from-the-environment";

    /** The routes of {@code yaml} (with the topic templates), and the templatedRoutes the start's check saw. */
    private record Loaded(CamelContext context, List<RouteDefinition> routes, TopicRouteFiles files) {
    }

    private static Loaded load(String name, String yaml) throws Exception {
        return load(name, yaml, TOKEN);
    }

    /** @param token what {@code {{env:K8S_API_TOKEN}}} reads; null: the variable is not set */
    private static Loaded load(String name, String yaml, String token) throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.getPropertiesComponent().setLocation("file:config/application.properties");
        // The token of the examples, as {{env:K8S_API_TOKEN}} would read it in a pod.
        context.getPropertiesComponent().addPropertiesFunction(new PropertiesFunction() {
            @Override
            public String getName() {
                return "env";
            }

            @Override
            public String apply(String remainder) {
                return "K8S_API_TOKEN".equals(remainder) ? token : System.getenv(remainder);
            }
        });
        TopicRouteFiles files = new TopicRouteFiles();
        context.getRegistry().bind(BeanNames.TOPIC_ROUTE_FILES, files);
        List<Resource> resources = new ArrayList<>();
        resources.add(PluginHelper.getResourceLoader(context).resolveResource("file:" + TEMPLATES));
        resources.add(ResourceHelper.fromString(name, yaml));
        PluginHelper.getRoutesLoader(context).loadRoutes(resources);
        return new Loaded(context, ((ModelCamelContext) context).getRouteDefinitions(), files);
    }

    /** The ```yaml blocks of the README's section on external services that hold Camel routes. */
    private static List<String> readmeRouteBlocks() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf(SECTION);
        assertThat(start).as("README section '%s'", SECTION).isNotNegative();
        int end = readme.indexOf("\n## ", start + SECTION.length());
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        List<String> blocks = new ArrayList<>();
        Matcher m = YAML_BLOCK.matcher(section);
        while (m.find()) {
            if (m.group(1).contains("- route:") || m.group(1).contains("- templatedRoute:")) {
                blocks.add(m.group(1));
            }
        }
        return blocks;
    }

    /** The hook routes among {@code routes}: those not made from a template. */
    private static List<RouteDefinition> hookRoutes(List<RouteDefinition> routes) {
        return routes.stream().filter(r -> r.getTemplateParameters() == null).toList();
    }

    private static List<String> hookRouteIds(String topic) {
        return Arrays.stream(Hook.values()).map(h -> h.routeId(topic)).toList();
    }

    /**
     * Calls the hook route {@code hook} of {@code yaml} as the app does ({@link CamelHooks}), with
     * its outgoing HTTP call intercepted; the exchange as it would have been sent.
     */
    private static Exchange callHook(String yaml, Hook hook, Phase previous) throws Exception {
        TopicConfig topic = payments();
        CamelContext context = hookContext(yaml, TOKEN);
        List<Exchange> sent = new CopyOnWriteArrayList<>();
        String routeId = hook.routeId(topic.name());
        AdviceWith.adviceWith(context, routeId, a -> a.interceptSendToEndpoint("http*")
                .skipSendToOriginalEndpoint().process(e -> sent.add(e.copy())));
        context.start();
        try {
            new CamelHooks(context).call(routeId, new HookCall(hook, topic, Phase.CUTTING_OVER, previous,
                    Map.of(0, 42L), Map.of(0, 7L), Instant.parse("2026-12-01T10:00:00Z")));
        } finally {
            context.stop();
        }
        assertThat(sent).as("HTTP calls of %s", routeId).hasSize(1);
        return sent.get(0);
    }

    /** A context with only the hook routes of {@code yaml} (the topic's own routes need the clusters). */
    private static CamelContext hookContext(String yaml, String token) throws Exception {
        Loaded loaded = load("hook.yaml", yaml, token);
        CamelContext context = new DefaultCamelContext();
        context.getPropertiesComponent().addPropertiesFunction(
                loaded.context().getPropertiesComponent().getPropertiesFunction("env"));
        ((ModelCamelContext) context).addRouteDefinitions(hookRoutes(loaded.routes()));
        return context;
    }

    private static TopicConfig payments() throws Exception {
        return TopicConfigs.read(load("external-services-topic.yaml", Files.readString(EXAMPLE)).context()).get(0);
    }

    @Test
    void shouldPassTheTopicFileCheckWithExternalProducersAndConsumers() throws Exception {
        // Given
        Loaded loaded = load("external-services-topic.yaml", Files.readString(EXAMPLE));

        // When
        Throwable refused = catchThrowable(() -> TopicRouteCheck.checkAll(loaded.files().routes()));

        // Then
        assertThat(refused).isNull();
        assertThat(loaded.files().routes()).hasSize(3);
        List<TopicConfig> topics = TopicConfigs.read(loaded.context());
        assertThat(topics).singleElement().satisfies(topic -> {
            assertThat(topic.name()).isEqualTo("payments");
            assertThat(topic.producers()).isEqualTo(Side.EXTERNAL);
            assertThat(topic.consumers()).isEqualTo(Side.EXTERNAL);
        });
        assertThat(hookRoutes(loaded.routes())).extracting(RouteDefinition::getRouteId)
                .containsExactlyInAnyOrderElementsOf(hookRouteIds("payments"));
        // The app sends each call to the hook route's own endpoint.
        assertThat(hookRoutes(loaded.routes())).allSatisfy(r -> assertThat(r.getInput().getEndpointUri())
                .isEqualTo("direct:" + r.getRouteId()));
    }

    @Test
    void shouldShowTheExampleTopicFileInTheReadmeAsItIs() throws Exception {
        // When
        List<String> blocks = readmeRouteBlocks();

        // Then
        assertThat(blocks).contains(Files.readString(EXAMPLE));
    }

    @Test
    void shouldLoadEveryReadmeHookAsARouteTheControlCalls() throws Exception {
        // Given
        List<String> blocks = readmeRouteBlocks();

        // When
        List<List<RouteDefinition>> hooks = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            hooks.add(hookRoutes(load("readme-block-" + i + ".yaml", blocks.get(i)).routes()));
        }

        // Then
        assertThat(blocks).hasSizeGreaterThanOrEqualTo(2);
        assertThat(hooks).allSatisfy(routes -> assertThat(routes).isNotEmpty().allSatisfy(r -> {
            assertThat(hookRouteIds("payments")).contains(r.getRouteId());
            assertThat(r.getInput().getEndpointUri()).isEqualTo("direct:" + r.getRouteId());
        }));
    }

    @Test
    void shouldScaleTheOldDeploymentToZeroWithAMergePatchWhenTheStopHookIsCalled() throws Exception {
        // Given
        String yaml = Files.readString(EXAMPLE);

        // When
        Exchange sent = callHook(yaml, Hook.STOP_LEGACY_CONSUMERS, null);

        // Then
        assertThat(sent.getProperty(Exchange.INTERCEPTED_ENDPOINT, String.class))
                .startsWith("https://kubernetes.default.svc/apis/apps/v1/namespaces/payments/deployments/payments-service/scale")
                .contains("httpMethod=PATCH");
        assertThat(sent.getMessage().getHeader(Exchange.CONTENT_TYPE)).isEqualTo("application/merge-patch+json");
        assertThat(sent.getMessage().getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(sent.getMessage().getBody(String.class)).isEqualTo("{\"spec\":{\"replicas\":0}}");
    }

    @Test
    void shouldScaleTheNewDeploymentToOneWithAMergePatchWhenTheStartHookIsCalled() throws Exception {
        // Given
        String yaml = Files.readString(EXAMPLE);

        // When
        Exchange sent = callHook(yaml, Hook.START_CKAFKA_CONSUMERS, null);

        // Then
        assertThat(sent.getProperty(Exchange.INTERCEPTED_ENDPOINT, String.class))
                .startsWith("https://kubernetes.default.svc/apis/apps/v1/namespaces/payments/deployments/payments-service-ckafka/scale")
                .contains("httpMethod=PATCH");
        assertThat(sent.getMessage().getHeader(Exchange.CONTENT_TYPE)).isEqualTo("application/merge-patch+json");
        assertThat(sent.getMessage().getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(sent.getMessage().getBody(String.class)).isEqualTo("{\"spec\":{\"replicas\":1}}");
    }

    @Test
    void shouldPostThePhaseChangeToTheChatWhenTheOnPhaseHookIsCalled() throws Exception {
        // Given
        String yaml = Files.readString(EXAMPLE);

        // When
        Exchange sent = callHook(yaml, Hook.ON_PHASE, Phase.DRAINING);

        // Then
        assertThat(sent.getProperty(Exchange.INTERCEPTED_ENDPOINT, String.class)).contains("httpMethod=POST");
        assertThat(sent.getMessage().getBody(String.class)).isEqualTo("{\"text\":\"payments: DRAINING -> CUTTING_OVER\"}");
    }

    @Test
    void shouldPostTheCallAsTheReadmeSaysWhenTheReadmeWebhookIsCalled() throws Exception {
        // Given
        String webhook = readmeRouteBlocks().stream().filter(b -> !b.contains("- templatedRoute:")).findFirst()
                .orElseThrow(() -> new AssertionError("no webhook block in the README section"));

        // When
        Exchange sent = callHook(webhook, Hook.STOP_LEGACY_CONSUMERS, null);

        // Then
        assertThat(sent.getProperty(Exchange.INTERCEPTED_ENDPOINT, String.class)).startsWith("https://hooks.example.com/")
                .contains("httpMethod=POST");
        assertThat(sent.getMessage().getHeaders()).containsEntry(Exchange.CONTENT_TYPE, "application/json")
                .containsEntry(CamelHooks.TOPIC_HEADER, "payments")
                .containsEntry(CamelHooks.HOOK_HEADER, "stop-legacy-consumers")
                .containsEntry(CamelHooks.PHASE_HEADER, "CUTTING_OVER")
                .doesNotContainKey(CamelHooks.PREVIOUS_PHASE_HEADER);
        assertThat(sent.getMessage().getBody(String.class)).isEqualTo("{\"topic\":\"payments\",\"hook\":\"stop-legacy-consumers\","
                + "\"phase\":\"CUTTING_OVER\",\"previousPhase\":null,\"legacyTopic\":\"payments\","
                + "\"legacyGroup\":\"payments-service\",\"ckafkaTopic\":\"payments\",\"ckafkaGroup\":\"payments-service-ckafka\","
                + "\"ordering\":\"ordered\",\"drainTarget\":{\"0\":42},\"ckafkaStartOffsets\":{\"0\":7},"
                + "\"time\":\"2026-12-01T10:00:00Z\"}");
    }

    @Test
    void shouldNotStartTheKubernetesHooksWithoutTheTokenVariable() throws Exception {
        // Given
        CamelContext context = hookContext(Files.readString(EXAMPLE), null);

        // When
        Throwable thrown = catchThrowable(context::start);

        // Then
        context.stop();
        assertThat(thrown).isNotNull().hasStackTraceContaining("K8S_API_TOKEN");
    }
}
