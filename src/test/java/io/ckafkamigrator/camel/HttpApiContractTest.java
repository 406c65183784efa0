package io.ckafkamigrator.camel;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.ckafkamigrator.core.AuditEvent;
import io.ckafkamigrator.core.AuditTrail;
import io.ckafkamigrator.core.Json;
import io.ckafkamigrator.core.UnknownTopicException;
import io.ckafkamigrator.config.Settings;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The HTTP contract of routes/http-api.yaml on the shipped HTTP routes, without a server or a
 * broker: each route's platform-http endpoint is replaced by direct:&lt;route id&gt;; guard, error
 * mapping and audit are the real ones, the migration API is a stub.
 */
class HttpApiContractTest {

    private static final List<String> HTTP_ROUTES = List.of("topics-ingest", "migration-control-list",
            "migration-control-status", "migration-control-history", "migration-control-switch-producer",
            "migration-control-cutover", "migration-control-accept-stray-writes",
            "migration-control-accept-expired-backlog", "migration-control-clusters", "migration-control-provision",
            "migration-control-provision-all");
    // Stands in for a topic's producer route, with the producer routes' configuration: it fails.
    private static final String FAILING_PRODUCER = """
            - route:
                id: orders-producer
                routeConfigurationId: producer-delivery
                from:
                  uri: direct:orders
                  steps:
                    - throwException:
                        exceptionType: java.lang.IllegalStateException
                        message: the broker refused the record
            """;

    private final ApiStub api = new ApiStub();
    private final List<AuditEvent> audited = new CopyOnWriteArrayList<>();
    private CamelContext context;

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
    }

    @Test
    void shouldRefuseAPathTrickWithBadPathBeforeAnyStepOfTheRoute() throws Exception {
        // Given
        start();

        // When
        Exchange answer = post("migration-control-switch-producer", "/api/migrations/orders/./switch-producer", "orders");

        // Then
        assertThat(answer.getException()).isNull();
        assertThat(answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(400);
        assertThat(answer.getMessage().getBody(String.class)).startsWith("{\"error\":\"bad_path\"");
        assertThat(api.calls).isEmpty();
    }

    @Test
    void shouldAnswerAFailureOfTheRouteWithItsJsonErrorAndStatus() throws Exception {
        // Given
        start();

        // When
        Exchange answer = post("migration-control-status", "/api/migrations/payments", "payments");

        // Then
        assertThat(answer.getException()).isNull();
        assertThat(answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(404);
        assertThat(answer.getMessage().getHeader(Exchange.CONTENT_TYPE)).isEqualTo("application/json");
        assertThat(answer.getMessage().getBody(String.class)).startsWith("{\"error\":\"unknown_topic\"");
    }

    @Test
    void shouldRecordARequestTheGuardRefusedWithItsStatusAndErrorCode() throws Exception {
        // Given
        start();

        // When
        post("migration-control-cutover", "/api/migrations/orders//cutover", "orders");

        // Then
        assertThat(audited).hasSize(1);
        assertThat(audited.get(0).topic()).isEqualTo("orders");
        assertThat(audited.get(0).details()).containsEntry("actor", "anonymous").containsEntry("action", "cutover")
                .containsEntry("status", 400).containsEntry("result", "bad_path");
    }

    @Test
    void shouldRecordAnAcceptedRequestWithTheAnswerItGot() throws Exception {
        // Given
        start();

        // When
        post("migration-control-switch-producer", "/api/migrations/orders/switch-producer", "orders");

        // Then
        assertThat(api.calls).containsExactly("switchProducer");
        assertThat(audited).hasSize(1);
        assertThat(audited.get(0).details()).containsEntry("action", "switch-producer").containsEntry("status", 200)
                .containsEntry("result", "ok");
    }

    @Test
    void shouldRecordEachProvisionRequestOfOneTopicOrOfAllWithItsQuery() throws Exception {
        // Given
        start();

        // When
        post("migration-control-provision", "/api/migrations/orders/provision", "orders");
        context.createProducerTemplate().request("direct:migration-control-provision-all", exchange -> {
            exchange.getMessage().setHeader(Exchange.HTTP_URI, "/api/migrations/provision");
            exchange.getMessage().setHeader(Exchange.HTTP_PATH, "/api/migrations/provision");
            exchange.getMessage().setHeader(Exchange.HTTP_QUERY, "dryRun=true");
        });

        // Then
        assertThat(api.calls).containsExactly("provision", "provisionAll");
        assertThat(audited).hasSize(2);
        assertThat(audited.get(0).topic()).isEqualTo("orders");
        assertThat(audited.get(0).details()).containsEntry("action", "provision").containsEntry("result", "ok");
        assertThat(audited.get(1).details()).containsEntry("action", "provision").containsEntry("query", "dryRun=true")
                .containsEntry("status", 200);
    }

    @Test
    void shouldRecordAWaitingCutoverWithTheAnswerItGetsWhenTheWaitEnds() throws Exception {
        // Given
        start();
        api.cutoverWait = new CompletableFuture<>();
        CompletableFuture<Exchange> answered = postAsync("migration-control-cutover", "/api/migrations/orders/cutover");
        await().atMost(10, TimeUnit.SECONDS).until(() -> api.calls.contains("cutover"));

        // When
        api.cutoverWait.complete(null);

        // Then
        Exchange answer = answered.get(10, TimeUnit.SECONDS);
        assertThat(answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(202);
        assertThat(answer.getMessage().getBody(String.class)).contains("\"waited\":true");
        assertThat(audited).hasSize(1);
        assertThat(audited.get(0).details()).containsEntry("action", "cutover").containsEntry("status", 202)
                .containsEntry("result", "ok");
    }

    @Test
    void shouldAnswerAWaitThatFailsWithItsJsonErrorAndRecordIt() throws Exception {
        // Given
        start();
        api.cutoverWait = new CompletableFuture<>();
        CompletableFuture<Exchange> answered = postAsync("migration-control-cutover", "/api/migrations/orders/cutover");
        await().atMost(10, TimeUnit.SECONDS).until(() -> api.calls.contains("cutover"));

        // When
        api.cutoverWait.completeExceptionally(new IllegalStateException("ckafka cluster: no answer within 1000 ms"));

        // Then
        Exchange answer = answered.get(10, TimeUnit.SECONDS);
        assertThat(answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(503);
        assertThat(answer.getMessage().getBody(String.class)).contains("\"error\":\"unavailable\"",
                "no answer within 1000 ms");
        assertThat(audited).hasSize(1);
        assertThat(audited.get(0).details()).containsEntry("status", 503).containsEntry("result", "unavailable");
    }

    @Test
    void shouldNotRecordARequestThatChangesNothing() throws Exception {
        // Given
        start();

        // When
        post("migration-control-list", "/api/migrations", null);

        // Then
        assertThat(api.calls).containsExactly("list");
        assertThat(audited).isEmpty();
    }

    @Test
    void shouldAnswer503NotStoredWhenTheProducerRouteBehindTheIngestFails() throws Exception {
        // Given
        start(FAILING_PRODUCER);

        // When
        Exchange answer = post("topics-ingest", "/topics/orders", "orders");

        // Then
        assertThat(answer.getException()).isNull();
        assertThat(answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(503);
        assertThat(answer.getMessage().getBody(String.class)).startsWith("{\"error\":\"not_stored\"")
                .contains("the broker refused the record");
    }

    private void start(String... extraRoutes) throws Exception {
        context = new DefaultCamelContext();
        // What the app hands Camel at start: the declared defaults of the settings the routes read.
        Properties defaults = new Properties();
        defaults.putAll(Settings.defaults());
        context.getPropertiesComponent().setInitialProperties(defaults);
        context.getRegistry().bind(BeanNames.REQUEST_GUARD, new RequestGuard());
        context.getRegistry().bind(BeanNames.HTTP_ERROR_RESPONSE, new HttpErrorResponse());
        context.getRegistry().bind(BeanNames.CONTROL_AUDIT, new ControlAudit(recording(),
                Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC)));
        context.getRegistry().bind(BeanNames.INGEST_REQUEST, new IngestRequest());
        context.getRegistry().bind(BeanNames.INGEST_RESPONSE, new IngestResponse());
        context.getRegistry().bind(BeanNames.MIGRATION_API, api);
        context.getRegistry().bind(BeanNames.CLUSTERS_API, new ClustersApi());
        var loader = PluginHelper.getRoutesLoader(context);
        for (String file : List.of("http-api.yaml", "control.yaml", "ingest.yaml", "templates/migrated-topic.yaml")) {
            loader.loadRoutes(PluginHelper.getResourceLoader(context).resolveResource("file:" + Path.of("routes", file)));
        }
        for (String routes : extraRoutes) {
            loader.loadRoutes(ResourceHelper.fromString("extra.yaml", routes));
        }
        // Set on the loaded definitions: the route configurations are already applied to them.
        for (String id : HTTP_ROUTES) {
            ((ModelCamelContext) context).getRouteDefinition(id).getInput().setUri("direct:" + id);
        }
        context.start();
    }

    /** A request as platform-http hands it to the route: the path, its {topic} and a body. */
    private Exchange post(String routeId, String path, String topic) {
        return context.createProducerTemplate().request("direct:" + routeId, exchange -> {
            exchange.getMessage().setHeader(Exchange.HTTP_URI, path);
            exchange.getMessage().setHeader(Exchange.HTTP_PATH, path);
            exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "text/plain");
            exchange.getMessage().setHeader("topic", topic);
            exchange.getMessage().setBody("value");
        });
    }

    /** As {@link #post}, answered later: the caller's thread does not wait for the route. */
    private CompletableFuture<Exchange> postAsync(String routeId, String path) {
        return context.createProducerTemplate().asyncSend("direct:" + routeId, exchange -> {
            exchange.setPattern(org.apache.camel.ExchangePattern.InOut);
            exchange.getMessage().setHeader(Exchange.HTTP_URI, path);
            exchange.getMessage().setHeader(Exchange.HTTP_PATH, path);
            exchange.getMessage().setHeader("topic", "orders");
        });
    }

    private AuditTrail recording() {
        return new AuditTrail() {
            @Override
            public void record(AuditEvent event) {
                audited.add(event);
            }

            @Override
            public List<String> history(String topic) {
                return List.of();
            }
        };
    }

    /** The migration API as the control routes call it: known topic "orders" only. */
    public static final class ApiStub {

        final List<String> calls = new CopyOnWriteArrayList<>();

        public void list(Exchange exchange) {
            answer("list", exchange);
        }

        public void status(Exchange exchange) {
            answer("status", exchange);
        }

        public void history(Exchange exchange) {
            answer("history", exchange);
        }

        public void switchProducer(Exchange exchange) {
            answer("switchProducer", exchange);
        }

        /** Completed by the test, as a waiting cutover is once the wait ends; answered at once while null. */
        volatile CompletableFuture<Void> cutoverWait;

        public CompletableFuture<Void> cutover(Exchange exchange) {
            answer("cutover", exchange);
            CompletableFuture<Void> wait = cutoverWait;
            return wait == null ? CompletableFuture.completedFuture(null) : wait.thenRun(() -> {
                exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 202);
                exchange.getMessage().setBody(Json.object(Map.of("call", "cutover", "waited", true)));
            });
        }

        public void acceptStrayWrites(Exchange exchange) {
            answer("acceptStrayWrites", exchange);
        }

        public void acceptExpiredBacklog(Exchange exchange) {
            answer("acceptExpiredBacklog", exchange);
        }

        public void provision(Exchange exchange) {
            answer("provision", exchange);
        }

        public void provisionAll(Exchange exchange) {
            answer("provisionAll", exchange);
        }

        public void tick() {
        }

        private void answer(String call, Exchange exchange) {
            String topic = exchange.getMessage().getHeader("topic", String.class);
            if (topic != null && !topic.equals("orders")) {
                throw new UnknownTopicException(topic);
            }
            calls.add(call);
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
            exchange.getMessage().setBody(Json.object(Map.of("call", call)));
        }
    }
}
