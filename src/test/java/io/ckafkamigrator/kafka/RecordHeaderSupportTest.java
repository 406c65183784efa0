package io.ckafkamigrator.kafka;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class RecordHeaderSupportTest {

    @ParameterizedTest(name = "message.format.version={0} carries headers: {1}")
    @CsvSource({
            "0.10.2-IV0, false",
            "0.10.0, false",
            "0.9.0, false",
            "0.11.0-IV2, true",
            "1.0, true",
            "2.8-IV1, true",
            "3.0-IV1, true",
            "'', true",
            "garbage, false"
    })
    void shouldCarryHeadersFromMessageFormatV2OnAndCountAnUnreadableValueAsOld(String version, boolean carried) {
        // Given
        String messageFormatVersion = version;

        // When
        RecordHeaderSupport support = RecordHeaderSupport.ofMessageFormat(messageFormatVersion);

        // Then
        assertThat(support.carried()).as(support.reason()).isEqualTo(carried);
    }

    @Test
    void shouldCarryHeadersWhereTheBrokerHasNoMessageFormatSetting() {
        // Given
        // Kafka 4 describes no message.format.version: its logs are always v2
        String messageFormatVersion = null;

        // When
        RecordHeaderSupport support = RecordHeaderSupport.ofMessageFormat(messageFormatVersion);

        // Then
        assertThat(support.carried()).isTrue();
    }

    @Test
    void shouldNotTagForABrokerOlderThanZeroElevenWhichHasNoDescribeConfigs() {
        // Given
        ExecutionException failure = new ExecutionException(new UnsupportedVersionException("DescribeConfigs"));

        // When
        RecordHeaderSupport support = RecordHeaderSupport.ofFailure(failure);

        // Then
        assertThat(support.carried()).isFalse();
        assertThat(support.reason()).contains("older than 0.11");
    }

    @Test
    void shouldNotTagWhenTheFormatCouldNotBeRead() {
        // Given
        TimeoutException failure = new TimeoutException("describeConfigs");

        // When
        RecordHeaderSupport support = RecordHeaderSupport.ofFailure(failure);

        // Then
        assertThat(support.carried()).isFalse();
        assertThat(support.reason()).contains("could not be read");
    }
}
