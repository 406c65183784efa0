package io.ckafkamigrator.core;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How this app's instance names its CKafka consumers, so that a check of a CKafka group can
 * tell its own members (alive, or dead after a crash and not yet expired) from anybody else's.
 * The instance id is kept in the state directory ({@link InstanceIdFile}): a restart on the
 * same state recognises the members of the run before it, a second instance on another state
 * directory is foreign.
 *
 * <p>The client id of a consumer is {@code ckafka-migrator-<instance>-<topic>-<n>}. Client ids
 * work with every broker version (static membership needs 2.3), and the broker reports them
 * with each member.
 *
 * <p>The producer routes tag each record they send to legacy with the header
 * {@link #RECORD_TAG_HEADER} holding the instance id (record headers need brokers 0.11+), so
 * that a record of ours found past the drain target is known as a late append of a send whose
 * outcome was unknown, not a stray write of another producer.
 */
public record ConsumerIdentity(String instanceId) {

    private static final Pattern INSTANCE_ID = Pattern.compile("[a-z0-9]{4,32}");
    private static final String PREFIX = "ckafka-migrator-";
    /** The record header with which this app tags the records it sends to legacy. */
    public static final String RECORD_TAG_HEADER = "ckafka-migrator-instance";

    public ConsumerIdentity {
        Objects.requireNonNull(instanceId, "instanceId");
        if (!INSTANCE_ID.matcher(instanceId).matches()) {
            throw new IllegalArgumentException("instance id must be 4 to 32 lower-case letters or digits: " + instanceId);
        }
    }

    /** The client id of the {@code n}th consumer this instance creates for {@code topic}. */
    public String clientId(String topic, int n) {
        return PREFIX + instanceId + "-" + topic + "-" + n;
    }

    /** Whether {@code clientId} was set by a consumer of this instance. */
    public boolean isOurs(String clientId) {
        return clientId != null && clientId.startsWith(PREFIX + instanceId + "-");
    }
}
