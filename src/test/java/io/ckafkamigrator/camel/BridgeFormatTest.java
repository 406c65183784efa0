package io.ckafkamigrator.camel;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Which requests are bridge batches: the v2 embedded formats json, binary and text; every other content type is a raw record. */
class BridgeFormatTest {

    @Test
    void shouldTakeTheV2EmbeddedFormatsWithOrWithoutParameters() {
        // Given / When / Then
        assertThat(BridgeFormat.of("application/vnd.kafka.json.v2+json")).hasValue(BridgeFormat.JSON);
        assertThat(BridgeFormat.of("Application/VND.Kafka.Binary.v2+JSON; charset=utf-8")).hasValue(BridgeFormat.BINARY);
        assertThat(BridgeFormat.of("application/vnd.kafka.text.v2+json")).hasValue(BridgeFormat.TEXT);
    }

    @Test
    void shouldLeaveEveryOtherContentTypeToTheRawRecord() {
        // Given / When / Then
        for (String type : new String[] {null, "", "application/json", "text/plain", "application/octet-stream"}) {
            assertThat(BridgeFormat.of(type)).as(type).isEqualTo(Optional.empty());
        }
    }

    @Test
    void shouldRefuseFormatsThatNeedASchemaRegistryAndOtherVersionsWith415() {
        // Given / When / Then
        for (String type : new String[] {"application/vnd.kafka.avro.v2+json", "application/vnd.kafka.protobuf.v2+json",
                "application/vnd.kafka.jsonschema.v2+json", "application/vnd.kafka.json.v1+json", "application/vnd.kafka.v2+json"}) {
            HttpProblem problem = catchThrowableOfType(HttpProblem.class, () -> BridgeFormat.of(type));
            assertThat(problem).as(type).isNotNull();
            assertThat(problem.status()).isEqualTo(415);
        }
    }
}
