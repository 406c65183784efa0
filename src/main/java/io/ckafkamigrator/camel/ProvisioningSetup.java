package io.ckafkamigrator.camel;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import io.ckafkamigrator.config.ClusterSettings;
import io.ckafkamigrator.config.ConfigException;
import io.ckafkamigrator.config.PropertySource;
import io.ckafkamigrator.config.Settings;
import io.ckafkamigrator.core.AuditTrail;
import io.ckafkamigrator.core.CkafkaTopicPresence;
import io.ckafkamigrator.core.Clusters;
import io.ckafkamigrator.core.MigrationControl;
import io.ckafkamigrator.core.TopicConfig;
import io.ckafkamigrator.core.TopicProvisioning;
import io.ckafkamigrator.kafka.KafkaTopicAdmin;
import io.ckafkamigrator.kafka.TopicLimits;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static io.ckafkamigrator.camel.CamelLifecycle.onContextStop;

/**
 * Wires provisioning at start, once the clusters are checked: the CKafka topics found missing
 * ({@link CkafkaTopicPresence}, which the switch, the status and readiness ask), the
 * {@link TopicProvisioning} behind the API, and, when a missing topic appears (provisioned or
 * created by hand), a fresh read of its {@code max.message.bytes} for HTTP ingest: until then a
 * topic takes the legacy topic's limit alone, and a CKafka topic that accepts less tightens it.
 * The admin clients close with the CamelContext.
 */
final class ProvisioningSetup {

    private static final Logger LOG = LoggerFactory.getLogger(ProvisioningSetup.class);
    /** How often status and readiness look again for a missing CKafka topic (one DescribeTopics each time). */
    static final Duration RECHECK_INTERVAL = Duration.ofSeconds(5);

    private ProvisioningSetup() {
    }

    /** @param missingCkafka the CKafka topics the start found missing */
    static void attach(CamelContext context, PropertySource props, Clusters<ClusterSettings> clusters,
                       Set<String> missingCkafka, MigrationControl control, MigratorBeans beans, AuditTrail audit,
                       int timeoutMs) {
        int replicationFactor = props.getInt(Settings.PROVISION_REPLICATION_FACTOR);
        if (replicationFactor == 0) {
            throw new ConfigException(Settings.PROVISION_REPLICATION_FACTOR.key(),
                    "a topic needs at least one replica: set a number from 1, or -1 for the broker's default");
        }
        KafkaTopicAdmin admin = new KafkaTopicAdmin(clusters, timeoutMs);
        onContextStop(context, admin::close);
        CkafkaTopicPresence presence = new CkafkaTopicPresence(missingCkafka, admin::ckafkaTopicExists,
                RECHECK_INTERVAL, System::nanoTime);
        List<TopicConfig> topics = control.topics();
        presence.onFound(ckafkaTopic -> {
            Integer limit = TopicLimits.read(clusters.ckafka(), Set.of(ckafkaTopic), timeoutMs).maxBatchBytes()
                    .get(ckafkaTopic);
            topics.stream().filter(t -> t.ckafkaTopic().equals(ckafkaTopic)).forEach(t -> {
                beans.ingest().tighten(t.name(), limit);
                LOG.info("Largest record batch re-read: topic={} ckafkaTopic={} ckafkaMaxBatchBytes={}", t.name(),
                        ckafkaTopic, limit);
            });
        });
        control.watchCkafkaTopics(presence);
        beans.api().attachProvisioning(new TopicProvisioning(admin, replicationFactor, presence, audit,
                Clock.systemUTC()));
    }
}
