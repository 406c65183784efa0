package io.ckafkamigrator.support;

import java.util.Map;

/** A private embedded cluster that, like CKafka's public access, takes SASL/PLAIN logins from one user. */
public final class SaslCluster {

    public static final String USER = "ckafka-demo_migrator";
    public static final String PASSWORD = "Sasl-Pw-4f1c9e";

    private SaslCluster() {
    }

    /** Started on a free port; the caller closes it. */
    public static KafkaTestCluster start() {
        return TwoClusters.embedded("ckafka", Map.of(USER, PASSWORD));
    }
}
