package io.ckafkamigrator.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class TopicRouteCheckTest {

    private static final String ORDERS = "routes/topics/orders.yaml";
    private static final String PAYMENTS = "routes/topics/payments.yaml";

    /** The three templatedRoutes of a topic file as the shipped orders.yaml writes them. */
    private static List<TopicRoute> topic(String file, String name, String legacyGroup, String ckafkaGroup) {
        return new ArrayList<>(List.of(
                new TopicRoute(file, name + "-producer", "migrated-topic-producer",
                        Map.of("name", name, "source", "direct:" + name, "legacyTopic", name, "ckafkaTopic", name)),
                new TopicRoute(file, name + "-legacy-consumer", "migrated-topic-legacy-consumer",
                        Map.of("name", name, "legacyTopic", name, "legacyGroup", legacyGroup, "sink", "log:x")),
                new TopicRoute(file, name + "-ckafka-consumer", "migrated-topic-ckafka-consumer",
                        Map.of("name", name, "ckafkaTopic", name, "ckafkaGroup", ckafkaGroup, "sink", "log:x"))));
    }

    private static TopicRoute with(TopicRoute route, String parameter, String value) {
        Map<String, String> parameters = new HashMap<>(route.parameters());
        parameters.put(parameter, value);
        return new TopicRoute(route.file(), route.routeId(), route.template(), parameters);
    }

    @Test
    void shouldAcceptTwoWellFormedTopics() {
        // Given
        List<TopicRoute> routes = topic(ORDERS, "orders", "orders-consumer", "orders-consumer-ckafka");
        routes.addAll(topic(PAYMENTS, "payments", "payments-consumer", "payments-consumer-ckafka"));

        // When
        Throwable thrown = catchThrowable(() -> TopicRouteCheck.checkAll(routes));

        // Then
        assertThat(thrown).isNull();
    }

    @Test
    void shouldRefuseALegacyStartFromThatIsNoChoiceNamingTheFileAndTheChoices() {
        // Given
        List<TopicRoute> routes = topic(ORDERS, "orders", "orders-consumer", "orders-consumer-ckafka");
        routes.set(1, with(routes.get(1), "legacyStartFrom", "oldest"));

        // When
        Throwable thrown = catchThrowable(() -> TopicRouteCheck.checkFile(routes));

        // Then
        assertThat(thrown).isInstanceOf(ConfigException.class).hasMessage(ORDERS + ": the templatedRoute "
                + "'orders-legacy-consumer' has legacyStartFrom 'oldest'; it must be one of committed | earliest | latest "
                + "(committed, the default, refuses to start a group without offsets)");
    }

    @Test
    void shouldAcceptEachLegacyStartFromChoice() {
        // Given
        List<List<TopicRoute>> files = List.of("committed", "earliest", "latest").stream().map(choice -> {
            List<TopicRoute> routes = topic(ORDERS, "orders", "orders-consumer", "orders-consumer-ckafka");
            routes.set(1, with(routes.get(1), "legacyStartFrom", choice));
            return routes;
        }).toList();

        // When
        Throwable thrown = catchThrowable(() -> files.forEach(TopicRouteCheck::checkFile));

        // Then
        assertThat(thrown).isNull();
    }

    @Test
    void shouldNameEachTopicOnce() {
        // Given
        List<TopicRoute> routes = topic(ORDERS, "orders", "orders-consumer", "orders-consumer-ckafka");
        routes.addAll(topic(PAYMENTS, "payments", "payments-consumer", "payments-consumer-ckafka"));

        // When
        Set<String> topics = TopicRouteCheck.topics(routes);

        // Then
        assertThat(topics).containsExactly("orders", "payments");
    }

    @Test
    void shouldNameBothFilesAndTheGroupWhenTwoTopicsShareTheLegacyGroup() {
        // Given
        List<TopicRoute> routes = topic(ORDERS, "orders", "shared", "orders-ckafka");
        routes.addAll(topic(PAYMENTS, "payments", "shared", "payments-ckafka"));

        // When
        Throwable thrown = catchThrowable(() -> TopicRouteCheck.checkAll(routes));

        // Then
        assertThat(thrown).isInstanceOf(ConfigException.class)
                .hasMessage(ORDERS + ", " + PAYMENTS + ": topics 'orders' and 'payments' share the legacy consumer group "
                        + "'shared'; each topic needs a group of its own");
    }

    @Test
    void shouldRefuseTwoTopicsSharingTheCkafkaGroup() {
        // Given
        List<TopicRoute> routes = topic(ORDERS, "orders", "orders-consumer", "migrator");
        routes.addAll(topic(PAYMENTS, "payments", "payments-consumer", "migrator"));

        // When
        Throwable thrown = catchThrowable(() -> TopicRouteCheck.checkAll(routes));

        // Then
        assertThat(thrown).hasMessageContaining("share the CKafka consumer group 'migrator'");
    }

    @Test
    void shouldNameTheFileAndAFixWhenTheCkafkaGroupEqualsTheLegacyGroup() {
        // Given
        List<TopicRoute> routes = topic(ORDERS, "orders", "orders-consumer", "orders-consumer");

        // When
        Throwable thrown = catchThrowable(() -> TopicRouteCheck.checkAll(routes));

        // Then
        assertThat(thrown)
                .hasMessage(ORDERS + ": topic 'orders' uses the group 'orders-consumer' as both legacyGroup and ckafkaGroup; "
                        + "give the CKafka group a name of its own (e.g. orders-consumer-ckafka)");
    }

    @Test
    void shouldNameTheExpectedRouteIdWhenARouteIdDoesNotFollowTheTopic() {
        // Given
        List<TopicRoute> routes = topic(ORDERS, "orders", "a", "b");
        TopicRoute legacy = routes.get(1);
        routes.set(1, new TopicRoute(ORDERS, "payments-legacy-consumer", legacy.template(), legacy.parameters()));

        // When
        Throwable thrown = catchThrowable(() -> TopicRouteCheck.checkAll(routes));

        // Then
        assertThat(thrown)
                .hasMessageStartingWith(ORDERS + ": the templatedRoute of migrated-topic-legacy-consumer for topic 'orders' "
                        + "has routeId 'payments-legacy-consumer'; it must be 'orders-legacy-consumer'");
    }

    @Test
    void shouldNameAParameterLeftBlank() {
        // Given
        List<TopicRoute> routes = topic(ORDERS, "orders", "a", "b");
        routes.set(2, with(routes.get(2), "ckafkaGroup", " "));

        // When
        Throwable thrown = catchThrowable(() -> TopicRouteCheck.checkAll(routes));

        // Then
        assertThat(thrown)
                .hasMessage(ORDERS + ": the templatedRoute 'orders-ckafka-consumer' has no value for parameter 'ckafkaGroup'");
    }

    @Test
    void shouldRefuseATopicWithoutItsCkafkaConsumer() {
        // Given
        List<TopicRoute> routes = topic(ORDERS, "orders", "a", "b");
        routes.remove(2);

        // When
        Throwable thrown = catchThrowable(() -> TopicRouteCheck.checkAll(routes));

        // Then
        assertThat(thrown).hasMessageStartingWith(ORDERS + ": topic 'orders' has no ckafka-consumer route");
    }

    @Test
    void shouldNameBothRoutesWhenTheyDisagreeOnTheCkafkaTopic() {
        // Given
        List<TopicRoute> routes = topic(ORDERS, "orders", "a", "b");
        routes.set(2, with(routes.get(2), "ckafkaTopic", "orders-v2"));

        // When
        Throwable thrown = catchThrowable(() -> TopicRouteCheck.checkAll(routes));

        // Then
        assertThat(thrown)
                .hasMessage(ORDERS + ": topic 'orders' has ckafkaTopic 'orders' in route 'orders-producer' but 'orders-v2' "
                        + "in route 'orders-ckafka-consumer'");
    }

    @Test
    void shouldNameBothFilesWhenTwoFilesDefineOneTopic() {
        // Given
        List<TopicRoute> routes = topic(ORDERS, "orders", "a", "b");
        routes.addAll(topic("routes/topics/orders-copy.yaml", "orders", "c", "d"));

        // When
        Throwable thrown = catchThrowable(() -> TopicRouteCheck.checkAll(routes));

        // Then
        assertThat(thrown)
                .hasMessage("routes/topics/orders-copy.yaml, " + ORDERS + ": both files define topic 'orders'; a topic is one file");
    }

    @Test
    void shouldListTheTemplatesWhenATemplateIsMisspelled() {
        // Given
        List<TopicRoute> routes = topic(ORDERS, "orders", "a", "b");
        TopicRoute ckafka = routes.get(2);
        routes.set(2, new TopicRoute(ORDERS, ckafka.routeId(), "migrated-topic-ckafka-consumr", ckafka.parameters()));

        // When
        Throwable thrown = catchThrowable(() -> TopicRouteCheck.checkAll(routes));

        // Then
        assertThat(thrown)
                .hasMessage(ORDERS + ": the templatedRoute 'orders-ckafka-consumer' refers to template "
                        + "'migrated-topic-ckafka-consumr', which does not exist; the templates are [migrated-topic-ckafka-consumer, "
                        + "migrated-topic-legacy-consumer, migrated-topic-producer]");
    }

    @Test
    void shouldRefuseTheTopicNamePreflightWhichIsAnApiPathNamingTheFile() {
        // Given
        List<TopicRoute> routes = topic("routes/topics/preflight.yaml", "preflight", "preflight-consumer",
                "preflight-consumer-ckafka");

        // When
        Throwable thrown = catchThrowable(() -> TopicRouteCheck.checkFile(routes));

        // Then
        assertThat(thrown).isInstanceOf(ConfigException.class).hasMessageStartingWith("routes/topics/preflight.yaml: "
                + "topic name 'preflight' is reserved: GET /api/migrations/preflight is the preflight of every topic");
    }

    /** A topic file whose consumers are the operator's services: no sink on either consumer route. */
    private static List<TopicRoute> externalConsumers(String file, String name) {
        List<TopicRoute> routes = topic(file, name, name + "-consumer", name + "-consumer-ckafka");
        for (int i = 1; i <= 2; i++) {
            Map<String, String> parameters = new HashMap<>(routes.get(i).parameters());
            parameters.remove("sink");
            parameters.put("consumers", "external");
            routes.set(i, new TopicRoute(file, routes.get(i).routeId(), routes.get(i).template(), parameters));
        }
        return routes;
    }

    @Test
    void shouldAcceptExternalProducersAndConsumersWithoutASink() {
        // Given
        List<TopicRoute> routes = externalConsumers(ORDERS, "orders");
        routes.set(0, with(routes.get(0), "producers", "external"));

        // When
        Throwable thrown = catchThrowable(() -> TopicRouteCheck.checkAll(routes));

        // Then
        assertThat(thrown).isNull();
    }

    @Test
    void shouldRequireTheSinkOfHostedConsumers() {
        // Given
        List<TopicRoute> routes = topic(ORDERS, "orders", "orders-consumer", "orders-consumer-ckafka");
        Map<String, String> parameters = new HashMap<>(routes.get(2).parameters());
        parameters.remove("sink");
        routes.set(2, new TopicRoute(ORDERS, routes.get(2).routeId(), routes.get(2).template(), parameters));

        // When
        Throwable thrown = catchThrowable(() -> TopicRouteCheck.checkFile(routes));

        // Then
        assertThat(thrown).isInstanceOf(ConfigException.class).hasMessageStartingWith(ORDERS + ": the templatedRoute "
                + "'orders-ckafka-consumer' has no value for parameter 'sink' (hosted consumers deliver to it");
    }

    @Test
    void shouldRefuseConsumerRoutesThatDisagreeOnWhoConsumes() {
        // Given
        List<TopicRoute> routes = externalConsumers(ORDERS, "orders");
        routes.set(2, with(with(routes.get(2), "consumers", "hosted"), "sink", "log:x"));

        // When
        Throwable thrown = catchThrowable(() -> TopicRouteCheck.checkFile(routes));

        // Then
        assertThat(thrown).isInstanceOf(ConfigException.class).hasMessage(ORDERS + ": topic 'orders' has consumers "
                + "'external' in route 'orders-legacy-consumer' but 'hosted' in route 'orders-ckafka-consumer'; the "
                + "consumer side is one: set the same on both");
    }

    @Test
    void shouldRefuseASideThatIsNeitherHostedNorExternal() {
        // Given
        List<TopicRoute> routes = topic(ORDERS, "orders", "orders-consumer", "orders-consumer-ckafka");
        routes.set(0, with(routes.get(0), "producers", "mine"));

        // When
        Throwable thrown = catchThrowable(() -> TopicRouteCheck.checkFile(routes));

        // Then
        assertThat(thrown).isInstanceOf(ConfigException.class).hasMessage(ORDERS + ": the templatedRoute "
                + "'orders-producer' has producers 'mine'; it must be hosted (the app's routes, the default) or external "
                + "(your own services)");
    }

    @Test
    void shouldRefuseLegacyStartFromWithExternalConsumers() {
        // Given
        List<TopicRoute> routes = externalConsumers(ORDERS, "orders");
        routes.set(1, with(routes.get(1), "legacyStartFrom", "earliest"));

        // When
        Throwable thrown = catchThrowable(() -> TopicRouteCheck.checkFile(routes));

        // Then
        assertThat(thrown).isInstanceOf(ConfigException.class).hasMessageContaining("sets legacyStartFrom with "
                + "consumers: external");
    }
}
