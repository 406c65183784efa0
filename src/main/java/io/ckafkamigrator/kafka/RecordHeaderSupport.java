package io.ckafkamigrator.kafka;

import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.common.errors.UnsupportedVersionException;

/**
 * Whether the records of one topic can carry headers: they need message format v2 (Kafka
 * 0.11). A producer of kafka-clients 3.9 fails every send with headers to a broker older than
 * 0.11 ("Magic v1 does not support record headers"); a broker from 0.11 on whose topic keeps
 * {@code message.format.version} below 0.11 accepts the send and drops the headers.
 *
 * @param carried whether a header sent with a record reaches the log
 * @param reason  why, in a few words, for the start-up log
 */
public record RecordHeaderSupport(boolean carried, String reason) {

    /** A major.minor at the start of a version such as {@code 0.10.2-IV0}, {@code 2.8-IV1} or {@code 3.0-IV1}. */
    private static final Pattern MAJOR_MINOR = Pattern.compile("^(\\d+)\\.(\\d+)");

    /**
     * From the topic's {@code message.format.version} as DescribeConfigs gives it (the broker's
     * {@code log.message.format.version} unless the topic overrides it); {@code null} where the
     * broker has no such setting (Kafka 4: always v2). A value that cannot be read counts as
     * an old format: a header dropped is safe, a send refused is not.
     */
    public static RecordHeaderSupport ofMessageFormat(String messageFormatVersion) {
        if (messageFormatVersion == null || messageFormatVersion.isBlank()) {
            return new RecordHeaderSupport(true, "no message.format.version: message format v2");
        }
        Matcher version = MAJOR_MINOR.matcher(messageFormatVersion.strip());
        if (!version.find()) {
            return new RecordHeaderSupport(false, "message.format.version=" + messageFormatVersion + " not understood");
        }
        int major = Integer.parseInt(version.group(1));
        int minor = Integer.parseInt(version.group(2));
        boolean v2 = major > 0 || minor >= 11;
        return new RecordHeaderSupport(v2, "message.format.version=" + messageFormatVersion
                + (v2 ? "" : ": the broker drops record headers (they need 0.11)"));
    }

    /**
     * When DescribeConfigs failed: a broker that does not know it is older than 0.11, where a
     * header fails the send; any other failure leaves the format unknown, and unknown counts as old.
     */
    public static RecordHeaderSupport ofFailure(Throwable failure) {
        Throwable cause = failure instanceof ExecutionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof UnsupportedVersionException) {
            return new RecordHeaderSupport(false, "the broker is older than 0.11 (no DescribeConfigs): a record header would fail the send");
        }
        return new RecordHeaderSupport(false, "message.format.version could not be read (" + cause + ")");
    }
}
