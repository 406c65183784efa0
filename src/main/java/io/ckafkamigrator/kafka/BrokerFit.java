package io.ckafkamigrator.kafka;

import java.util.LinkedHashMap;
import java.util.Map;

import io.ckafkamigrator.config.ConfigException;
import io.ckafkamigrator.core.Cluster;

/**
 * How the migrator works with one cluster's brokers, decided at start-up from their API versions
 * ({@link BrokerApis}): the client settings their release needs, or a refusal before anything
 * moves. docs/compatibility.md shows each release as measured.
 * <ul>
 *   <li>Any cluster older than 0.10.2, the oldest release the migrator is proved on, is refused.</li>
 *   <li>CKafka must take idempotent sends and read_committed reads (0.11): the producer's retries
 *       must neither duplicate nor reorder, and the CKafka consumer must never deliver an aborted
 *       record. Older is refused.</li>
 *   <li>A legacy cluster older than 0.11 has no message format v2 and no transactions: sends are
 *       not idempotent (one request in flight keeps their order when a send is retried), reads are
 *       read_uncommitted (which loses nothing where no transaction can exist), consumers' metadata
 *       requests allow topic creation, and log offsets are listed through a consumer, since the
 *       admin client's ListOffsets needs Metadata v4 (0.11).</li>
 * </ul>
 *
 * @param cluster           the cluster's name
 * @param release           the Kafka release its brokers answer as ({@link BrokerApis#release()})
 * @param settings          Kafka client settings chosen for that release, applied under the operator's {@code <cluster>.client.*}
 * @param adminReadsOffsets whether the admin client can list its log offsets
 */
public record BrokerFit(String cluster, String release, Map<String, String> settings, boolean adminReadsOffsets) {

    public BrokerFit {
        settings = Map.copyOf(settings);
    }

    /** A cluster that was not asked (legacy once every topic is MIGRATED): nothing chosen. */
    public static BrokerFit notAsked(String cluster) {
        return new BrokerFit(cluster, "not asked", Map.of(), true);
    }

    /**
     * @param address the cluster's bootstrap servers, for the refusal's message
     * @throws ConfigException naming {@code <cluster>.bootstrap-servers} if the release cannot be migrated from or to
     */
    public static BrokerFit of(String cluster, String address, BrokerApis apis) {
        String release = apis.release();
        if (!apis.supports(org.apache.kafka.common.protocol.ApiKeys.OFFSET_FETCH, 2)) {
            throw refusal(cluster, address, release, "the migrator is proved on 0.10.2 and later only");
        }
        if (apis.hasMessageFormatV2()) {
            return new BrokerFit(cluster, release, Map.of(), true);
        }
        if (cluster.equals(Cluster.CKAFKA.id())) {
            throw refusal(cluster, address, release, "the target needs idempotent sends and read_committed reads"
                    + " (message format v2, Kafka 0.11 or later)");
        }
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("enable.idempotence", "false");
        settings.put("max.in.flight.requests.per.connection", "1");
        settings.put("isolation.level", "read_uncommitted");
        // The only metadata requests such a broker takes (Metadata v4 came with 0.11). Where the
        // broker's auto.create.topics.enable is on, its default, a read of a missing topic would
        // create it: the start checks first that every topic the routes use exists.
        settings.put("allow.auto.create.topics", "true");
        return new BrokerFit(cluster, release, settings, false);
    }

    private static ConfigException refusal(String cluster, String address, String release, String missing) {
        return new ConfigException(cluster + ".bootstrap-servers", "the " + cluster + " cluster at " + address
                + " runs Kafka " + release + " (by its brokers' API versions): " + missing
                + "; see docs/compatibility.md");
    }
}
