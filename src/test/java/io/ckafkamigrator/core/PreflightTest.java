package io.ckafkamigrator.core;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The preflight's verdicts from facts alone, one test per rule and pitfall; no broker. */
class PreflightTest {

    private static final Duration MARGIN = Duration.ofMinutes(10);
    private final PreflightFacts given = new PreflightFacts();
    @TempDir
    private Path stateDir;

    private TopicPreflight preflight() {
        return new Preflight(MARGIN).check(given.facts(), Preflight.stateDirectory(stateDir));
    }

    private static PreflightCheck check(TopicPreflight preflight, String id) {
        return preflight.checks().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void shouldPassEveryCheckOfTwoMatchingTopicsWithAnIdleOldConsumerGroup() {
        // Given
        // the healthy facts as they are

        // When
        TopicPreflight preflight = preflight();

        // Then
        assertThat(preflight.checks()).allSatisfy(c -> assertThat(c.status()).as(c.toString()).isEqualTo(PreflightStatus.PASS));
        assertThat(preflight.result()).isEqualTo(PreflightStatus.PASS);
        assertThat(preflight.checks()).extracting(PreflightCheck::id).containsExactly("legacy-topic-exists",
                "ckafka-topic-exists", "partition-count", "cleanup-policy", "max-message-bytes", "retention",
                "min-insync-replicas", "replication-factor", "ckafka-retention-hold", "legacy-group-offsets",
                "legacy-group-members", "ckafka-group", "legacy-access", "ckafka-access", "state-directory", "saved-state");
    }

    @Test
    void shouldFailAMissingCkafkaTopicNamingTheProvisionRequest() {
        // Given
        given.ckafkaLayout = Known.of(Optional.empty());

        // When
        TopicPreflight preflight = preflight();

        // Then
        PreflightCheck missing = check(preflight, "ckafka-topic-exists");
        assertThat(missing.status()).isEqualTo(PreflightStatus.FAIL);
        assertThat(missing.action()).contains("POST /api/migrations/orders/provision");
        assertThat(check(preflight, "cleanup-policy").status()).isEqualTo(PreflightStatus.WARN);
        assertThat(preflight.result()).isEqualTo(PreflightStatus.FAIL);
    }

    @Test
    void shouldFailATopicThatCannotBeReadRatherThanCallItMissing() {
        // Given
        given.legacyLayout = Known.unknown("legacy cluster: no answer within 15000 ms");

        // When
        PreflightCheck exists = check(preflight(), "legacy-topic-exists");

        // Then
        assertThat(exists.status()).isEqualTo(PreflightStatus.FAIL);
        assertThat(exists.found()).contains("cannot read legacy topic 'orders'", "no answer within 15000 ms");
    }

    @Test
    void shouldWarnThatKeysLandElsewhereWhenThePartitionCountsDiffer() {
        // Given
        given.ckafkaLayout = Known.of(Optional.of(new TopicLayout(6, 3)));

        // When
        PreflightCheck partitions = check(preflight(), "partition-count");

        // Then
        assertThat(partitions.status()).isEqualTo(PreflightStatus.WARN);
        assertThat(partitions.found()).contains("legacy has 3 partition(s), CKafka 6", "order still holds");
    }

    @Test
    void shouldFailACompactedLegacyTopicMirroredAsADeletingOne() {
        // Given
        given.legacyConfigs.put("cleanup.policy", "compact");

        // When
        PreflightCheck policy = check(preflight(), "cleanup-policy");

        // Then
        assertThat(policy.status()).isEqualTo(PreflightStatus.FAIL);
        assertThat(policy.found()).startsWith("legacy cleanup.policy=compact, CKafka cleanup.policy=delete");
        assertThat(policy.action()).startsWith("set cleanup.policy=compact on the CKafka topic");
    }

    @Test
    void shouldWarnWhenCkafkaRefusesRecordsLegacyAccepts() {
        // Given
        given.ckafkaConfigs.put("max.message.bytes", "1000");

        // When
        PreflightCheck limit = check(preflight(), "max-message-bytes");

        // Then
        assertThat(limit.status()).isEqualTo(PreflightStatus.WARN);
        assertThat(limit.action()).startsWith("set max.message.bytes=1048588");
    }

    @Test
    void shouldWarnWhenCkafkaKeepsRecordsForLessTimeThanLegacy() {
        // Given
        given.legacyConfigs.put("retention.ms", "-1");

        // When
        PreflightCheck retention = check(preflight(), "retention");

        // Then
        assertThat(retention.status()).isEqualTo(PreflightStatus.WARN);
        assertThat(retention.action()).contains("retention.ms=-1");
    }

    @Test
    void shouldFailAMinInsyncReplicasAboveTheCkafkaReplicasAndWarnAtFewerCopies() {
        // Given
        given.ckafkaLayout = Known.of(Optional.of(new TopicLayout(3, 1)));

        // When
        TopicPreflight preflight = preflight();

        // Then
        assertThat(check(preflight, "min-insync-replicas").status()).isEqualTo(PreflightStatus.FAIL);
        assertThat(check(preflight, "replication-factor").status()).isEqualTo(PreflightStatus.WARN);
    }

    @Test
    void shouldFailWhenTheBacklogCouldExpireBeforeTheLegacyConsumerDrainsAtItsMeasuredRate() {
        // Given
        // 6000 records behind at 10 records/s: 600 s, plus the 600 s margin, against 900 s of retention
        given.legacyOffsets = new GroupOffsets(Map.of(0, 0L, 1, 0L, 2, 0L), Map.of(), Map.of(0, 2000L, 1, 2000L, 2, 2000L));
        given.legacyRate = OptionalDouble.of(10);
        given.ckafkaConfigs.put("retention.ms", "900000");

        // When
        PreflightCheck hold = check(preflight(), "ckafka-retention-hold");

        // Then
        assertThat(hold.status()).isEqualTo(PreflightStatus.FAIL);
        assertThat(hold.found()).contains("lags 6000 records at 10.0 records/s", "expected hold 1200000 ms",
                "longer than CKafka retention.ms=900000");
    }

    @Test
    void shouldPassARetentionLongerThanTheExpectedHold() {
        // Given
        given.legacyOffsets = new GroupOffsets(Map.of(0, 0L, 1, 0L, 2, 0L), Map.of(), Map.of(0, 2000L, 1, 2000L, 2, 2000L));
        given.legacyRate = OptionalDouble.of(100);

        // When
        PreflightCheck hold = check(preflight(), "ckafka-retention-hold");

        // Then
        assertThat(hold.status()).isEqualTo(PreflightStatus.PASS);
        assertThat(hold.found()).contains("expected hold 660000 ms");
    }

    @Test
    void shouldWarnRatherThanGuessWhenTheLegacyGroupLagsAndNoRateIsKnown() {
        // Given
        given.legacyOffsets = new GroupOffsets(Map.of(0, 0L), Map.of(), Map.of(0, 50L, 1, 0L, 2, 0L));

        // When
        PreflightCheck hold = check(preflight(), "ckafka-retention-hold");

        // Then
        assertThat(hold.status()).isEqualTo(PreflightStatus.WARN);
        assertThat(hold.found()).startsWith("cannot tell: the legacy group lags 50 records");
    }

    @Test
    void shouldFailARetentionShorterThanTheMarginWhateverTheRate() {
        // Given
        given.ckafkaConfigs.put("retention.ms", "10000");
        given.legacyOffsets = new GroupOffsets(Map.of(0, 0L), Map.of(), Map.of(0, 50L, 1, 0L, 2, 0L));

        // When
        PreflightCheck hold = check(preflight(), "ckafka-retention-hold");

        // Then
        assertThat(hold.status()).isEqualTo(PreflightStatus.FAIL);
        assertThat(hold.found()).contains("CKafka retention.ms=10000 is shorter than the margin");
    }

    @Test
    void shouldWarnThatASizeBoundRetentionCannotBeForeseen() {
        // Given
        given.ckafkaConfigs.put("retention.ms", "-1");
        given.ckafkaConfigs.put("retention.bytes", "1073741824");

        // When
        PreflightCheck hold = check(preflight(), "ckafka-retention-hold");

        // Then
        assertThat(hold.status()).isEqualTo(PreflightStatus.WARN);
        assertThat(hold.found()).contains("retention.bytes=1073741824");
    }

    @Test
    void shouldFailAnOldServiceInTheLegacyGroupButNotTheAppsOwnLegacyConsumer() {
        // Given
        given.legacyMembers = new GroupMembers(List.of(PreflightFacts.ourMember(), PreflightFacts.oldService()));

        // When
        PreflightCheck members = check(preflight(), "legacy-group-members");

        // Then
        assertThat(members.status()).isEqualTo(PreflightStatus.FAIL);
        assertThat(members.found()).contains("has 1 member(s) that are not this app's legacy consumer: "
                + "[clientId=orders-service-7 host=/10.0.0.9 memberId=m-2]");
        assertThat(members.action()).contains("stop the old service");
    }

    @Test
    void shouldPassALegacyGroupHoldingOnlyTheAppsOwnConsumer() {
        // Given
        given.legacyMembers = new GroupMembers(List.of(PreflightFacts.ourMember()));

        // When
        PreflightCheck members = check(preflight(), "legacy-group-members");

        // Then
        assertThat(members.status()).isEqualTo(PreflightStatus.PASS);
        assertThat(members.found()).contains("only this app's legacy consumer");
    }

    @Test
    void shouldFailALegacyGroupWithoutOffsetsWhereRecordsAreUnlessLegacyStartFromSaysWhereToBegin() {
        // Given
        given.legacyUnreadWithRecords = Set.of(2);
        TopicPreflight committed = preflight();
        given.topic = new TopicConfig("orders", "orders", "orders", "orders-consumer", "orders-consumer-ckafka",
                Ordering.ORDERED, false, LegacyStartFrom.EARLIEST);

        // When
        TopicPreflight earliest = preflight();

        // Then
        assertThat(check(committed, "legacy-group-offsets").status()).isEqualTo(PreflightStatus.FAIL);
        assertThat(check(committed, "legacy-group-offsets").found()).contains("partition(s) [2] hold records but have none");
        assertThat(check(earliest, "legacy-group-offsets").status()).isEqualTo(PreflightStatus.PASS);
        assertThat(check(earliest, "legacy-group-offsets").found()).contains("legacyStartFrom=earliest");
    }

    @Test
    void shouldFailACkafkaGroupWithOffsetsBeforeTheSwitchButPassItWithThePhaseAfter() {
        // Given
        given.ckafkaOffsets = new GroupOffsets(Map.of(0, 5L), Map.of(), Map.of(0, 5L, 1, 0L, 2, 0L));
        TopicPreflight before = preflight();
        given.saved = Known.of(Optional.of(MigrationState.initial("orders", Instant.EPOCH)
                .moveTo(Phase.DRAINING, Instant.EPOCH).withCkafkaStartOffsets(Map.of(0, 5L, 1, 0L, 2, 0L))));

        // When
        TopicPreflight after = preflight();

        // Then
        assertThat(check(before, "ckafka-group").status()).isEqualTo(PreflightStatus.FAIL);
        assertThat(check(before, "ckafka-group").found()).contains("already has committed offsets {0=5}");
        assertThat(check(after, "ckafka-group").status()).isEqualTo(PreflightStatus.PASS);
        assertThat(check(after, "ckafka-group").found()).contains("is DRAINING");
    }

    @Test
    void shouldFailAForeignMemberInTheCkafkaGroupAndPassTheAppsWaitingConsumer() {
        // Given
        given.ckafkaMembers = new GroupMembers(List.of(PreflightFacts.ourMember()));
        TopicPreflight ours = preflight();
        given.ckafkaMembers = new GroupMembers(List.of(PreflightFacts.ourMember(), PreflightFacts.oldService()));

        // When
        TopicPreflight foreign = preflight();

        // Then
        assertThat(check(ours, "ckafka-group").status()).isEqualTo(PreflightStatus.PASS);
        assertThat(check(ours, "ckafka-group").found()).contains("only this app's waiting consumer");
        assertThat(check(foreign, "ckafka-group").status()).isEqualTo(PreflightStatus.FAIL);
    }

    @Test
    void shouldFailMissingOperationsAndWarnWhereTheBrokerReportsNone() {
        // Given
        given.legacyTopicOperations = Known.of(Set.of("READ", "DESCRIBE_CONFIGS"));
        TopicPreflight refused = preflight();
        given.legacyTopicOperations = Known.unknown("the brokers report no authorized operations (Kafka before 2.3)");

        // When
        TopicPreflight untold = preflight();

        // Then
        assertThat(check(refused, "legacy-access").status()).isEqualTo(PreflightStatus.FAIL);
        assertThat(check(refused, "legacy-access").found()).isEqualTo("the legacy credentials may not WRITE topic 'orders'");
        assertThat(check(untold, "legacy-access").status()).isEqualTo(PreflightStatus.WARN);
        assertThat(check(untold, "legacy-access").found()).contains("cannot tell", "Kafka before 2.3");
    }

    @Test
    void shouldTakeTheImpliedDescribeAndAllAsGranted() {
        // Given
        Set<String> read = Set.of("READ");

        // When
        boolean describes = AccessChecks.allows(read, "DESCRIBE");

        // Then
        assertThat(describes).isTrue();
        assertThat(AccessChecks.allows(Set.of("ALL"), "WRITE")).isTrue();
        assertThat(AccessChecks.allows(read, "WRITE")).isFalse();
    }

    @Test
    void shouldFailASavedStateWhoseDrainTargetLiesPastTheLegacyEndOffsets() {
        // Given
        // switched on another legacy cluster, whose topic had reached offset 5000
        given.saved = Known.of(Optional.of(MigrationState.initial("orders", Instant.EPOCH)
                .moveTo(Phase.DRAINING, Instant.EPOCH).withDrainTarget(Map.of(0, 5000L, 1, 100L, 2, 100L))
                .withCkafkaStartOffsets(Map.of(0, 0L, 1, 0L, 2, 0L)).withShape(TopicShape.of(PreflightFacts.ORDERS))));

        // When
        PreflightCheck saved = check(preflight(), "saved-state");

        // Then
        assertThat(saved.status()).isEqualTo(PreflightStatus.FAIL);
        assertThat(saved.found()).contains("drain target {0=5000} lie past the legacy topic's end offsets",
                "another cluster pair");
    }

    @Test
    void shouldFailASavedStateWhoseShapeTheRouteFileChanged() {
        // Given
        given.saved = Known.of(Optional.of(MigrationState.initial("orders", Instant.EPOCH)
                .moveTo(Phase.DRAINING, Instant.EPOCH).withShape(new TopicShape(Ordering.ORDERED, "orders",
                        "orders-old-group", "orders", "orders-consumer-ckafka"))));

        // When
        PreflightCheck saved = check(preflight(), "saved-state");

        // Then
        assertThat(saved.status()).isEqualTo(PreflightStatus.FAIL);
        assertThat(saved.found()).contains("parameter 'legacyGroup' is 'orders-consumer'");
    }

    @Test
    void shouldNotNeedLegacyOnceTheTopicIsMigrated() {
        // Given
        given.saved = Known.of(Optional.of(MigrationState.initial("orders", Instant.EPOCH)
                .moveTo(Phase.DRAINING, Instant.EPOCH).moveTo(Phase.CUTTING_OVER, Instant.EPOCH)
                .moveTo(Phase.MIGRATED, Instant.EPOCH)));
        given.legacyLayout = Known.unknown("not read: topic 'orders' is MIGRATED");

        // When
        TopicPreflight preflight = preflight();

        // Then
        assertThat(preflight.result()).isEqualTo(PreflightStatus.PASS);
        assertThat(check(preflight, "legacy-topic-exists").found()).contains("MIGRATED");
    }

    @Test
    void shouldFailAStateDirectoryThatCannotBeCreated() {
        // Given
        Path underAFile = stateDir.resolve("file");

        // When
        PreflightCheck directory;
        try {
            java.nio.file.Files.writeString(underAFile, "x");
            directory = Preflight.stateDirectory(underAFile.resolve("state"));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }

        // Then
        assertThat(directory.status()).isEqualTo(PreflightStatus.FAIL);
        assertThat(Preflight.stateDirectory(stateDir.resolve("new")).status()).isEqualTo(PreflightStatus.PASS);
    }

    @Test
    void shouldReportTheGravestTopicAsTheRunsResultInJsonAndInTheTable() {
        // Given
        TopicPreflight passing = preflight();
        given.legacyConfigs.put("cleanup.policy", "compact");
        TopicPreflight failing = new TopicPreflight("payments", preflight().checks());

        // When
        PreflightReport report = new PreflightReport(List.of(passing, failing));

        // Then
        assertThat(report.result()).isEqualTo(PreflightStatus.FAIL);
        assertThat(Json.object(report.asMap())).startsWith("{\"result\":\"fail\",\"topics\":[{\"topic\":\"orders\","
                + "\"result\":\"pass\",\"checks\":[{\"id\":\"legacy-topic-exists\",\"status\":\"pass\",\"found\":");
        assertThat(report.table()).contains("payments  cleanup-policy", "preflight fail: 2 topic(s), 1 check(s) failed");
    }
}
