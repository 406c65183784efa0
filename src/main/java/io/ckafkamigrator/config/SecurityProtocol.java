package io.ckafkamigrator.config;

/** How the migrator talks to one cluster; the names are Kafka's {@code security.protocol} values. */
public enum SecurityProtocol {
    PLAINTEXT(false, false),
    SASL_PLAINTEXT(true, false),
    SASL_SSL(true, true),
    SSL(false, true);

    private final boolean sasl;
    private final boolean tls;

    SecurityProtocol(boolean sasl, boolean tls) {
        this.sasl = sasl;
        this.tls = tls;
    }

    public boolean usesSasl() {
        return sasl;
    }

    public boolean usesTls() {
        return tls;
    }
}
