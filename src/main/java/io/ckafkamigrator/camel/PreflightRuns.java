package io.ckafkamigrator.camel;

import java.time.Duration;

import io.ckafkamigrator.config.ClusterSettings;
import io.ckafkamigrator.config.PropertySource;
import io.ckafkamigrator.config.Settings;
import io.ckafkamigrator.core.ClusterOffsets;
import io.ckafkamigrator.core.Clusters;
import io.ckafkamigrator.core.Preflight;
import io.ckafkamigrator.kafka.PreflightReads;

/** What the running app's preflight and {@code --preflight} make alike: the verdicts' settings and the readers. */
final class PreflightRuns {

    private PreflightRuns() {
    }

    static Preflight preflight(PropertySource props) {
        return new Preflight(Duration.ofMillis(props.getInt(Settings.PREFLIGHT_RETENTION_MARGIN_MS)));
    }

    /** One {@link PreflightReads} (one admin client, created at its first use) per cluster; the caller closes them. */
    static Clusters<PreflightReads> readers(Clusters<ClusterSettings> clusters, Clusters<? extends ClusterOffsets> offsets,
                                            long timeoutMs) {
        return clusters.combine(offsets, (cluster, o) -> new PreflightReads(cluster, o, timeoutMs));
    }
}
