package io.ckafkamigrator;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.ckafkamigrator.support.AccessCluster;
import io.ckafkamigrator.support.AccessCluster.Mode;
import io.ckafkamigrator.support.CapturedLog;
import io.ckafkamigrator.support.CompatibilityRows;
import io.ckafkamigrator.support.ExactDelivery;
import io.ckafkamigrator.support.JarProcess;
import io.ckafkamigrator.support.KafkaTestCluster;
import io.ckafkamigrator.support.KeyedLoad;
import io.ckafkamigrator.support.MigratorExtension;
import io.ckafkamigrator.support.Name;
import io.ckafkamigrator.support.OrdersApp;
import io.ckafkamigrator.support.RunningMigrator;
import io.ckafkamigrator.support.TestCertificates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import static io.ckafkamigrator.support.Json.field;
import static io.ckafkamigrator.support.OrdersApp.TOPIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each way of reaching CKafka, against a real 3.9.2 broker that takes logins only that way,
 * configured through the documented {@code ckafka.*} properties alone, secrets as JVM system
 * properties ({@code -D}, in this JVM) or environment variables (the packaged jar), the way
 * docs/configuration.md says. Each mode carries an ordered migration of {@code orders} from the
 * shared legacy cluster; each secure mode also refuses a start that an operator got wrong, in
 * one line that names the property to fix. The rows go to docs/compatibility.md.
 */
@Tag("compat")
@ExtendWith(MigratorExtension.class)
// The report's rows in a fixed order: the migrations, then the refused starts.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CkafkaAccessModesIT {

    @RegisterExtension
    static final CompatibilityRows REPORT = new CompatibilityRows("ckafka-access",
            List.of("CKafka access mode", "settings used", "result", "time"));

    private static final String SASL_PASSWORD = "Sasl-Pw-7d2e41";
    private static final String MIGRATED = "passes: ordered migration, every record once and in key order; "
            + "no secret in logs or answers";
    private static KafkaTestCluster legacy;

    private final TestCertificates certificates = TestCertificates.shared();
    private final List<String> systemProperties = new ArrayList<>();
    private AccessCluster ckafka;
    private OrdersApp orders;
    private CapturedLog log;

    /** How a case reaches CKafka: properties shown in the report by name, secrets never. */
    private record Access(String label, Map<String, String> settings, Map<String, String> secrets) {

        List<String> cells() {
            List<String> names = new ArrayList<>(settings.keySet());
            names.addAll(secrets.keySet());
            return List.of(label, String.join(", ", names.stream().map(n -> "`" + n + "`").toList()));
        }

        /** This access with some settings and secrets replaced. */
        Access with(Map<String, String> changedSettings, Map<String, String> changedSecrets) {
            Map<String, String> newSettings = new LinkedHashMap<>(settings);
            Map<String, String> newSecrets = new LinkedHashMap<>(secrets);
            newSettings.putAll(changedSettings);
            newSecrets.putAll(changedSecrets);
            return new Access(label, newSettings, newSecrets);
        }
    }

    @BeforeAll
    static void sharedLegacy(@Name("legacy") KafkaTestCluster sharedLegacy) {
        legacy = sharedLegacy;
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (orders != null) {
            orders.close();
        }
        if (log != null) {
            log.close();
        }
        if (ckafka != null) {
            ckafka.close();
        }
        systemProperties.forEach(System::clearProperty);
    }

    /** A start an operator got wrong: the settings and secrets that differ from the mode's right ones. */
    private record Mistake(Mode mode, String label, Map<String, String> settings, Map<String, String> secrets,
                           String property) {

        @Override
        public String toString() {
            return label;
        }
    }

    static Stream<Mistake> mistakes() {
        TestCertificates certificates = TestCertificates.shared();
        return Stream.of(
                new Mistake(Mode.SASL_PLAINTEXT_PLAIN, "SASL_PLAINTEXT / PLAIN, wrong password",
                        Map.of(), Map.of("ckafka.sasl-password", "Wrong-Pw-5512"), "ckafka.sasl-username/ckafka.sasl-password"),
                new Mistake(Mode.SASL_SSL_PLAIN, "SASL_SSL / PLAIN, truststore without the broker's CA",
                        Map.of("ckafka.ssl-truststore-location", certificates.strangerTruststore().toString()), Map.of(),
                        "ckafka.ssl-truststore-location"),
                new Mistake(Mode.SASL_SSL_SCRAM_SHA_512, "SASL_SSL / SCRAM-SHA-512, wrong password",
                        Map.of(), Map.of("ckafka.sasl-password", "Wrong-Pw-6623"), "ckafka.sasl-username/ckafka.sasl-password"),
                new Mistake(Mode.SSL_CLIENT_CERTIFICATE, "SSL, a client certificate the broker's CA did not sign",
                        Map.of("ckafka.ssl-keystore-location", certificates.strangerKeystore().toString()),
                        Map.of("ckafka.ssl-keystore-password", certificates.strangerPassword()), "ckafka.ssl-keystore-location"));
    }

    private static String label(Mode mode) {
        return switch (mode) {
            case PLAINTEXT -> "PLAINTEXT (VPC network)";
            case SASL_PLAINTEXT_PLAIN -> "SASL_PLAINTEXT / PLAIN, user `instanceId#user` (public network)";
            case SASL_SSL_PLAIN -> "SASL_SSL / PLAIN, hostname verified";
            case SASL_SSL_SCRAM_SHA_512 -> "SASL_SSL / SCRAM-SHA-512, hostname verified";
            case SSL_CLIENT_CERTIFICATE -> "SSL with a client certificate (`ssl.client.auth=required`), hostname verified";
        };
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    @Order(1)
    void shouldDeliverEveryRecordOnceInKeyOrderThroughAnOrderedMigration(Mode mode) throws Exception {
        // Given
        // The secrets as -D system properties, which win over the shipped file's {{env:...}} placeholders.
        Access access = access(mode, label(mode));
        REPORT.describe(access.cells(), MIGRATED);
        access.secrets().forEach((property, value) -> {
            System.setProperty(property, value);
            systemProperties.add(property);
        });
        log = CapturedLog.start();
        orders = OrdersApp.start(legacy, ckafka.cluster(), access.settings());
        RunningMigrator app = orders.app();

        // When
        // Records before the switch, between the switch and the cutover, and after it.
        KeyedLoad load = new KeyedLoad(app, 4);
        awaitMoreAcknowledged(load, 0);
        HttpResponse<String> switched = app.request("POST", "/api/migrations/orders/switch-producer");
        awaitMoreAcknowledged(load, load.acknowledgedCount());
        HttpResponse<String> cutover = app.request("POST", "/api/migrations/orders/cutover?wait=60");
        awaitMoreAcknowledged(load, load.acknowledgedCount());
        load.close();
        List<String> answers = List.of(app.status(TOPIC), app.request("GET", "/observe/health").body(),
                app.request("GET", "/observe/metrics").body());

        // Then
        assertThat(switched.statusCode()).as(switched.body()).isEqualTo(200);
        assertThat(cutover.statusCode()).as(cutover.body()).isEqualTo(200);
        assertThat(field(cutover.body(), "phase")).isEqualTo("MIGRATED");
        assertThat(load.failures()).isEmpty();
        ExactDelivery.assertEveryAcknowledgedRecordOnceInKeyOrder(orders.sink(), load);
        assertThat(legacy.endOffsetSum(TOPIC)).isPositive();
        assertThat(ckafka.cluster().endOffsetSum(TOPIC)).isPositive();
        assertThat(log.text()).contains("Cluster reachable: cluster=ckafka");
        for (String secret : access.secrets().values()) {
            assertThat(log.text()).doesNotContain(secret);
            assertThat(answers).noneMatch(answer -> answer.contains(secret));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    @Order(2)
    void shouldRefuseToStartInOneLineNamingThePropertyToFix(Mistake mistake) throws Exception {
        // Given
        // The packaged jar, the secrets in the environment variables its shipped file reads.
        Access right = access(mistake.mode(), mistake.label());
        Access access = right.with(mistake.settings(), mistake.secrets());
        legacy.recreateTopic(TOPIC, 3, OrdersApp.LEGACY_GROUP);
        legacy.commitAtEnd(OrdersApp.LEGACY_GROUP, TOPIC);
        ckafka.cluster().recreateTopic(TOPIC, 3);
        Map<String, String> environment = new LinkedHashMap<>();
        access.secrets().forEach((name, value) -> environment.put(environmentVariable(name), value));
        List<String> properties = new ArrayList<>(List.of("migration.embedded.enabled=false",
                "legacy.bootstrap-servers=" + legacy.bootstrapServers(),
                "migration.startup.broker-timeout-ms=5000",
                "camel.server.port=" + RunningMigrator.freePort()));
        access.settings().forEach((name, value) -> properties.add(name + "=" + value));

        // When
        JarProcess.Exit exit = JarProcess.runUntilExit(environment, properties);
        REPORT.describe(access.cells(), "start refused, exit 2, no secret shown: `" + exit.startFailureLines().stream()
                .findFirst().orElse("(no line)").replace(ckafka.clientBootstrap(), "<address>") + "`");

        // Then
        assertThat(exit.code()).as("exit code; the app printed:%n%s", exit.output()).isEqualTo(2);
        assertThat(exit.startFailureLines()).singleElement().asString()
                .startsWith("ckafka-migrator failed to start: " + mistake.property() + ": ");
        for (String secret : access.secrets().values()) {
            assertThat(exit.output()).doesNotContain(secret);
        }
    }

    /** Starts the mode's broker and the documented ckafka.* properties that reach it. */
    private Access access(Mode mode, String label) {
        ckafka = AccessCluster.start(mode, SASL_PASSWORD, certificates);
        Map<String, String> settings = new LinkedHashMap<>();
        Map<String, String> secrets = new LinkedHashMap<>();
        settings.put("ckafka.bootstrap-servers", ckafka.clientBootstrap());
        settings.put("ckafka.security-protocol", mode.protocol());
        if (mode.mechanism() != null) {
            settings.put("ckafka.sasl-mechanism", mode.mechanism());
            settings.put("ckafka.sasl-username", AccessCluster.USER);
            secrets.put("ckafka.sasl-password", SASL_PASSWORD);
        }
        if (mode.usesTls()) {
            settings.put("ckafka.ssl-truststore-location", certificates.truststore().toString());
            secrets.put("ckafka.ssl-truststore-password", certificates.truststorePassword());
        }
        if (mode.requiresClientCertificate()) {
            settings.put("ckafka.ssl-keystore-location", certificates.clientKeystore().toString());
            secrets.put("ckafka.ssl-keystore-password", certificates.clientPassword());
        }
        return new Access(label, settings, secrets);
    }

    /** Waits until the load has 30 more acknowledged records than {@code count}. */
    private static void awaitMoreAcknowledged(KeyedLoad load, int count) {
        await().atMost(60, TimeUnit.SECONDS).until(() -> load.acknowledgedCount() >= count + 30);
    }

    /** The variable the shipped config/application.properties reads the secret from. */
    private static String environmentVariable(String property) {
        return property.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
