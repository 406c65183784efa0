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
        // Everything else goes through additionalProperties: Camel applies them last, so the
        // security settings and the operator's client overrides always win over Camel defaults.
        Map<String, Object> client = new HashMap<>(cluster.clientProperties());
        client.remove("bootstrap.servers");
        configuration.setSecurityProtocol(cluster.securityProtocol().name());
        configuration.setAdditionalProperties(client);
        KafkaComponent component = new KafkaComponent(context);
        component.setConfiguration(configuration);
        context.addComponent(cluster.name(), component);
    }
}
