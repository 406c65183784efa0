package io.ckafkamigrator.support;

import java.util.Map;

import org.apache.kafka.common.errors.PolicyViolationException;
import org.apache.kafka.server.policy.CreateTopicPolicy;

/**
 * A broker's {@code create.topic.policy.class.name} that refuses every topic a client asks for,
 * as a managed cluster that creates topics only in its console does. The broker's own internal
 * topics ({@code __consumer_offsets}) are allowed, or no group could join.
 */
public final class ConsoleOnlyTopicPolicy implements CreateTopicPolicy {

    public static final String REFUSAL = "topics are created in the console only";

    @Override
    public void validate(RequestMetadata request) {
        if (!request.topic().startsWith("__")) {
            throw new PolicyViolationException(REFUSAL);
        }
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }

    @Override
    public void close() {
    }
}
