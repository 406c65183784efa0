package io.ckafkamigrator.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.ckafkamigrator.config.ClusterSettings;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * Whether one cluster answers right now and accepts our credentials: one
 * {@code describeCluster} call, bounded by a timeout, on an admin client kept for the life of
 * the app (so a probe reuses its connection and login instead of opening new ones), created
 * at the first probe.
 * {@link #close()} releases the client.
 */
public final class ClusterReachability implements AutoCloseable {

    private final ClusterSettings cluster;
    private final int timeoutMs;
    private final LazyAdmin admin;

    public ClusterReachability(ClusterSettings cluster, int timeoutMs) {
        this.cluster = cluster;
        this.timeoutMs = timeoutMs;
        Map<String, Object> props = new HashMap<>(cluster.clientProperties());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "ckafka-migrator-health-" + cluster.name());
        this.admin = new LazyAdmin(props);
    }

    /** Empty when the cluster answered within the timeout, otherwise why it did not. */
    public Optional<String> problem() {
        try {
            admin.get().describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs))
                    .clusterId().get(timeoutMs, TimeUnit.MILLISECONDS);
            return Optional.empty();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            return Optional.of(ClusterFailure.reason(cluster, e, timeoutMs));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(ClusterFailure.reason(cluster, e, timeoutMs));
        }
    }

    @Override
    public void close() {
        admin.close(java.time.Duration.ofMillis(timeoutMs));
    }
}
