package io.ckafkamigrator.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.ckafkamigrator.core.HandoffPause;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HandoffPauseSettingTest {

    private static HandoffPauseSetting parse(Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>(Map.of("legacy.bootstrap-servers", "127.0.0.1:40001",
                "ckafka.bootstrap-servers", "localhost:40002"));
        values.putAll(overrides);
        PropertySource props = PropertySource.of(values);
        return HandoffPauseSetting.from(props, List.of(ClusterSettings.from("legacy", props), ClusterSettings.from("ckafka", props)));
    }

    @Test
    void shouldNeverPauseByDefault() {
        assertThat(parse(Map.of()).step()).isEmpty();
    }

    @Test
    void shouldPauseAtTheNamedStepWithTestBrokersOnLoopback() {
        assertThat(parse(Map.of(HandoffPauseSetting.KEY, "migrated-saved")).step()).contains(HandoffPause.Step.MIGRATED_SAVED);
    }

    @Test
    void shouldRefuseTheHookAgainstABrokerOffLoopback() {
        assertThatThrownBy(() -> parse(Map.of(HandoffPauseSetting.KEY, "legacy-retired",
                "ckafka.bootstrap-servers", "ckafka-abc.example:9092")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(HandoffPauseSetting.KEY + ":")
                .hasMessageContaining("ckafka-abc.example:9092");
    }

    @Test
    void shouldRefuseAnUnknownStep() {
        assertThatThrownBy(() -> parse(Map.of(HandoffPauseSetting.KEY, "halfway")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("legacy-retired or migrated-saved");
    }
}
