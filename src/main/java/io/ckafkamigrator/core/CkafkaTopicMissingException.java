package io.ckafkamigrator.core;

/**
 * A producer switch refused because the topic's CKafka topic does not exist: nothing was saved
 * or moved, the topic stays LEGACY. Provisioning (or the CKafka console) creates it; the switch
 * then works without a restart.
 */
public final class CkafkaTopicMissingException extends RuntimeException {

    public static final String CODE = "ckafka_topic_missing";

    CkafkaTopicMissingException(TopicConfig topic) {
        super(CkafkaTopicPresence.missingText(topic) + "; the switch is refused and topic '" + topic.name()
                + "' stays LEGACY, nothing was saved or moved", null, false, false);
    }
}
