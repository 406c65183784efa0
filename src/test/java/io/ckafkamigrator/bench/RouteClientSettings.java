package io.ckafkamigrator.bench;

import java.util.Properties;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.component.kafka.KafkaConfiguration;
import org.apache.camel.component.kafka.KafkaEndpoint;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * The Kafka client properties a running route's endpoint gives its client, built the way
 * camel-kafka builds them, so the raw client of a comparison runs with exactly the same settings.
 */
final class RouteClientSettings {

    private RouteClientSettings() {
    }

    /** The consumer properties of a route's {@code from} endpoint, with another group id. */
    static Properties consumer(CamelContext context, String routeId, String groupId) {
        KafkaEndpoint endpoint = (KafkaEndpoint) context.getRoute(routeId).getEndpoint();
        KafkaConfiguration configuration = endpoint.getConfiguration();
        Properties props = configuration.createConsumerProperties();
        endpoint.updateClassProperties(props);
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, endpoint.getKafkaClientFactory().getBrokers(configuration));
        props.put(CommonClientConfigs.GROUP_ID_CONFIG, groupId);
        return props;
    }

    /** The producer properties of the endpoint {@code to: <component>:<topic>} in the routes. */
    static Properties producer(CamelContext context, String component, String topic) {
        KafkaEndpoint endpoint = producerEndpoint(context, component, topic);
        KafkaConfiguration configuration = endpoint.getConfiguration();
        Properties props = configuration.createProducerProperties();
        endpoint.updateClassProperties(props);
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, endpoint.getKafkaClientFactory().getBrokers(configuration));
        return props;
    }

    /**
     * The producer properties of the endpoint that sends a bridge request's records together
     * (the {@code to: <component>:<topic>} that is not {@code synchronous}).
     */
    static Properties batchProducer(CamelContext context, String component, String topic) {
        KafkaEndpoint endpoint = producerEndpoint(context, component, topic, false);
        KafkaConfiguration configuration = endpoint.getConfiguration();
        Properties props = configuration.createProducerProperties();
        endpoint.updateClassProperties(props);
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, endpoint.getKafkaClientFactory().getBrokers(configuration));
        return props;
    }

    private static KafkaEndpoint producerEndpoint(CamelContext context, String component, String topic) {
        return producerEndpoint(context, component, topic, null);
    }

    /** @param synchronous the endpoint's {@code synchronous} parameter, null for either */
    private static KafkaEndpoint producerEndpoint(CamelContext context, String component, String topic, Boolean synchronous) {
        for (Endpoint endpoint : context.getEndpoints()) {
            if (endpoint instanceof KafkaEndpoint kafka && kafka.getComponent() == context.getComponent(component)
                    && topic.equals(kafka.getConfiguration().getTopic()) && kafka.getConfiguration().getGroupId() == null
                    && (synchronous == null || kafka.getConfiguration().isSynchronous() == synchronous)) {
                return kafka;
            }
        }
        throw new IllegalStateException("no " + component + ":" + topic + " producer endpoint"
                + (synchronous == null ? "" : " with synchronous=" + synchronous) + " in the routes");
    }

    /** Poll timeout of the route's consumer, for the raw loop. */
    static long pollTimeoutMs(CamelContext context, String routeId) {
        return ((KafkaEndpoint) context.getRoute(routeId).getEndpoint()).getConfiguration().getPollTimeoutMs();
    }

    /** The group id of a route's {@code from} endpoint. */
    static String groupId(CamelContext context, String routeId) {
        return ((KafkaEndpoint) context.getRoute(routeId).getEndpoint()).getConfiguration().getGroupId();
    }

    static long commitTimeoutMs(CamelContext context, String routeId) {
        return ((KafkaEndpoint) context.getRoute(routeId).getEndpoint()).getConfiguration().getCommitTimeoutMs();
    }
}
