package io.ckafkamigrator.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.ckafkamigrator.config.ConfigException;
import org.apache.kafka.clients.NodeApiVersions;
import org.apache.kafka.common.message.ApiVersionsResponseData.ApiVersion;
import org.apache.kafka.common.protocol.ApiKeys;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How the migrator works with a cluster, from the API versions its brokers answer with. */
class BrokerFitTest {

    /** The client-facing APIs of a 0.10.2 broker, each at its newest version. */
    private static final String KAFKA_0_10_2 = "PRODUCE:2 FETCH:3 LIST_OFFSETS:1 METADATA:2 OFFSET_COMMIT:2 OFFSET_FETCH:2"
            + " FIND_COORDINATOR:0 JOIN_GROUP:1 HEARTBEAT:0 LEAVE_GROUP:0 SYNC_GROUP:0 DESCRIBE_GROUPS:0 LIST_GROUPS:0"
            + " SASL_HANDSHAKE:0 API_VERSIONS:0 CREATE_TOPICS:1 DELETE_TOPICS:0";
    private static final String KAFKA_0_10_1 = KAFKA_0_10_2.replace("OFFSET_FETCH:2", "OFFSET_FETCH:1");
    private static final String KAFKA_0_11 = "PRODUCE:3 FETCH:5 LIST_OFFSETS:2 METADATA:4 OFFSET_COMMIT:3 OFFSET_FETCH:3"
            + " FIND_COORDINATOR:1 JOIN_GROUP:2 HEARTBEAT:1 LEAVE_GROUP:1 SYNC_GROUP:1 DESCRIBE_GROUPS:1 LIST_GROUPS:1"
            + " SASL_HANDSHAKE:0 API_VERSIONS:1 CREATE_TOPICS:2 DELETE_TOPICS:1 DELETE_RECORDS:0 INIT_PRODUCER_ID:0"
            + " DESCRIBE_CONFIGS:0 ALTER_CONFIGS:0";
    private static final String KAFKA_2_8 = KAFKA_0_11.replace("FETCH:5", "FETCH:12").replace("PRODUCE:3", "PRODUCE:8")
            + " CREATE_PARTITIONS:3 DELETE_GROUPS:2 ELECT_LEADERS:2 INCREMENTAL_ALTER_CONFIGS:1 OFFSET_DELETE:0"
            + " ALTER_CLIENT_QUOTAS:1 ALTER_USER_SCRAM_CREDENTIALS:0 DESCRIBE_CLUSTER:0";

    private static NodeApiVersions broker(String apis) {
        List<ApiVersion> versions = new ArrayList<>();
        for (String api : apis.trim().split("\\s+")) {
            String[] keyAndMax = api.split(":");
            versions.add(new ApiVersion().setApiKey(ApiKeys.valueOf(keyAndMax[0]).id).setMinVersion((short) 0)
                    .setMaxVersion(Short.parseShort(keyAndMax[1])));
        }
        return new NodeApiVersions(versions, List.of(), false);
    }

    private static BrokerFit fit(String cluster, String... brokers) {
        return BrokerFit.of(cluster, "old-broker:9092",
                BrokerApis.common(java.util.Arrays.stream(brokers).map(BrokerFitTest::broker).toList()));
    }

    @Test
    void shouldChooseNothingForALegacyClusterWithMessageFormatV2() {
        // When
        BrokerFit fit = fit("legacy", KAFKA_0_11);

        // Then
        assertThat(fit.release()).isEqualTo("0.11");
        assertThat(fit.settings()).isEmpty();
        assertThat(fit.adminReadsOffsets()).isTrue();
    }

    @Test
    void shouldTurnOffIdempotenceAndTransactionalReadsAndReadOffsetsThroughConsumersForA0102LegacyCluster() {
        // When
        BrokerFit fit = fit("legacy", KAFKA_0_10_2);

        // Then
        assertThat(fit.release()).isEqualTo("0.10.2");
        assertThat(fit.settings()).isEqualTo(Map.of("enable.idempotence", "false",
                "max.in.flight.requests.per.connection", "1", "isolation.level", "read_uncommitted",
                "allow.auto.create.topics", "true"));
        assertThat(fit.adminReadsOffsets()).isFalse();
    }

    @Test
    void shouldTreatAClusterInARollingUpgradeAsItsOldestBroker() {
        // When
        BrokerFit fit = fit("legacy", KAFKA_2_8, KAFKA_0_10_2);

        // Then
        assertThat(fit.release()).isEqualTo("0.10.2");
        assertThat(fit.adminReadsOffsets()).isFalse();
    }

    @Test
    void shouldRefuseACkafkaClusterWithoutIdempotentSendsNamingTheReleaseAndWhatIsMissing() {
        // When / Then
        assertThatThrownBy(() -> fit("ckafka", KAFKA_0_10_2))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ckafka.bootstrap-servers")
                .hasMessageContaining("old-broker:9092")
                .hasMessageContaining("Kafka 0.10.2")
                .hasMessageContaining("idempotent sends and read_committed reads");
    }

    @Test
    void shouldRefuseALegacyClusterOlderThan0102() {
        // When / Then
        assertThatThrownBy(() -> fit("legacy", KAFKA_0_10_1))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("legacy.bootstrap-servers")
                .hasMessageContaining("Kafka 0.10.1")
                .hasMessageContaining("0.10.2 and later only");
    }

    @Test
    void shouldNameTheNewestReleaseWhoseApisEveryBrokerAnswers() {
        // When
        BrokerFit fit = fit("ckafka", KAFKA_2_8);

        // Then
        assertThat(fit.release()).isEqualTo("2.8");
        assertThat(fit.settings()).isEmpty();
    }
}
