package io.ckafkamigrator.camel;

import java.util.HashMap;
import java.util.Map;

import io.ckafkamigrator.config.ClusterSettings;
import org.apache.camel.CamelContext;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.kafka.KafkaConfiguration;

/**
 * Registers a Kafka component per cluster under the cluster's name, so that routes say
 * {@code legacy:orders} or {@code ckafka:orders} and never repeat addresses or credentials.
 */
final class KafkaClusterComponents {

    private KafkaClusterComponents() {
    }

    static void register(CamelContext context, ClusterSettings cluster) {
        KafkaConfiguration configuration = new KafkaConfiguration();
        configuration.setBrokers(cluster.bootstrapServers());
        configuration.setSecurityProtocol(cluster.securityProtocol().name());
        configuration.setAdditionalProperties(additionalProperties(cluster));
        KafkaComponent component = new KafkaComponent(context);
        component.setConfiguration(configuration);
        context.addComponent(cluster.name(), component);
    }

    /**
     * Gives the component the settings chosen for the brokers' release ({@code cluster} as
     * fitted). Before the context starts: each endpoint copies the component's configuration
     * when a route is made, and an endpoint's own parameters (a route's {@code isolationLevel})
     * lose against these, which Camel applies last.
     */
    static void fitToBrokers(CamelContext context, ClusterSettings cluster) {
        KafkaConfiguration configuration = context.getComponent(cluster.name(), KafkaComponent.class).getConfiguration();
        // Merged into what the component holds (camel.component.<cluster>.additional-properties
        // bound meanwhile included); the operator's client overrides again win over both.
        Map<String, Object> client = new HashMap<>(configuration.getAdditionalProperties());
        client.putAll(cluster.brokerSettings());
        client.putAll(cluster.clientOverrides());
        configuration.setAdditionalProperties(client);
    }

    /**
     * Everything but the address goes through additionalProperties: Camel applies them last, so
     * the security settings, those chosen for the brokers' release and the operator's client
     * overrides always win over Camel defaults and route parameters.
     */
    private static Map<String, Object> additionalProperties(ClusterSettings cluster) {
        Map<String, Object> client = new HashMap<>(cluster.clientProperties());
        client.remove("bootstrap.servers");
        return client;
    }
}
