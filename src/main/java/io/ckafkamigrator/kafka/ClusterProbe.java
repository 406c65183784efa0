package io.ckafkamigrator.kafka;

import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.ckafkamigrator.config.ClusterSettings;
import io.ckafkamigrator.config.ConfigException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SslAuthenticationException;

/**
 * Start-up checks against one cluster: it answers, it accepts our credentials, its brokers'
 * release can be migrated from or to ({@link BrokerFit}, from the API versions of every broker),
 * and the topics our routes use exist (managed clusters such as CKafka do not create topics on
 * first use; {@link #checkAllowingMissing} reports missing ones instead, for CKafka topics that
 * provisioning can create). Every failure is a {@link ConfigException} naming the property to fix.
 */
public final class ClusterProbe {

    private final ClusterSettings cluster;
    private final int timeoutMs;

    public ClusterProbe(ClusterSettings cluster, int timeoutMs) {
        this.cluster = cluster;
        this.timeoutMs = timeoutMs;
    }

    /** What {@link #checkAllowingMissing} found: how to work with the brokers, and the topics missing. */
    public record Checked(BrokerFit fit, Set<String> missing) {
    }

    /**
     * Fails unless the cluster is reachable, accepts the credentials, runs a release the
     * migrator works with and holds every topic.
     *
     * @return how to work with its brokers
     */
    public BrokerFit check(Collection<String> requiredTopics) {
        Checked checked = checkAllowingMissing(requiredTopics);
        if (!checked.missing().isEmpty()) {
            throw new ConfigException("routes", "topic(s) " + checked.missing() + " do not exist on the " + cluster.name()
                    + " cluster at " + cluster.bootstrapServers() + "; create them first (managed clusters do not auto-create topics)");
        }
        return checked.fit();
    }

    /**
     * As {@link #check}, but a missing topic is reported rather than refused (CKafka topics,
     * which provisioning can create once the app runs).
     */
    public Checked checkAllowingMissing(Collection<String> topics) {
        Map<String, Object> props = new HashMap<>(cluster.clientProperties());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
        // One try is enough: a start-up check should answer within the timeout, not retry for minutes.
        props.put(AdminClientConfig.RETRIES_CONFIG, 0);
        try (Admin admin = Admin.create(props)) {
            Collection<Node> nodes = admin.describeCluster().nodes().get(timeoutMs, TimeUnit.MILLISECONDS);
            BrokerFit fit = BrokerFit.of(cluster.name(), cluster.bootstrapServers(),
                    BrokerVersions.read(cluster, nodes, timeoutMs));
            Set<String> existing = admin.listTopics().names().get(timeoutMs, TimeUnit.MILLISECONDS);
            Set<String> missing = new TreeSet<>(topics);
            missing.removeAll(existing);
            return new Checked(fit, missing);
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        } catch (TimeoutException e) {
            throw unreachable("no answer within " + timeoutMs + " ms");
        } catch (IOException e) {
            throw unreachable(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable("interrupted");
        } catch (AuthenticationException | AuthorizationException e) {
            throw failure(e);
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new ConfigException(cluster.name() + ".bootstrap-servers",
                    "cannot create a Kafka client for " + cluster.bootstrapServers() + ": " + e.getMessage(), e);
        }
    }

    private ConfigException failure(Throwable cause) {
        if (cause instanceof SslAuthenticationException tls) {
            return TlsFailure.of(cluster, tls);
        }
        if (cause instanceof AuthenticationException) {
            return new ConfigException(cluster.name() + ".sasl-username/" + cluster.name() + ".sasl-password",
                    "the " + cluster.name() + " cluster at " + cluster.bootstrapServers()
                            + " rejected the credentials of user '" + cluster.saslUsername() + "'");
        }
        if (cause instanceof AuthorizationException) {
            return new ConfigException(cluster.name() + ".sasl-username", "user '" + cluster.saslUsername()
                    + "' may not describe the " + cluster.name() + " cluster: " + cause.getMessage());
        }
        if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
            return unreachable("no answer within " + timeoutMs + " ms");
        }
        return unreachable(cause.getClass().getSimpleName() + ": " + cause.getMessage());
    }

    private ConfigException unreachable(String why) {
        return new ConfigException(cluster.name() + ".bootstrap-servers", "cannot reach the " + cluster.name()
                + " cluster at " + cluster.bootstrapServers() + " (" + why + ")");
    }
}
