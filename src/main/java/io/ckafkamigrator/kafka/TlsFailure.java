package io.ckafkamigrator.kafka;

import java.security.cert.CertificateException;

import io.ckafkamigrator.config.ClusterSettings;
import io.ckafkamigrator.config.ConfigException;
import org.apache.kafka.common.errors.SslAuthenticationException;

/**
 * A failed TLS handshake as a start-up error that names the store to fix. Kafka reports both
 * sides' refusals as an {@link SslAuthenticationException} (an {@code AuthenticationException},
 * so without this it would read as wrong SASL credentials); the cause tells them apart: a
 * {@link CertificateException} is our own check of the broker's certificate (its CA is not in
 * the truststore, or it does not name the address we dialled), anything else is the broker
 * refusing our client certificate.
 */
final class TlsFailure {

    private TlsFailure() {
    }

    static ConfigException of(ClusterSettings cluster, SslAuthenticationException failure) {
        Throwable deepest = failure;
        boolean brokerCertificate = false;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            brokerCertificate |= t instanceof CertificateException;
            deepest = t;
        }
        String name = cluster.name();
        String detail = ClusterFailure.detail(cluster, deepest);
        if (brokerCertificate) {
            return new ConfigException(name + ".ssl-truststore-location", "the " + name + " cluster at "
                    + cluster.bootstrapServers() + " sent a certificate this truststore does not accept (its CA must be"
                    + " in the truststore and it must name the address in " + name + ".bootstrap-servers): " + detail);
        }
        return new ConfigException(name + ".ssl-keystore-location", "the " + name + " cluster at "
                + cluster.bootstrapServers() + " refused the TLS handshake (with ssl.client.auth=required it wants a"
                + " client certificate signed by a CA it trusts): " + detail);
    }
}
