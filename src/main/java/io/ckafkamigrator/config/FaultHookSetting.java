package io.ckafkamigrator.config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.ckafkamigrator.core.HandoffFaultHook;

/**
 * {@code migration.test.pause-handoff-at}: the fault-injection suite's hook, unset by default.
 * Names a handoff step ({@code legacy-retired} or {@code migrated-saved}) where the handoff
 * stops so the test can kill the process there. The embedded clusters cannot be required (the
 * brokers must outlive the killed process), so the hook is refused unless every broker of both
 * clusters is on loopback: a test rig, never a production migration.
 */
public record FaultHookSetting(Optional<HandoffFaultHook.Step> step) {

    public static final String KEY = Settings.TEST_PAUSE_HANDOFF_AT.key();

    public static FaultHookSetting from(PropertySource props, List<ClusterSettings> clusters) {
        Optional<String> raw = props.get(KEY);
        if (raw.isEmpty()) {
            return new FaultHookSetting(Optional.empty());
        }
        HandoffFaultHook.Step step;
        try {
            step = HandoffFaultHook.Step.valueOf(raw.get().trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(KEY, "must be legacy-retired or migrated-saved, was '" + raw.get() + "'");
        }
        for (ClusterSettings cluster : clusters) {
            for (String server : cluster.servers()) {
                String host = server.substring(0, server.lastIndexOf(':'));
                if (!host.equals("127.0.0.1") && !host.equals("localhost")) {
                    throw new ConfigException(KEY, "is a fault-injection hook for test brokers on loopback only, "
                            + "but " + cluster.name() + ".bootstrap-servers has '" + server + "'; unset it");
                }
            }
        }
        return new FaultHookSetting(Optional.of(step));
    }
}
