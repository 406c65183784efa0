package io.ckafkamigrator.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.ckafkamigrator.core.HandoffFaultHook;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        assertThat(parse(Map.of()).step()).isEmpty();
    }

    @Test
    void shouldPauseAtTheNamedStepWithTestBrokersOnLoopback() {
        assertThat(parse(Map.of(FaultHookSetting.KEY, "migrated-saved")).step()).contains(HandoffFaultHook.Step.MIGRATED_SAVED);
    }

    @Test
    void shouldRefuseTheHookAgainstABrokerOffLoopback() {
        assertThatThrownBy(() -> parse(Map.of(FaultHookSetting.KEY, "legacy-retired",
                "ckafka.bootstrap-servers", "ckafka-abc.example:9092")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(FaultHookSetting.KEY + ":")
                .hasMessageContaining("ckafka-abc.example:9092");
    }

    @Test
    void shouldRefuseAnUnknownStep() {
        assertThatThrownBy(() -> parse(Map.of(FaultHookSetting.KEY, "halfway")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("legacy-retired or migrated-saved");
    }
}
