package io.ckafkamigrator.camel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.ckafkamigrator.core.Clusters;
import io.ckafkamigrator.kafka.BrokerFit;
import org.apache.camel.Exchange;

/**
 * {@code GET /api/clusters}: for each cluster, the Kafka release its brokers answer as and the
 * client settings the app chose for it at start-up (docs/compatibility.md). Set once, before the
 * API answers anything else; until then it answers 503 like the migration API.
 */
public final class ClustersApi {

    private volatile Clusters<BrokerFit> fits;

    void fits(Clusters<BrokerFit> fits) {
        this.fits = fits;
    }

    /** {@code GET /api/clusters}. */
    public void list(Exchange exchange) {
        Clusters<BrokerFit> known = fits;
        if (known == null) {
            throw HttpProblem.starting();
        }
        List<Map<String, Object>> clusters = new ArrayList<>();
        for (BrokerFit fit : known.both()) {
            Map<String, Object> cluster = new LinkedHashMap<>();
            cluster.put("name", fit.cluster());
            cluster.put("brokerVersion", fit.release());
            cluster.put("adaptations", new TreeMap<>(fit.settings()));
            cluster.put("offsetReads", fit.adminReadsOffsets() ? "admin" : "consumer");
            clusters.add(cluster);
        }
        JsonAnswer.write(exchange, 200, Map.of("clusters", clusters));
    }
}
