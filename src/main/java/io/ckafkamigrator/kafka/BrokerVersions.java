package io.ckafkamigrator.kafka;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.ckafkamigrator.config.ClusterSettings;
import org.apache.kafka.clients.ApiVersions;
import org.apache.kafka.clients.ClientUtils;
import org.apache.kafka.clients.DefaultHostResolver;
import org.apache.kafka.clients.ManualMetadataUpdater;
import org.apache.kafka.clients.NetworkClient;
import org.apache.kafka.clients.NetworkClientUtils;
import org.apache.kafka.clients.NodeApiVersions;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.utils.LogContext;
import org.apache.kafka.common.utils.Time;

/**
 * Asks every broker of a cluster which API versions it supports (ApiVersions, answered by
 * every broker from 0.10.0 on, before SASL authentication too). The public clients do not
 * expose the answer, so this uses kafka-clients' network client, with the cluster's own
 * security settings: the same connection a producer or consumer would open.
 */
final class BrokerVersions {

    private BrokerVersions() {
    }

    /**
     * @param nodes the cluster's brokers, as its metadata names them
     * @throws IOException if a broker does not answer within {@code timeoutMs} (a broker older
     *                     than 0.10.0 closes the connection instead)
     */
    static BrokerApis read(ClusterSettings cluster, Collection<Node> nodes, int timeoutMs) throws IOException {
        Map<String, Object> props = new HashMap<>(cluster.clientProperties());
        String clientId = "ckafka-migrator-api-versions-" + cluster.name();
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        AbstractConfig config = new AbstractConfig(AdminClientConfig.configDef(), props, false);
        Time time = Time.SYSTEM;
        ApiVersions apiVersions = new ApiVersions();
        List<NodeApiVersions> answers = new ArrayList<>();
        try (Metrics metrics = new Metrics(time);
             NetworkClient client = ClientUtils.createNetworkClient(config, clientId, metrics, "api-versions",
                     new LogContext("[" + clientId + "] "), apiVersions, time, 1, timeoutMs,
                     new ManualMetadataUpdater(List.copyOf(nodes)), new DefaultHostResolver())) {
            for (Node node : nodes) {
                if (!NetworkClientUtils.awaitReady(client, node, time, timeoutMs)) {
                    throw new IOException("broker " + node.host() + ":" + node.port() + " did not answer ApiVersions within "
                            + timeoutMs + " ms");
                }
                answers.add(apiVersions.get(node.idString()));
            }
        }
        return BrokerApis.common(answers);
    }
}
