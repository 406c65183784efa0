package io.ckafkamigrator.kafka;

import java.security.cert.CertificateException;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;

import io.ckafkamigrator.config.ClusterSettings;
import io.ckafkamigrator.config.ConfigException;
import io.ckafkamigrator.config.PropertySource;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TlsFailureTest {

    private static final ClusterSettings CKAFKA = ClusterSettings.from("ckafka", PropertySource.of(Map.of(
            "ckafka.bootstrap-servers", "10.0.0.1:9093", "ckafka.security-protocol", "SSL",
            "ckafka.ssl-keystore-password", "Key-Pw-31")));

    private static SslAuthenticationException handshakeFailed(Throwable cause) {
        return new SslAuthenticationException("SSL handshake failed", cause);
    }

    @Test
    void shouldNameTheTruststoreWhenWeDoNotTrustTheBrokersCertificate() {
        // Given
        SSLHandshakeException pkix = new SSLHandshakeException("PKIX path building failed");
        pkix.initCause(new CertificateException("unable to find valid certification path to requested target"));

        // When
        ConfigException error = TlsFailure.of(CKAFKA, handshakeFailed(pkix));

        // Then
        assertThat(error.getMessage()).startsWith("ckafka.ssl-truststore-location: ")
                .contains("10.0.0.1:9093", "unable to find valid certification path");
    }

    @Test
    void shouldNameTheKeystoreWhenTheBrokerRefusesOurCertificate() {
        // Given
        SSLHandshakeException alert = new SSLHandshakeException("Received fatal alert: bad_certificate");

        // When
        ConfigException error = TlsFailure.of(CKAFKA, handshakeFailed(alert));

        // Then
        assertThat(error.getMessage()).startsWith("ckafka.ssl-keystore-location: ").contains("bad_certificate");
    }

    @Test
    void shouldNotRepeatAStorePasswordThatAKafkaMessageEchoes() {
        // Given
        SSLHandshakeException echo = new SSLHandshakeException("keystore Key-Pw-31 rejected");

        // When
        ConfigException error = TlsFailure.of(CKAFKA, handshakeFailed(echo));

        // Then
        assertThat(error.getMessage()).doesNotContain("Key-Pw-31");
    }
}
