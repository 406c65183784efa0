package io.ckafkamigrator.camel;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.ckafkamigrator.core.ConsumerIdentity;

/**
 * A bridge record's {@code headers}, in the Strimzi Kafka Bridge's form
 * {@code [{"key":"name","value":"<base64>"}]}. Refused (422) where a header would not reach
 * Kafka as sent: a name camel-kafka's header filter drops, the migrator's own tag, two names
 * that Camel's case-insensitive headers would merge, a name that is not valid Unicode.
 */
final class BridgeHeaders {

    /** Header names camel-kafka's header filter drops (compared without case). */
    private static final List<String> DROPPED_HEADER_PREFIXES = List.of("camel", "org.apache.camel.", "kafka.");

    private BridgeHeaders() {
    }

    static Map<String, byte[]> read(JsonParser json, String at) throws IOException {
        BridgeRecords.expect(json.currentToken() == JsonToken.START_ARRAY, at + "headers must be an array of {\"key\",\"value\"}");
        Map<String, byte[]> headers = new LinkedHashMap<>();
        // Camel's headers are case-insensitive: two names that differ only in case would merge.
        Map<String, String> names = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        while (json.nextToken() != JsonToken.END_ARRAY) {
            BridgeRecords.expect(json.currentToken() == JsonToken.START_OBJECT, at + "each header must be {\"key\",\"value\"}");
            String name = null;
            byte[] value = null;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                json.nextToken();
                if ("key".equals(field)) {
                    name = BridgeRecords.string(json, at + "a header's key must be a string");
                } else if ("value".equals(field)) {
                    BridgeRecords.expect(json.currentToken() == JsonToken.VALUE_STRING, at + "a header's value must be a base64 string");
                    value = BridgeRecords.base64(json, at + "header value");
                } else {
                    throw BridgeRecords.invalid(at + "a header takes key and value, not '" + IngestRequest.printable(field) + "'");
                }
            }
            BridgeRecords.expect(name != null && !name.isEmpty() && value != null, at + "each header needs a key and a value");
            BridgeRecords.requireValidUnicode(name, at + "a header's key");
            refuseDroppedName(name, at);
            BridgeRecords.expect(names.put(name, name) == null, at + "header '" + IngestRequest.printable(name) + "' is given twice (names are "
                    + "compared without case)");
            headers.put(name, value);
        }
        return headers;
    }

    private static void refuseDroppedName(String name, String at) {
        String lower = name.toLowerCase(Locale.ROOT);
        boolean dropped = DROPPED_HEADER_PREFIXES.stream().anyMatch(lower::startsWith)
                || lower.equals(ConsumerIdentity.RECORD_TAG_HEADER);
        BridgeRecords.expect(!dropped, at + "header '" + IngestRequest.printable(name) + "' cannot be carried: names starting with camel, "
                + "org.apache.camel. or kafka. are dropped by the Kafka component, and "
                + ConsumerIdentity.RECORD_TAG_HEADER + " is the migrator's own");
    }
}
