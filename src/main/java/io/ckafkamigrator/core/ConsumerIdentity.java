package io.ckafkamigrator.core;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How this app's instance names its CKafka consumers, so that a check of a CKafka group can
 * tell its own members (alive, or dead after a crash and not yet expired) from anybody else's.
 * The instance id is kept in the state directory ({@link InstanceIdFile}): a restart on the
 * same state recognises the members of the run before it, a second instance on another state
 * directory is foreign.
 *
 * <p>The client id of a consumer is {@code ckafka-migrator-<instance>-<topic>-<n>} (the legacy
 * consumer's {@code ckafka-migrator-<instance>-<topic>-legacy-<n>}: the preflight tells it from an old
 * service still consuming in the legacy group). Client ids
 * work with every broker version (static membership needs 2.3), and the broker reports them
 * with each member.
 *
 * <p>The producer routes tag each record they send to legacy with the header
 * {@link #RECORD_TAG_HEADER} holding {@link #recordTag()}: the instance id and a nonce drawn
 * for this run. A record with this run's tag found past the drain target is known as a late
 * append of a send whose outcome was unknown, not a stray write of another producer. Only this
 * run's: a copy of the state directory run elsewhere (or a run before a restart) shares the
 * instance id, and what it writes to legacy must hold the handoff like any stray write. Record
 * headers need message format v2 (brokers 0.11+); where a legacy topic cannot carry them the
 * records go untagged, and a late append counts as a stray write.
 *
 * @param instanceId the id kept in the state directory
 * @param run        drawn at random for each run of the app; part of the record tag only
 */
public record ConsumerIdentity(String instanceId, String run) {

    private static final Pattern INSTANCE_ID = Pattern.compile("[a-z0-9]{4,32}");
    private static final Pattern RUN = Pattern.compile("[a-z0-9]{8,32}");
    private static final String PREFIX = "ckafka-migrator-";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The record header with which this app tags the records it sends to legacy. */
    public static final String RECORD_TAG_HEADER = "ckafka-migrator-instance";

    public ConsumerIdentity {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(run, "run");
        if (!INSTANCE_ID.matcher(instanceId).matches()) {
            throw new IllegalArgumentException("instance id must be 4 to 32 lower-case letters or digits: " + instanceId);
        }
        if (!RUN.matcher(run).matches()) {
            throw new IllegalArgumentException("run nonce must be 8 to 32 lower-case letters or digits: " + run);
        }
    }

    /** The identity of instance {@code instanceId} in a new run, with a nonce of its own. */
    public ConsumerIdentity(String instanceId) {
        this(instanceId, randomId());
    }

    /** Twelve random hex digits: an instance id, or a run's nonce. */
    static String randomId() {
        byte[] random = new byte[6];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    /** The value of {@link #RECORD_TAG_HEADER} on the records this run sends to legacy. */
    public String recordTag() {
        return instanceId + "-" + run;
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
