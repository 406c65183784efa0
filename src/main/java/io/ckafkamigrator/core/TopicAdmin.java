package io.ckafkamigrator.core;

import java.util.Map;
import java.util.Optional;

/**
 * What provisioning asks of the two clusters. Every call may block on the network (bounded by
 * the implementation's timeout) and fails with a {@link ProvisionFailedException} naming the
 * cluster and what it refused. Implementations are thread-safe.
 */
public interface TopicAdmin {

    /** The legacy topic; {@link ProvisionFailedException.Reason#LEGACY_TOPIC_MISSING} when it does not exist. */
    DescribedTopic describeLegacy(String topic);

    /** The CKafka topic, empty when it does not exist. */
    Optional<DescribedTopic> describeCkafka(String topic);

    /**
     * Creates the CKafka topic; with {@code validateOnly} the broker checks the request (policy,
     * authorization, replication factor, configs) and creates nothing.
     */
    void createCkafka(String topic, int partitions, int replicationFactor, Map<String, String> configs,
                      boolean validateOnly);

    /**
     * Whether the CKafka topic exists.
     *
     * @throws ProvisionFailedException when the cluster cannot tell (it does not answer)
     */
    boolean ckafkaTopicExists(String topic);
}
