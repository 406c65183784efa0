package io.ckafkamigrator.camel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;

/**
 * Reads the body of a bridge produce request, {@code {"records":[{"key":…,"value":…,
 * "partition":…,"headers":[{"key":"name","value":"<base64>"}]}]}}, into records, in one pass
 * over the bytes (no tree of the body is built).
 *
 * <p>Strict, so that nothing the client sent is dropped or changed on the way: a field this
 * app does not know, a missing or null value (a tombstone would delete the key on a compacted
 * topic), a header camel-kafka would not pass on ({@link BridgeHeaders}), or more records than allowed refuse the whole
 * request before anything is sent, naming the record. Thread-safe: a parser per call.
 */
final class BridgeRecords {

    /** Standard base64 (RFC 4648), its padding optional, as Java's own decoder takes it. */
    private static final Base64Variant BASE64 = Base64Variants.MIME_NO_LINEFEEDS
            .withReadPadding(Base64Variant.PaddingReadBehaviour.PADDING_ALLOWED);

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
            .build();

    private BridgeRecords() {
    }

    /**
     * @throws HttpProblem 422 {@code invalid_records} for a body that is not a valid request,
     *                     413 {@code too_many_records} above {@code maxRecords}
     */
    static List<BridgeRecord> parse(byte[] body, BridgeFormat format, int maxRecords) {
        List<BridgeRecord> records = new ArrayList<>();
        boolean seenRecords = false;
        try (JsonParser json = JSON.createParser(body)) {
            expect(json.nextToken() == JsonToken.START_OBJECT, "the body must be a JSON object {\"records\":[...]}");
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                json.nextToken();
                expect("records".equals(field), "unknown field '" + IngestRequest.printable(field) + "' (only \"records\" is taken)");
                expect(!seenRecords, "\"records\" is given twice");
                seenRecords = true;
                expect(json.currentToken() == JsonToken.START_ARRAY, "\"records\" must be an array");
                while (json.nextToken() != JsonToken.END_ARRAY) {
                    if (records.size() == maxRecords) {
                        throw new HttpProblem(413, "too_many_records", "a request takes at most " + maxRecords
                                + " records (migration.ingest.max-records-per-request); send the rest in another request");
                    }
                    records.add(record(json, format, records.size()));
                }
            }
            expect(json.currentToken() == JsonToken.END_OBJECT && json.nextToken() == null,
                    "the body must be one JSON object");
        } catch (JsonProcessingException e) {
            throw invalid("the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException | RuntimeException e) {
            if (e instanceof HttpProblem problem) {
                throw problem;
            }
            throw invalid("the body cannot be read: " + e.getClass().getSimpleName());
        }
        expect(seenRecords, "the body has no \"records\" array");
        expect(!records.isEmpty(), "\"records\" is empty: a request carries at least one record");
        return records;
    }

    // Refusals name the record; their messages are built only for a refusal (this runs per field
    // of every record: on the hot path of a batch).
    private static BridgeRecord record(JsonParser json, BridgeFormat format, int index) throws IOException {
        if (json.currentToken() != JsonToken.START_OBJECT) {
            throw invalid(at(index) + "each record must be a JSON object");
        }
        byte[] key = null;
        byte[] value = null;
        Integer partition = null;
        Map<String, byte[]> headers = Map.of();
        int seen = 0;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            json.nextToken();
            int bit = switch (field) {
                case "key" -> 1;
                case "value" -> 2;
                case "partition" -> 4;
                case "headers" -> 8;
                default -> throw invalid(at(index) + "unknown field '" + IngestRequest.printable(field)
                        + "' (a record takes key, value, partition and headers)");
            };
            if ((seen & bit) != 0) {
                throw invalid(at(index) + "\"" + field + "\" is given twice");
            }
            seen |= bit;
            boolean isNull = json.currentToken() == JsonToken.VALUE_NULL;
            switch (bit) {
                case 1 -> key = isNull ? null : bytes(json, format, index, "key");
                case 2 -> {
                    if (isNull) {
                        throw invalid(at(index) + "value must not be null (a null value is a tombstone, which this "
                                + "ingest does not write)");
                    }
                    value = bytes(json, format, index, "value");
                }
                case 4 -> partition = isNull ? null : partition(json, at(index));
                default -> headers = isNull ? Map.of() : BridgeHeaders.read(json, at(index));
            }
        }
        if (value == null) {
            throw invalid(at(index) + "value is required");
        }
        return new BridgeRecord(key, value, partition, headers);
    }

    private static String at(int index) {
        return "record " + index + ": ";
    }

    private static byte[] bytes(JsonParser json, BridgeFormat format, int index, String what) throws IOException {
        return switch (format) {
            case JSON -> jsonText(json);
            case TEXT -> {
                if (json.currentToken() != JsonToken.VALUE_STRING) {
                    throw invalid(at(index) + what + " must be a JSON string in the text format");
                }
                yield utf8(json.getText(), at(index) + what);
            }
            case BINARY -> {
                if (json.currentToken() != JsonToken.VALUE_STRING) {
                    throw invalid(at(index) + what + " must be a base64 string in the binary format");
                }
                yield base64(json, at(index) + what);
            }
        };
    }

    /** Decoded by the parser from the token itself: no String of the encoded text is made. */
    static byte[] base64(JsonParser json, String what) throws IOException {
        try {
            return json.getBinaryValue(BASE64);
        } catch (JsonProcessingException e) {
            throw invalid(what + " is not valid base64: " + e.getOriginalMessage());
        }
    }

    /**
     * The value as JSON text again, compact, as the bridges store it. Numbers are copied as the
     * client wrote them, never parsed: a double would turn 1e400 into "Infinity", a decimal
     * -0.0 into 0.0 and 2e0 into 2.
     */
    private static byte[] jsonText(JsonParser json) throws IOException {
        ByteArrayBuilder out = new ByteArrayBuilder(256);
        try (JsonGenerator copy = JSON.createGenerator(out)) {
            int depth = 0;
            do {
                JsonToken token = json.currentToken();
                if (token.isNumeric()) {
                    copy.writeNumber(json.getText());
                } else {
                    copy.copyCurrentEvent(json);
                }
                depth += token.isStructStart() ? 1 : token.isStructEnd() ? -1 : 0;
            } while (depth > 0 && json.nextToken() != null);
        }
        return out.toByteArray();
    }

    static String string(JsonParser json, String problem) throws IOException {
        expect(json.currentToken() == JsonToken.VALUE_STRING, problem);
        return json.getText();
    }

    /** The text's UTF-8 bytes; a lone surrogate (a \\ud800 escape) has none and would be stored as '?'. */
    static byte[] utf8(String text, String what) {
        requireValidUnicode(text, what);
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A lone surrogate has no UTF-8 bytes: {@code getBytes} would write '?' in its place. */
    static void requireValidUnicode(String text, String what) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw invalid(what + " is not valid Unicode text (a lone surrogate)");
            }
        }
    }

    private static Integer partition(JsonParser json, String at) throws IOException {
        expect(json.currentToken() == JsonToken.VALUE_NUMBER_INT && json.getNumberType() == JsonParser.NumberType.INT
                && json.getIntValue() >= 0, at + "partition must be a whole number from 0");
        return json.getIntValue();
    }

    static void expect(boolean condition, String problem) {
        if (!condition) {
            throw invalid(problem);
        }
    }

    static HttpProblem invalid(String problem) {
        return new HttpProblem(422, "invalid_records", problem);
    }
}
