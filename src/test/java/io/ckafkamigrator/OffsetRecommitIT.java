package io.ckafkamigrator;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.ckafkamigrator.support.CommitLog;
import io.ckafkamigrator.support.CommitLog.Commit;
import io.ckafkamigrator.support.HttpSink;
import io.ckafkamigrator.support.KafkaTestCluster;
import io.ckafkamigrator.support.MigratorExtension;
import io.ckafkamigrator.support.MigratorProperty;
import io.ckafkamigrator.support.Name;
import io.ckafkamigrator.support.OrdersMigrator;
import io.ckafkamigrator.support.RunningMigrator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static io.ckafkamigrator.support.Json.field;
import static io.ckafkamigrator.support.OrdersApp.CKAFKA_GROUP;
import static io.ckafkamigrator.support.OrdersApp.LEGACY_GROUP;
import static io.ckafkamigrator.support.OrdersApp.TOPIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * While a topic waits for its manual cutover neither group commits anything of its own: the
 * legacy group has drained, the CKafka consumer stands at its start offsets. Both consumers
 * re-commit, each as a member of its group, what their group has committed, so a broker that
 * expires offsets some time after their last commit (before 2.1, even with live members) keeps
 * them. The commits are read back from each cluster's {@code __consumer_offsets} with their
 * commit timestamps ({@link CommitLog}).
 */
@ExtendWith(MigratorExtension.class)
@MigratorProperty(name = "migration.consumer.offset-recommit-interval-ms", value = "1000")
class OffsetRecommitIT {

    private static final int INTERVAL_MS = 1000;

    @Name("legacy") private KafkaTestCluster legacy;
    @Name("ckafka") private KafkaTestCluster ckafka;
    @OrdersMigrator private RunningMigrator app;
    @OrdersMigrator private HttpSink sink;

    @Test
    void shouldRecommitBothGroupsOffsetsWhileTheTopicWaitsAndDeliverEveryRecordOnceAfterIt() {
        // Given
        // Drained on legacy, switched, two records waiting on CKafka; nothing is committed from now on
        long testStart = System.currentTimeMillis();
        for (int i = 0; i < 3; i++) {
            app.post("/topics/orders?key=k", "text/plain", "k:" + i);
        }
        await().atMost(30, TimeUnit.SECONDS).until(() -> sink.accepted().size() == 3);
        app.request("POST", "/api/migrations/orders/switch-producer");
        app.post("/topics/orders?key=k", "text/plain", "k:3");
        app.post("/topics/orders?key=k", "text/plain", "k:4");
        await().atMost(30, TimeUnit.SECONDS).until(() -> legacy.committedOffsetSum(LEGACY_GROUP, TOPIC) == 3
                && !recommits(ckafka, CKAFKA_GROUP, testStart).isEmpty());
        // What each group has committed before the wait, every partition of it (the legacy group
        // was given offsets at the start, as the old consumer would have left them)
        Map<Integer, Long> legacyCommitted = legacy.committedOffsets(LEGACY_GROUP, TOPIC);
        Map<Integer, Long> ckafkaCommitted = ckafka.committedOffsets(CKAFKA_GROUP, TOPIC);
        long waitingSince = System.currentTimeMillis();
        // The topic waits for at least three intervals
        await().atMost(30, TimeUnit.SECONDS).until(() -> System.currentTimeMillis() > waitingSince + 3L * INTERVAL_MS
                && recommits(legacy, LEGACY_GROUP, waitingSince).size() >= 2 * legacyCommitted.size()
                && recommits(ckafka, CKAFKA_GROUP, waitingSince).size() >= 2 * ckafkaCommitted.size());
        long cutoverAt = System.currentTimeMillis();

        // When
        HttpResponse<String> cutover = app.request("POST", "/api/migrations/orders/cutover?wait=30");

        // Then
        assertThat(field(cutover.body(), "phase")).isEqualTo("MIGRATED");
        List<Commit> legacyRecommits = recommitsBefore(legacy, LEGACY_GROUP, waitingSince, cutoverAt);
        List<Commit> ckafkaRecommits = recommitsBefore(ckafka, CKAFKA_GROUP, waitingSince, cutoverAt);
        // Exactly the offsets committed before the wait, again and again, at advancing times
        assertThat(legacyCommitted).isNotEmpty();
        assertThat(ckafkaCommitted).hasSize(3);
        assertRecommitted(legacyRecommits, legacyCommitted);
        assertRecommitted(ckafkaRecommits, ckafkaCommitted);
        // Nothing delivered while waiting, every record once and in order after the cutover
        await().atMost(30, TimeUnit.SECONDS).until(() -> sink.accepted().size() >= 5);
        assertThat(sink.accepted()).extracting(HttpSink.Delivery::value)
                .containsExactly("k:0", "k:1", "k:2", "k:3", "k:4");
        assertThat(sink.acceptedAtMillis().subList(3, 5)).allSatisfy(at -> assertThat(at).isGreaterThanOrEqualTo(cutoverAt));
        assertThat(sink.acceptedAtMillis().subList(0, 3)).allSatisfy(at -> assertThat(at).isLessThan(waitingSince));
    }

    private static void assertRecommitted(List<Commit> recommits, Map<Integer, Long> committed) {
        Map<Integer, List<Commit>> byPartition = recommits.stream().collect(Collectors.groupingBy(Commit::partition));
        assertThat(byPartition.keySet()).isEqualTo(committed.keySet());
        byPartition.forEach((partition, commits) -> {
            assertThat(commits).hasSizeGreaterThanOrEqualTo(2);
            assertThat(commits).extracting(Commit::offset).containsOnly(committed.get(partition));
            assertThat(commits).extracting(Commit::commitTimestamp).isSorted().doesNotHaveDuplicates();
        });
    }

    /** The group's commits logged after {@code since}. */
    private static List<Commit> recommits(KafkaTestCluster cluster, String group, long since) {
        return recommitsBefore(cluster, group, since, Long.MAX_VALUE);
    }

    private static List<Commit> recommitsBefore(KafkaTestCluster cluster, String group, long since, long before) {
        return CommitLog.of(cluster, group, TOPIC).stream()
                .filter(c -> c.commitTimestamp() >= since && c.commitTimestamp() < before).toList();
    }
}
