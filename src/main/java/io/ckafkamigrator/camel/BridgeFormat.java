package io.ckafkamigrator.camel;

import java.util.Locale;
import java.util.Optional;

/**
 * The embedded formats of the Kafka Bridge / REST Proxy v2 produce request that HTTP ingest
 * takes ({@code Content-Type: application/vnd.kafka.<format>.v2+json}); any other content type
 * is the raw single-record body. How each stores a record's key and value:
 */
enum BridgeFormat {
    /** Any JSON value, stored as its JSON text in UTF-8 (the string "a" as the 3 bytes {@code "a"}), as both bridges do. */
    JSON,
    /** A base64 string, stored decoded. */
    BINARY,
    /** A JSON string, stored as its UTF-8 text. */
    TEXT;

    static final String PREFIX = "application/vnd.kafka.";
    static final String SUFFIX = ".v2+json";
    /** The content type of every answer to a bridge request, as the bridges answer. */
    static final String ANSWER_CONTENT_TYPE = "application/vnd.kafka.v2+json";

    /** Whether the content type is one of the bridges' (lower-cased): its answers take the bridges' shape. */
    static boolean isBridge(String contentType) {
        return contentType != null && contentType.startsWith(PREFIX);
    }

    /**
     * @return the format of a bridge request, empty for any other content type (a raw record)
     * @throws HttpProblem 415 for a bridge format this app does not take (avro, protobuf,
     *                     jsonschema need a schema registry) or an API version other than v2
     */
    static Optional<BridgeFormat> of(String contentType) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        int parameters = type.indexOf(';');
        type = (parameters < 0 ? type : type.substring(0, parameters)).trim();
        if (!type.startsWith(PREFIX)) {
            return Optional.empty();
        }
        // "application/vnd.kafka.v2+json" (no embedded format) ends in the suffix but carries no records.
        String name = type.endsWith(SUFFIX) && type.length() > PREFIX.length() + SUFFIX.length()
                ? type.substring(PREFIX.length(), type.length() - SUFFIX.length()) : "";
        for (BridgeFormat format : values()) {
            if (format.name().toLowerCase(Locale.ROOT).equals(name)) {
                return Optional.of(format);
            }
        }
        throw new HttpProblem(415, "unsupported_media_type", "content type " + type + " is not taken: send records as "
                + PREFIX + "json" + SUFFIX + ", " + PREFIX + "binary" + SUFFIX + " or " + PREFIX + "text" + SUFFIX
                + " (formats that need a schema registry are not supported), or one raw record as the body");
    }
}
