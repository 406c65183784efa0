package io.ckafkamigrator.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.ckafkamigrator.core.HandoffFaultHook;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class FaultHookSettingTest {

    private static FaultHookSetting parse(Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>(Map.of("legacy.bootstrap-servers", "127.0.0.1:40001",
                "ckafka.bootstrap-servers", "localhost:40002"));
        values.putAll(overrides);
        PropertySource props = PropertySource.of(values);
        return FaultHookSetting.from(props, List.of(ClusterSettings.from("legacy", props), ClusterSettings.from("ckafka", props)));
    }

    @Test
    void shouldNeverPauseByDefault() {
        // When
        FaultHookSetting setting = parse(Map.of());

        // Then
        assertThat(setting.step()).isEmpty();
    }

    @Test
    void shouldPauseAtTheNamedStepWithTestBrokersOnLoopback() {
        // When
        FaultHookSetting setting = parse(Map.of(FaultHookSetting.KEY, "migrated-saved"));

        // Then
        assertThat(setting.step()).contains(HandoffFaultHook.Step.MIGRATED_SAVED);
    }

    @Test
    void shouldRefuseTheHookAgainstABrokerOffLoopback() {
        // When
        Throwable thrown = catchThrowable(() -> parse(Map.of(FaultHookSetting.KEY, "legacy-retired",
                "ckafka.bootstrap-servers", "ckafka-abc.example:9092")));

        // Then
        assertThat(thrown).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(FaultHookSetting.KEY + ":")
                .hasMessageContaining("ckafka-abc.example:9092");
    }

    @Test
    void shouldRefuseAnUnknownStep() {
        // When
        Throwable thrown = catchThrowable(() -> parse(Map.of(FaultHookSetting.KEY, "halfway")));

        // Then
        assertThat(thrown).isInstanceOf(ConfigException.class)
                .hasMessageContaining("legacy-retired or migrated-saved");
    }
}
