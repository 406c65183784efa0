package io.ckafkamigrator.kafka;

import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.NodeApiVersions;
import org.apache.kafka.common.message.ApiVersionsResponseData.ApiVersion;
import org.apache.kafka.common.protocol.ApiKeys;

/**
 * What every broker of one cluster answers, from their ApiVersions responses: per API the
 * newest version all of them take, and no entry for an API one of them lacks. The oldest broker
 * decides, so a cluster in the middle of a rolling upgrade is treated as its oldest member.
 *
 * <p>{@link #release()} names the newest Kafka release whose APIs all brokers answer, from an
 * API each release added: a release without a marker here shows as the one before it (2.5 as
 * 2.4), and {@code 3.0 or later} stands for every release since 3.0.
 *
 * @param maxVersions per API, the newest version every broker supports
 */
public record BrokerApis(Map<ApiKeys, Short> maxVersions) {

    /** An API (and the version) each release added, newest last: the first one missing ends the walk. */
    private static final List<Marker> RELEASES = List.of(
            new Marker("0.10.1", ApiKeys.CREATE_TOPICS, 0),
            new Marker("0.10.2", ApiKeys.OFFSET_FETCH, 2),
            new Marker("0.11", ApiKeys.INIT_PRODUCER_ID, 0),
            new Marker("1.0", ApiKeys.CREATE_PARTITIONS, 0),
            new Marker("1.1", ApiKeys.DELETE_GROUPS, 0),
            new Marker("2.0", ApiKeys.FETCH, 8),
            new Marker("2.1", ApiKeys.FETCH, 10),
            new Marker("2.2", ApiKeys.ELECT_LEADERS, 0),
            new Marker("2.3", ApiKeys.INCREMENTAL_ALTER_CONFIGS, 0),
            new Marker("2.4", ApiKeys.OFFSET_DELETE, 0),
            new Marker("2.6", ApiKeys.ALTER_CLIENT_QUOTAS, 0),
            new Marker("2.7", ApiKeys.ALTER_USER_SCRAM_CREDENTIALS, 0),
            new Marker("2.8", ApiKeys.DESCRIBE_CLUSTER, 0),
            new Marker("3.0", ApiKeys.LIST_TRANSACTIONS, 0));

    private record Marker(String release, ApiKeys api, int version) {
    }

    public BrokerApis {
        maxVersions = Map.copyOf(maxVersions);
    }

    /** The APIs every one of {@code brokers} supports, each at the newest version all of them take. */
    public static BrokerApis common(Collection<NodeApiVersions> brokers) {
        Map<ApiKeys, Short> common = null;
        for (NodeApiVersions broker : brokers) {
            Map<ApiKeys, Short> own = new EnumMap<>(ApiKeys.class);
            for (ApiKeys api : ApiKeys.values()) {
                ApiVersion version = broker.apiVersion(api);
                if (version != null) {
                    own.put(api, version.maxVersion());
                }
            }
            if (common == null) {
                common = own;
            } else {
                common.keySet().retainAll(own.keySet());
                common.replaceAll((api, max) -> (short) Math.min(max, own.get(api)));
            }
        }
        if (common == null) {
            throw new IllegalArgumentException("no broker answered");
        }
        return new BrokerApis(common);
    }

    /** Whether every broker takes {@code api} at {@code version} or newer. */
    public boolean supports(ApiKeys api, int version) {
        Short max = maxVersions.get(api);
        return max != null && max >= version;
    }

    /** The newest release whose APIs every broker answers: {@code 0.10.0} at least (ApiVersions itself). */
    public String release() {
        String release = "0.10.0";
        for (Marker marker : RELEASES) {
            if (!supports(marker.api(), marker.version())) {
                break;
            }
            release = marker.release();
        }
        return release.equals("3.0") ? "3.0 or later" : release;
    }

    /**
     * Message format v2 and transactions (0.11): idempotent sends, record headers, read_committed
     * reads (ListOffsets v2, Fetch v4) and metadata requests that can forbid topic creation
     * (Metadata v4), which the admin client always sends.
     */
    public boolean hasMessageFormatV2() {
        return supports(ApiKeys.INIT_PRODUCER_ID, 0) && supports(ApiKeys.PRODUCE, 3)
                && supports(ApiKeys.LIST_OFFSETS, 2) && supports(ApiKeys.FETCH, 4) && supports(ApiKeys.METADATA, 4);
    }
}
