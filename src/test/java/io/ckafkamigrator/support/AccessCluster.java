package io.ckafkamigrator.support;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.ckafkamigrator.embedded.EmbeddedKafkaCluster;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;

import static org.awaitility.Awaitility.await;

/**
 * An in-JVM KRaft broker (kafka 3.9.2) whose client listener {@code CLIENT} speaks one of
 * CKafka's access modes, with the certificates of {@link TestCertificates} and one CKafka-style
 * user ({@link #USER}). A second, PLAINTEXT listener serves the test's own admin calls and the
 * broker's inter-broker traffic, so the fixture never needs the secrets it tests; through it
 * SCRAM credentials are created the KRaft way, as {@code UserScramCredentialsRecord}s in the
 * metadata log ({@code Admin#alterUserScramCredentials}, no authorizer configured).
 */
public final class AccessCluster implements AutoCloseable {

    /** CKafka names users {@code <instanceId>#<user>}. */
    public static final String USER = "ckafka-2x9f0ab1#migrator";

    /** How the client listener takes logins: Kafka's security protocol and, with SASL, the mechanism. */
    public enum Mode {
        PLAINTEXT("PLAINTEXT", null),
        SASL_PLAINTEXT_PLAIN("SASL_PLAINTEXT", "PLAIN"),
        SASL_SSL_PLAIN("SASL_SSL", "PLAIN"),
        SASL_SSL_SCRAM_SHA_512("SASL_SSL", "SCRAM-SHA-512"),
        SSL_CLIENT_CERTIFICATE("SSL", null);

        private final String protocol;
        private final String mechanism;

        Mode(String protocol, String mechanism) {
            this.protocol = protocol;
            this.mechanism = mechanism;
        }

        public String protocol() {
            return protocol;
        }

        /** The SASL mechanism, null without SASL. */
        public String mechanism() {
            return mechanism;
        }

        public boolean usesTls() {
            return protocol.endsWith("SSL");
        }

        /** Whether the broker asks for a client certificate ({@code ssl.client.auth=required}). */
        public boolean requiresClientCertificate() {
            return this == SSL_CLIENT_CERTIFICATE;
        }
    }

    private final Mode mode;
    private final EmbeddedKafkaCluster broker;
    private final String clientBootstrap;
    private final KafkaTestCluster cluster;

    private AccessCluster(Mode mode, EmbeddedKafkaCluster broker, String clientBootstrap) {
        this.mode = mode;
        this.broker = broker;
        this.clientBootstrap = clientBootstrap;
        this.cluster = KafkaTestCluster.of("ckafka", broker::bootstrapServers, broker::clientProperties, broker::close);
    }

    /** Started on free ports, {@link #USER} able to log in with {@code password} when the mode has SASL. */
    public static AccessCluster start(Mode mode, String password, TestCertificates certificates) {
        int internalPort = RunningMigrator.freePort();
        int clientPort = RunningMigrator.freePort();
        int controllerPort = RunningMigrator.freePort();
        Map<String, String> broker = new HashMap<>(Map.of(
                // The whole listener layout replaces the starter's; the controller's port comes with it.
                "listeners", "PLAINTEXT://127.0.0.1:" + internalPort + ",CLIENT://127.0.0.1:" + clientPort
                        + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners", "PLAINTEXT://127.0.0.1:" + internalPort + ",CLIENT://127.0.0.1:" + clientPort,
                "controller.quorum.voters", "1@127.0.0.1:" + controllerPort,
                "listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CLIENT:" + mode.protocol() + ",CONTROLLER:PLAINTEXT",
                "inter.broker.listener.name", "PLAINTEXT",
                "group.initial.rebalance.delay.ms", "0"));
        if (mode.usesTls()) {
            broker.putAll(tls(mode, certificates));
        }
        if (mode.mechanism() != null) {
            broker.putAll(sasl(mode, password));
        }
        EmbeddedKafkaCluster started = EmbeddedKafkaCluster.start("ckafka", internalPort, broker);
        AccessCluster cluster = new AccessCluster(mode, started, "127.0.0.1:" + clientPort);
        try {
            if ("SCRAM-SHA-512".equals(mode.mechanism())) {
                cluster.createScramUser(password);
            }
            cluster.awaitLogin(password, certificates);
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    private static Map<String, String> tls(Mode mode, TestCertificates certificates) {
        String prefix = "listener.name.client.";
        Map<String, String> tls = new HashMap<>(Map.of(
                prefix + "ssl.keystore.type", "PKCS12",
                prefix + "ssl.keystore.location", certificates.brokerKeystore().toString(),
                prefix + "ssl.keystore.password", certificates.brokerPassword(),
                prefix + "ssl.key.password", certificates.brokerPassword(),
                prefix + "ssl.truststore.type", "PKCS12",
                prefix + "ssl.truststore.location", certificates.truststore().toString(),
                prefix + "ssl.truststore.password", certificates.truststorePassword()));
        tls.put(prefix + "ssl.client.auth", mode.requiresClientCertificate() ? "required" : "none");
        return tls;
    }

    private static Map<String, String> sasl(Mode mode, String password) {
        String mechanism = mode.mechanism();
        String prefix = "listener.name.client." + mechanism.toLowerCase(java.util.Locale.ROOT) + ".";
        Map<String, String> sasl = new HashMap<>(Map.of(
                "sasl.enabled.mechanisms", mechanism,
                "listener.name.client.sasl.enabled.mechanisms", mechanism));
        if (mechanism.equals("PLAIN")) {
            sasl.put(prefix + "sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required"
                    + " user=\"" + USER + "\" password=\"" + password + "\";");
            sasl.put(prefix + "sasl.server.callback.handler.class", PlainLoginCheck.class.getName());
        } else {
            sasl.put(prefix + "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        }
        return sasl;
    }

    private void createScramUser(String password) {
        try (Admin admin = cluster.admin()) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(USER,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), password))).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the SCRAM user " + USER, e);
        }
    }

    /** Waits until the fixture's own client logs in on the client listener (a new SCRAM user takes a moment). */
    private void awaitLogin(String password, TestCertificates certificates) {
        Map<String, Object> client = new HashMap<>(Map.of("bootstrap.servers", clientBootstrap,
                "security.protocol", mode.protocol(), "request.timeout.ms", 5000, "default.api.timeout.ms", 5000));
        if (mode.usesTls()) {
            client.put("ssl.truststore.location", certificates.truststore().toString());
            client.put("ssl.truststore.password", certificates.truststorePassword());
        }
        if (mode.requiresClientCertificate()) {
            client.put("ssl.keystore.location", certificates.clientKeystore().toString());
            client.put("ssl.keystore.password", certificates.clientPassword());
        }
        if (mode.mechanism() != null) {
            String module = mode.mechanism().equals("PLAIN") ? "plain.PlainLoginModule" : "scram.ScramLoginModule";
            client.put("sasl.mechanism", mode.mechanism());
            client.put("sasl.jaas.config", "org.apache.kafka.common.security." + module + " required username=\""
                    + USER + "\" password=\"" + password + "\";");
        }
        await().atMost(30, TimeUnit.SECONDS).ignoreExceptions().until(() -> {
            try (Admin admin = Admin.create(client)) {
                return !admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty();
            }
        });
    }

    public Mode mode() {
        return mode;
    }

    /** Where clients of the access mode connect: the {@code CLIENT} listener. */
    public String clientBootstrap() {
        return clientBootstrap;
    }

    /** The cluster as the test's admin sees it, through the PLAINTEXT listener. */
    public KafkaTestCluster cluster() {
        return cluster;
    }

    @Override
    public void close() {
        broker.close();
    }
}
