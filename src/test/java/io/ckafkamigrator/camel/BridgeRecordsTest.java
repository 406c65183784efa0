package io.ckafkamigrator.camel;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The body of a bridge produce request read into records: the request examples of the Strimzi
 * Kafka Bridge's and Confluent REST Proxy's (v2) documentation, and what is refused before
 * anything is sent.
 */
class BridgeRecordsTest {

    private static List<BridgeRecord> parse(String body, BridgeFormat format) {
        return BridgeRecords.parse(body.getBytes(StandardCharsets.UTF_8), format, 1_000);
    }

    private static HttpProblem refusal(String body, BridgeFormat format, int maxRecords) {
        return catchThrowableOfType(HttpProblem.class,
                () -> BridgeRecords.parse(body.getBytes(StandardCharsets.UTF_8), format, maxRecords));
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void shouldStoreJsonKeysAndValuesAsTheirJsonTextAsTheBridgesDo() {
        // Given the Strimzi quickstart's records: a key, a partition, neither
        String body = """
                {"records":[{"key":"my-key","value":"sales-lead-0001"},{"value":"sales-lead-0002","partition":2},
                {"value":"sales-lead-0003"}]}""";

        // When
        List<BridgeRecord> records = parse(body, BridgeFormat.JSON);

        // Then strings keep their quotes (the JSON text), and the partition is taken as asked
        assertThat(records).hasSize(3);
        assertThat(text(records.get(0).key())).isEqualTo("\"my-key\"");
        assertThat(text(records.get(0).value())).isEqualTo("\"sales-lead-0001\"");
        assertThat(records.get(0).partition()).isNull();
        assertThat(records.get(1).partition()).isEqualTo(2);
        assertThat(records.get(2).key()).isNull();
    }

    @Test
    void shouldStoreAJsonObjectValueAsCompactJson() {
        // Given the REST Proxy quickstart's record, with whitespace inside its value
        String body = "{\"records\":[{\"value\":{ \"foo\" : \"bar\", \"n\": [1, 2.5, null] }}]}";

        // When
        List<BridgeRecord> records = parse(body, BridgeFormat.JSON);

        // Then
        assertThat(text(records.get(0).value())).isEqualTo("{\"foo\":\"bar\",\"n\":[1,2.5,null]}");
    }

    @Test
    void shouldCopyNumbersExactlyNotThroughADouble() {
        // Given numbers a double cannot hold
        String body = "{\"records\":[{\"value\":{\"big\":1e400,\"exact\":0.1000000000000000055511151231257827,"
                + "\"long\":12345678901234567890123}}]}";

        // When
        String value = text(parse(body, BridgeFormat.JSON).get(0).value());

        // Then each is written as sent
        assertThat(value).isEqualTo("{\"big\":1e400,\"exact\":0.1000000000000000055511151231257827,"
                + "\"long\":12345678901234567890123}");
        assertThat(text(parse("{\"records\":[{\"value\":[-0.0,2e0,1e5,0.00000001,1e2147483648]}]}", BridgeFormat.JSON)
                .get(0).value())).isEqualTo("[-0.0,2e0,1e5,0.00000001,1e2147483648]");
    }

    @Test
    void shouldRefuseTextThatIsNotValidUnicode() {
        // Given a lone surrogate, which has no UTF-8 bytes
        String body = "{\"records\":[{\"value\":\"a\\ud800b\"}]}";

        // When
        HttpProblem problem = refusal(body, BridgeFormat.TEXT, 1_000);

        // Then
        assertThat(problem.status()).isEqualTo(422);
        assertThat(problem.getMessage()).contains("record 0: value").contains("lone surrogate");
    }

    @Test
    void shouldDecodeBase64KeysValuesAndHeaderValues() {
        // Given the REST Proxy's binary example, and a Strimzi record header
        String body = """
                {"records":[{"key":"a2V5","value":"Y29uZmx1ZW50"},{"value":"a2Fma2E=","partition":1},
                {"value":"bG9ncw==","headers":[{"key":"key1","value":"QXBhY2hlIEthZmthIGlzIHRoZSBib21iIQ=="}]}]}""";

        // When
        List<BridgeRecord> records = parse(body, BridgeFormat.BINARY);

        // Then
        assertThat(text(records.get(0).key())).isEqualTo("key");
        assertThat(text(records.get(0).value())).isEqualTo("confluent");
        assertThat(records.get(1).partition()).isEqualTo(1);
        assertThat(text(records.get(2).headers().get("key1"))).isEqualTo("Apache Kafka is the bomb!");
        // and base64 without its padding, as Java's decoder takes it
        assertThat(text(parse("{\"records\":[{\"value\":\"eA\"}]}", BridgeFormat.BINARY).get(0).value())).isEqualTo("x");
    }

    @Test
    void shouldStoreTextValuesAsTheirUtf8Text() {
        // Given
        String body = "{\"records\":[{\"key\":\"k\",\"value\":\"h\u00e9llo\"}]}";

        // When
        List<BridgeRecord> records = parse(body, BridgeFormat.TEXT);

        // Then
        assertThat(records.get(0).value()).isEqualTo("h\u00e9llo".getBytes(StandardCharsets.UTF_8));
        assertThat(text(records.get(0).key())).isEqualTo("k");
    }

    @Test
    void shouldRefuseARequestWithMoreRecordsThanAllowedWith413() {
        // Given
        String body = "{\"records\":[{\"value\":1},{\"value\":2},{\"value\":3}]}";

        // When
        HttpProblem problem = refusal(body, BridgeFormat.JSON, 2);

        // Then
        assertThat(problem.status()).isEqualTo(413);
        assertThat(problem.code()).isEqualTo("too_many_records");
        assertThat(problem.getMessage()).contains("migration.ingest.max-records-per-request");
    }

    @Test
    void shouldRefuseWhatWouldBeDroppedOrChangedOnTheWayNamingTheRecord() {
        // Given bodies that cannot be stored as sent
        List<String> json = List.of(
                "{\"records\":[{\"value\":1},{\"value\":null}]}",
                "{\"records\":[{\"value\":1},{\"key\":\"k\"}]}",
                "{\"records\":[{\"value\":1},{\"value\":1,\"timestamp\":1}]}",
                "{\"records\":[{\"value\":1},{\"value\":1,\"partition\":-1}]}",
                "{\"records\":[{\"value\":1},{\"value\":1,\"partition\":1.5}]}",
                "{\"records\":[{\"value\":1},{\"value\":1,\"headers\":[{\"key\":\"kafka.x\",\"value\":\"eA==\"}]}]}",
                "{\"records\":[{\"value\":1},{\"value\":1,\"headers\":[{\"key\":\"CamelX\",\"value\":\"eA==\"}]}]}",
                "{\"records\":[{\"value\":1},{\"value\":1,\"headers\":[{\"key\":\"a\",\"value\":\"eA==\"},"
                        + "{\"key\":\"A\",\"value\":\"eA==\"}]}]}",
                "{\"records\":[{\"value\":1},{\"value\":1,\"headers\":[{\"key\":\"a\",\"value\":\"not base64!\"}]}]}",
                "{\"records\":[{\"value\":1},{\"value\":1,\"value\":2}]}");

        // When / Then each is refused with 422, naming record 1
        for (String body : json) {
            HttpProblem problem = refusal(body, BridgeFormat.JSON, 1_000);
            assertThat(problem).as(body).isNotNull();
            assertThat(problem.status()).as(body).isEqualTo(422);
            assertThat(problem.getMessage()).as(body).startsWith("record 1: ");
        }
    }

    @Test
    void shouldRefuseBodiesThatAreNotARecordsRequest() {
        // Given
        List<String> bodies = List.of("", "[]", "{}", "{\"records\":[]}", "{\"records\":{}}", "{\"records\":[{\"value\":1}]",
                "{\"records\":[{\"value\":1}]} {}", "{\"value_schema\":\"x\",\"records\":[{\"value\":1}]}", "{\"records\":[1]}");

        // When / Then
        for (String body : bodies) {
            HttpProblem problem = refusal(body, BridgeFormat.JSON, 1_000);
            assertThat(problem).as(body).isNotNull();
            assertThat(problem.status()).as(body).isEqualTo(422);
        }
    }

    @Test
    void shouldRefuseValuesOfTheWrongTypeForTheFormat() {
        // Given a number where binary and text take strings
        String body = "{\"records\":[{\"value\":42}]}";

        // When
        HttpProblem binary = refusal(body, BridgeFormat.BINARY, 1_000);
        HttpProblem text = refusal(body, BridgeFormat.TEXT, 1_000);

        // Then
        assertThat(binary.getMessage()).contains("base64 string");
        assertThat(text.getMessage()).contains("JSON string");
    }
}
