package io.ckafkamigrator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.ckafkamigrator.support.BrokerVersion;
import io.ckafkamigrator.support.CompatibilityRows;
import io.ckafkamigrator.support.JarProcess;
import io.ckafkamigrator.support.KafkaTestCluster;
import io.ckafkamigrator.support.MigratorExtension;
import io.ckafkamigrator.support.Name;
import io.ckafkamigrator.support.OldBrokerClients;
import io.ckafkamigrator.support.ProcessKafka;
import io.ckafkamigrator.support.RunningMigrator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static io.ckafkamigrator.support.OrdersApp.CKAFKA_GROUP;
import static io.ckafkamigrator.support.OrdersApp.LEGACY_GROUP;
import static io.ckafkamigrator.support.OrdersApp.TOPIC;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar against real brokers too old for their role: a legacy cluster before 0.10.2
 * and a CKafka cluster before 0.11 each stop the start with exit code 2 and one line naming
 * {@code <cluster>.bootstrap-servers}, the address, the release and what it lacks, before any
 * record moves or any offset is committed. Each case is a row of docs/compatibility.md.
 */
@Tag("compat")
@ExtendWith(MigratorExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OldBrokerRefusalIT {

    @RegisterExtension
    static final CompatibilityRows REPORT = new CompatibilityRows("broker-refusals",
            List.of("cluster", "broker", "result", "start-up line", "time"));

    private static final String REFUSED = "start refused, exit 2; legacy group's offsets unchanged, "
            + "nothing written or committed on CKafka";
    private static final int BACKLOG = 30;

    @Test
    @Order(1)
    void shouldRefuseALegacyClusterOlderThan0102BeforeCommittingAnything(@Name("ckafka") KafkaTestCluster ckafka,
                                                                         @TempDir Path state) throws Exception {
        BrokerVersion version = new BrokerVersion("0.10.1.1");
        describe("legacy", version, "(no start of the app)");
        try (ProcessKafka legacy = ProcessKafka.start("legacy", version)) {
            // Given
            // The old consumers' group committed at the log start of a backlog they have not read.
            legacy.recreateTopic(TOPIC, 3);
            Map<Integer, Long> legacyCommitted = backlogAndGroupAtLogStart(legacy);
            ckafka.recreateTopic(TOPIC, 3, CKAFKA_GROUP);

            // When
            JarProcess.Exit exit = JarProcess.runUntilExit(properties(legacy, ckafka, state));
            describe("legacy", version, shown(exit, legacy));

            // Then
            assertRefused(exit, legacy, "legacy.bootstrap-servers", "Kafka 0.10.1", "0.10.2 and later only");
            assertThat(OldBrokerClients.committed(legacy, LEGACY_GROUP, TOPIC)).as("%s", legacy)
                    .isEqualTo(legacyCommitted);
            assertThat(groups(ckafka)).doesNotContain(CKAFKA_GROUP);
            assertThat(ckafka.endOffsetSum(TOPIC)).isZero();
        }
    }

    @Test
    @Order(2)
    void shouldRefuseACkafkaClusterOlderThan011BeforeCommittingAnything(@Name("legacy") KafkaTestCluster legacy,
                                                                        @TempDir Path state) throws Exception {
        BrokerVersion version = new BrokerVersion("0.10.2.2");
        describe("ckafka", version, "(no start of the app)");
        try (ProcessKafka ckafka = ProcessKafka.start("ckafka", version)) {
            // Given
            // Legacy as fit to migrate as it gets; only CKafka is too old.
            legacy.recreateTopic(TOPIC, 3, LEGACY_GROUP);
            Map<Integer, Long> legacyCommitted = backlogAndGroupAtLogStart(legacy);
            ckafka.recreateTopic(TOPIC, 3);

            // When
            JarProcess.Exit exit = JarProcess.runUntilExit(properties(legacy, ckafka, state));
            describe("ckafka", version, shown(exit, ckafka));

            // Then
            assertRefused(exit, ckafka, "ckafka.bootstrap-servers", "Kafka 0.10.2", "idempotent sends");
            assertThat(legacy.committedOffsets(LEGACY_GROUP, TOPIC)).isEqualTo(legacyCommitted);
            assertThat(OldBrokerClients.committed(ckafka, CKAFKA_GROUP, TOPIC)).as("%s", ckafka).isEmpty();
            assertThat(ckafka.endOffsetSum(TOPIC)).as("%s", ckafka).isZero();
        }
    }

    /** The jar exited 2 with one start-up failure line naming the property, address, release and what it lacks. */
    private static void assertRefused(JarProcess.Exit exit, KafkaTestCluster refused, String property, String release,
                                      String lack) {
        assertThat(exit.code()).as("exit code against %s; the app printed:%n%s", refused, exit.output()).isEqualTo(2);
        assertThat(exit.startFailureLines()).singleElement().asString().contains(property, refused.bootstrapServers(),
                release, lack);
    }

    /**
     * Writes a keyed backlog to {@code orders} and commits the legacy group at its log start, as
     * the old consumers had left it: a migrator that started would read on and commit further.
     */
    private static Map<Integer, Long> backlogAndGroupAtLogStart(KafkaTestCluster legacy) {
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < BACKLOG; i++) {
            records.add(new ProducerRecord<>(TOPIC, "k" + i % 3, "r" + i));
        }
        OldBrokerClients.produce(legacy, records);
        Map<Integer, Long> logStart = OldBrokerClients.offsets(legacy, TOPIC, false);
        OldBrokerClients.commit(legacy, LEGACY_GROUP, TOPIC, logStart);
        return logStart;
    }

    /** The packaged jar on both clusters, its state in a folder of the test's own. */
    private static List<String> properties(KafkaTestCluster legacy, KafkaTestCluster ckafka, Path state) {
        return List.of("migration.embedded.enabled=false",
                "legacy.bootstrap-servers=" + legacy.bootstrapServers(),
                "ckafka.bootstrap-servers=" + ckafka.bootstrapServers(),
                "migration.state-dir=" + state,
                "migration.startup.broker-timeout-ms=10000",
                "camel.server.port=" + RunningMigrator.freePort());
    }

    /** The report's row for the case: the refused cluster, its broker, what the app printed. */
    private static void describe(String cluster, BrokerVersion version, String shown) {
        REPORT.describe(List.of(cluster, "Kafka " + version + " (" + version.clusterMode() + ")"), REFUSED,
                List.of(shown));
    }

    /** The app's start-up failure line(s), the refused cluster's address replaced (it differs per run). */
    private static String shown(JarProcess.Exit exit, KafkaTestCluster refused) {
        String lines = String.join(" / ", exit.startFailureLines());
        return lines.isEmpty() ? "(no start-up failure line)"
                : "`" + lines.replace(refused.bootstrapServers(), "<address>") + "`";
    }

    private static List<String> groups(KafkaTestCluster cluster) throws Exception {
        try (Admin admin = cluster.admin()) {
            return admin.listConsumerGroups().all().get(30, TimeUnit.SECONDS).stream()
                    .map(ConsumerGroupListing::groupId).toList();
        }
    }
}
