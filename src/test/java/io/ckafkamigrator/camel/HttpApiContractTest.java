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
            "migration-control-cutover", "migration-control-prepare", "migration-control-producers-switched",
            "migration-control-accept-stray-writes",
            "migration-control-accept-expired-backlog", "migration-control-clusters", "migration-control-preflight-all",
            "migration-control-preflight", "migration-control-batch-switch-producer", "migration-control-batch-cutover",
            "migration-control-provision", "migration-control-provision-all", "migration-control-dashboard");
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
    void shouldRefuseAndRecordAControlRequestABrowserSentFromAPageOfAnotherSite() throws Exception {
        // Given
        start();

        // When
        Exchange answer = postFromBrowser("migration-control-cutover", "/api/migrations/orders/cutover", "cross-site");

        // Then
        assertThat(answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(403);
        assertThat(answer.getMessage().getBody(String.class)).startsWith("{\"error\":\"cross_site_request\"");
        assertThat(api.calls).isEmpty();
        assertThat(audited).singleElement().satisfies(e -> assertThat(e.details()).containsEntry("status", 403)
                .containsEntry("result", "cross_site_request"));
    }

    @Test
    void shouldTakeAControlRequestABrowserSentFromTheDashboardOfTheSameOrigin() throws Exception {
        // Given
        start();

        // When
        Exchange answer = postFromBrowser("migration-control-switch-producer", "/api/migrations/orders/switch-producer",
                "same-origin");

        // Then
        assertThat(answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(200);
        assertThat(api.calls).containsExactly("switchProducer");
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
    void shouldAnswerThePreflightOfAllTopicsWhenTheStatusRouteGetsThePreflightPath() throws Exception {
        // Given
        start();

        // When
        Exchange answer = context.createProducerTemplate().request("direct:migration-control-status", exchange -> {
            exchange.getMessage().setHeader(Exchange.HTTP_URI, "/api/migrations/preflight");
            exchange.getMessage().setHeader(Exchange.HTTP_PATH, "/api/migrations/preflight");
            exchange.getMessage().setHeader("topic", "preflight");
        });

        // Then
        assertThat(answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(200);
        assertThat(api.calls).containsExactly("preflightAll");
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
    void shouldRecordEachTopicOfABatchWithItsOwnAnswerAndNotTheBatchAgain() throws Exception {
        // Given
        start();

        // When
        Exchange answer = postBatch("migration-control-batch-switch-producer", BatchControl.SWITCH_PATH,
                "topics=orders,payments");

        // Then
        assertThat(answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(207);
        assertThat(answer.getMessage().getBody(String.class)).contains(
                "{\"topic\":\"orders\",\"status\":200,\"phase\":\"DRAINING\",\"error\":null}",
                "{\"topic\":\"payments\",\"status\":404,\"phase\":null,\"error\":{\"error\":\"unknown_topic\"");
        assertThat(audited).extracting(AuditEvent::topic).containsExactlyInAnyOrder("orders", "payments");
        assertThat(audited).filteredOn(e -> e.topic().equals("orders")).singleElement()
                .satisfies(e -> assertThat(e.details()).containsEntry("actor", "anonymous")
                        .containsEntry("action", "switch-producer").containsEntry("query", "topics=orders,payments")
                        .containsEntry("status", 200).containsEntry("result", "ok"));
        assertThat(audited).filteredOn(e -> e.topic().equals("payments")).singleElement()
                .satisfies(e -> assertThat(e.details()).containsEntry("status", 404).containsEntry("result", "unknown_topic"));
    }

    @Test
    void shouldRecordABatchRefusedAsAWholeOnceWithoutATopic() throws Exception {
        // Given
        start();

        // When
        Exchange answer = postBatch("migration-control-batch-cutover", BatchControl.CUTOVER_PATH, "topics=orders,,x");

        // Then
        assertThat(answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(400);
        assertThat(answer.getMessage().getBody(String.class)).startsWith("{\"error\":\"bad_parameter\"");
        assertThat(audited).singleElement().satisfies(e -> {
            assertThat(e.topic()).isEmpty();
            assertThat(e.details()).containsEntry("action", "cutover").containsEntry("status", 400)
                    .containsEntry("result", "bad_parameter");
        });
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
    void shouldServeTheDashboardAsHtmlThatIsNeverCachedNorFramedAndNotRecordIt() throws Exception {
        // Given
        start();

        // When
        Exchange answer = post("migration-control-dashboard", "/dashboard", null);

        // Then
        assertThat(answer.getException()).isNull();
        assertThat(answer.getMessage().getHeader(Exchange.CONTENT_TYPE)).isEqualTo("text/html; charset=utf-8");
        assertThat(answer.getMessage().getHeader("Cache-Control")).isEqualTo("no-store");
        assertThat(answer.getMessage().getHeader("Content-Security-Policy", String.class))
                .contains("default-src 'none'", "connect-src 'self'", "frame-ancestors 'none'");
        assertThat(answer.getMessage().getBody(String.class)).startsWith("<!doctype html>").contains("/api/migrations");
        assertThat(api.calls).isEmpty();
        assertThat(audited).isEmpty();
    }

    @Test
    void shouldServeADashboardThatLoadsNothingFromAnywhereElse() throws Exception {
        // Given
        start();

        // When
        String page = post("migration-control-dashboard", "/dashboard", null).getMessage().getBody(String.class);

        // Then
        // No script, style, font or image by URL: the machine and operators' networks may be closed.
        assertThat(page).doesNotContainPattern("(?i)\\b(src|href)\\s*=|://|@import|url\\(");
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
        ControlAudit audit = new ControlAudit(recording(), Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC));
        context.getRegistry().bind(BeanNames.CONTROL_AUDIT, audit);
        BatchControl batch = new BatchControl(new OrdersRequests(), 2);
        batch.audit(audit);
        context.getRegistry().bind(BeanNames.BATCH_CONTROL, batch);
        context.getRegistry().bind(BeanNames.INGEST_REQUEST, new IngestRequest());
        context.getRegistry().bind(BeanNames.INGEST_RESPONSE, new IngestResponse());
        context.getRegistry().bind(BeanNames.MIGRATION_API, api);
        context.getRegistry().bind(BeanNames.CLUSTERS_API, new ClustersApi());
        context.getRegistry().bind(BeanNames.PAGE_HEADER_FILTER, new PageHeaderFilter());
        // One stub for both APIs: the calls show which route step answered.
        context.getRegistry().bind(BeanNames.PREFLIGHT_API, api);
        var loader = PluginHelper.getRoutesLoader(context);
        for (String file : List.of("http-api.yaml", "control.yaml", "ingest.yaml", "dashboard.yaml",
                "templates/migrated-topic.yaml")) {
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

    /** A POST of topic "orders" as a browser sends it: {@code site} says where its page comes from. */
    private Exchange postFromBrowser(String routeId, String path, String site) {
        return context.createProducerTemplate().request("direct:" + routeId, exchange -> {
            exchange.getMessage().setHeader(Exchange.HTTP_METHOD, "POST");
            exchange.getMessage().setHeader(Exchange.HTTP_URI, path);
            exchange.getMessage().setHeader("topic", "orders");
            exchange.getMessage().setHeader("Sec-Fetch-Site", site);
        });
    }

    /** A batch request as platform-http hands it to the route: its query, each parameter a header. */
    private Exchange postBatch(String routeId, String path, String query) {
        return context.createProducerTemplate().request("direct:" + routeId, exchange -> {
            exchange.getMessage().setHeader(Exchange.HTTP_URI, path + "?" + query);
            exchange.getMessage().setHeader(Exchange.HTTP_PATH, path);
            exchange.getMessage().setHeader(Exchange.HTTP_QUERY, query);
            for (String parameter : query.split("&")) {
                String[] nameAndValue = parameter.split("=", 2);
                exchange.getMessage().setHeader(nameAndValue[0], nameAndValue[1]);
            }
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

    /** The single-topic requests behind the batch: known topic "orders" only, switched to DRAINING, cut over at once. */
    private static final class OrdersRequests implements TopicRequests {

        @Override
        public List<String> topics() {
            return List.of("orders");
        }

        @Override
        public java.util.Optional<io.ckafkamigrator.core.Phase> phase(String topic) {
            return topic.equals("orders") ? java.util.Optional.of(io.ckafkamigrator.core.Phase.DRAINING)
                    : java.util.Optional.empty();
        }

        @Override
        public void switchProducer(String topic) {
            phase(topic).orElseThrow(() -> new UnknownTopicException(topic));
        }

        @Override
        public CompletableFuture<Void> cutover(String topic, int waitSeconds) {
            switchProducer(topic);
            return CompletableFuture.completedFuture(null);
        }
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

        public void prepare(Exchange exchange) {
            answer("prepare", exchange);
        }

        public void producersSwitched(Exchange exchange) {
            answer("producersSwitched", exchange);
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

        public void all(Exchange exchange) {
            // Every topic's: the path's {topic}, if any, is none.
            exchange.getMessage().removeHeader("topic");
            answer("preflightAll", exchange);
        }

        public void topic(Exchange exchange) {
            answer("preflightTopic", exchange);
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
