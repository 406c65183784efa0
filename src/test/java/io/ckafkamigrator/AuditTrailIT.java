package io.ckafkamigrator;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.ckafkamigrator.support.ApiUsers;
import io.ckafkamigrator.support.MigratorExtension;
import io.ckafkamigrator.support.OrdersMigrator;
import io.ckafkamigrator.support.RunningMigrator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Every control request and phase transition of a migration is one line of audit.jsonl. */
@ExtendWith(MigratorExtension.class)
class AuditTrailIT {

    private static final Pattern FIELD = Pattern.compile("\"(event|from|to|action|result|actor|remote|status)\":\"?([^\",}]*)");

    @OrdersMigrator private RunningMigrator app;

    @Test
    void shouldRecordEveryControlRequestAndTransitionOfAFullMigrationInOrder() throws Exception {
        // Given
        app.post("/topics/orders?key=k", "text/plain", "before-the-switch");

        // When
        // A refused request, then the migration.
        app.request("POST", "/api/migrations/orders/cutover");
        app.request("POST", "/api/migrations/orders/switch-producer");
        app.post("/topics/orders?key=k", "text/plain", "after-the-switch");
        HttpResponse<String> cutover = app.request("POST", "/api/migrations/orders/cutover?wait=60");

        // Then
        // The file holds the story, and the history endpoint answers the same lines.
        assertThat(cutover.statusCode()).as(cutover.body()).isEqualTo(200);
        Path file = Path.of(app.stateDir(), "audit.jsonl");
        await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> assertThat(summaries(Files.readAllLines(file)))
                .containsExactly(
                        "transition to=LEGACY",
                        "request actor=operator remote=127.0.0.1 action=cutover status=409 result=wrong_phase",
                        "transition from=LEGACY to=DRAINING",
                        "drain-target from=DRAINING to=DRAINING",
                        "request actor=operator remote=127.0.0.1 action=switch-producer status=200 result=ok",
                        "transition from=DRAINING to=CUTTING_OVER",
                        "transition from=CUTTING_OVER to=MIGRATED",
                        "request actor=operator remote=127.0.0.1 action=cutover status=200 result=ok"));
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.get(2)).contains("\"ckafkaStartOffsets\":{\"0\":0,\"1\":0,\"2\":0}");
        assertThat(lines.get(3)).contains("\"drainTarget\":{").contains("\"time\":\"");
        assertThat(app.request("GET", "/api/migrations/orders/history").body())
                .isEqualTo("{\"topic\":\"orders\",\"events\":[" + String.join(",", lines) + "]}");
        assertThat(String.join("\n", lines)).doesNotContain(ApiUsers.OPERATOR_PASSWORD);
    }

    @Test
    void shouldAnswer404ForTheHistoryOfAnUnknownTopic() {
        // Given
        String unknownTopic = "payments";

        // When
        HttpResponse<String> history = app.request("GET", "/api/migrations/" + unknownTopic + "/history");

        // Then
        assertThat(history.statusCode()).isEqualTo(404);
    }

    /** "event key=value ..." of the fields that tell the story, in file order. */
    private static List<String> summaries(List<String> lines) {
        return lines.stream().map(line -> {
            StringBuilder summary = new StringBuilder();
            Matcher m = FIELD.matcher(line);
            while (m.find()) {
                if (!m.group(2).equals("null")) {
                    summary.append(summary.length() == 0 ? "" : " ")
                            .append(m.group(1).equals("event") ? "" : m.group(1) + "=").append(m.group(2));
                }
            }
            return summary.toString();
        }).toList();
    }
}
