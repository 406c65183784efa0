package io.ckafkamigrator.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Certificates made at run time with the JDK's {@code keytool}, in a temporary directory, as
 * PKCS12 stores: a test CA; a broker certificate it signed for {@code IP:127.0.0.1} and
 * {@code DNS:localhost}, so clients keep hostname verification on; a client certificate it
 * signed; a truststore holding the CA. A self-signed stranger stands for a certificate nobody
 * trusts. Made once per JVM; nothing of it is ever committed.
 */
public final class TestCertificates {

    private static TestCertificates made;

    private final Path dir;
    private final String caPassword = secret();
    private final String truststorePassword = secret();
    private final String brokerPassword = secret();
    private final String clientPassword = secret();
    private final String strangerPassword = secret();

    private TestCertificates(Path dir) {
        this.dir = dir;
    }

    /** The JVM's one set, made on first use. */
    public static synchronized TestCertificates shared() {
        if (made == null) {
            try {
                Path dir = Files.createTempDirectory("ckafka-migrator-certs-");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir), "delete-test-certificates"));
                TestCertificates certificates = new TestCertificates(dir);
                certificates.make();
                made = certificates;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot make the test certificates", e);
            }
        }
        return made;
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temporary directory; the system cleans it up eventually.
        }
    }

    private static String secret() {
        return "pw-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    private void make() {
        String ca = caKeystore().toString();
        keytool("-genkeypair", "-alias", "ca", "-dname", "CN=ckafka-migrator-test-ca", "-ext", "bc:c",
                "-keystore", ca, "-storepass", caPassword);
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", ca, "-storepass", caPassword,
                "-file", file("ca.pem"));
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", file("ca.pem"),
                "-keystore", truststore().toString(), "-storepass", truststorePassword);
        signed("broker", brokerKeystore(), brokerPassword, "CN=localhost", "SAN=ip:127.0.0.1,dns:localhost");
        signed("client", clientKeystore(), clientPassword, "CN=migrator", "EKU=clientAuth");
        keytool("-genkeypair", "-alias", "stranger", "-dname", "CN=stranger",
                "-keystore", strangerKeystore().toString(), "-storepass", strangerPassword);
        keytool("-exportcert", "-rfc", "-alias", "stranger", "-keystore", strangerKeystore().toString(),
                "-storepass", strangerPassword, "-file", file("stranger.pem"));
        keytool("-importcert", "-noprompt", "-alias", "stranger", "-file", file("stranger.pem"),
                "-keystore", strangerTruststore().toString(), "-storepass", truststorePassword);
    }

    /** A key pair in {@code keystore}, its certificate signed by the CA with {@code extension}, the chain stored. */
    private void signed(String alias, Path keystore, String password, String dname, String extension) {
        String store = keystore.toString();
        keytool("-genkeypair", "-alias", alias, "-dname", dname, "-keystore", store, "-storepass", password);
        keytool("-certreq", "-alias", alias, "-keystore", store, "-storepass", password, "-file", file(alias + ".csr"));
        keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", caKeystore().toString(), "-storepass", caPassword,
                "-infile", file(alias + ".csr"), "-outfile", file(alias + ".pem"), "-validity", "2", "-ext", extension);
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", file("ca.pem"), "-keystore", store,
                "-storepass", password);
        keytool("-importcert", "-alias", alias, "-file", file(alias + ".pem"), "-keystore", store,
                "-storepass", password);
    }

    private String file(String name) {
        return dir.resolve(name).toString();
    }

    private static void keytool(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        if (List.of(args).contains("-genkeypair")) {
            command.addAll(List.of("-keyalg", "RSA", "-keysize", "2048", "-validity", "2"));
        }
        command.addAll(List.of("-storetype", "PKCS12"));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool " + args[0] + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run keytool", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running keytool", e);
        }
    }

    private Path caKeystore() {
        return dir.resolve("ca.p12");
    }

    /** Holds the CA: trusted by clients for the broker, and by the broker for client certificates. */
    public Path truststore() {
        return dir.resolve("truststore.p12");
    }

    public String truststorePassword() {
        return truststorePassword;
    }

    public Path brokerKeystore() {
        return dir.resolve("broker.p12");
    }

    public String brokerPassword() {
        return brokerPassword;
    }

    /** The migrator's client certificate, signed by the CA. */
    public Path clientKeystore() {
        return dir.resolve("client.p12");
    }

    public String clientPassword() {
        return clientPassword;
    }

    /** A self-signed certificate the CA never signed. */
    public Path strangerKeystore() {
        return dir.resolve("stranger.p12");
    }

    public String strangerPassword() {
        return strangerPassword;
    }

    /** Trusts only the stranger (with {@link #truststorePassword()}): the broker's certificate is untrusted with it. */
    public Path strangerTruststore() {
        return dir.resolve("stranger-truststore.p12");
    }
}
