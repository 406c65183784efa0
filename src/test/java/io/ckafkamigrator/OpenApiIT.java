package io.ckafkamigrator;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.ckafkamigrator.support.MigratorExtension;
import io.ckafkamigrator.support.OpenApiDocument;
import io.ckafkamigrator.support.OpenApiDocument.Operation;
import io.ckafkamigrator.support.OrdersMigrator;
import io.ckafkamigrator.support.RunningMigrator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document served by the running app, and the app answering every operation it
 * documents with one of the statuses it lists for that operation, in a documented media type
 * with the properties its schema requires.
 */
@ExtendWith(MigratorExtension.class)
class OpenApiIT {

    /**
     * What each operation is called with, on the demo topic {@code orders} in LEGACY: reads, the
     * ingest of one raw record and of a batch in the bridges' JSON format, dry runs, batches of a
     * topic no file defines, and refusals for the phase. The one call that moves the topic, its
     * switch, is made last.
     */
    private static final Map<String, String> QUERIES = Map.of(
            "POST /topics/{}", "?key=k",
            "GET /api/migrations", "?phase=LEGACY,DRAINING",
            "POST /api/migrations/{}/cutover", "?wait=0",
            "POST /api/migrations/switch-producer", "?topics=no-such-topic",
            "POST /api/migrations/cutover", "?topics=no-such-topic&wait=0",
            "POST /api/migrations/{}/provision", "?dryRun=true",
            "POST /api/migrations/provision", "?dryRun=true");
    private static final String LAST = "POST /api/migrations/{}/switch-producer";

    @OrdersMigrator private RunningMigrator app;

    @Test
    void shouldServeTheShippedDocumentToAnAuthenticatedCaller() {
        // When
        HttpResponse<String> answer = app.request("GET", "/api/openapi.json");

        // Then
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/json");
        OpenApiDocument served = OpenApiDocument.parse(answer.body());
        assertThat(served.root().path("openapi").asText()).startsWith("3");
        assertThat(served.root()).isEqualTo(OpenApiDocument.shipped().root());
    }

    @Test
    void shouldRefuseTheDocumentWithoutCredentials() {
        // When
        HttpResponse<String> answer = app.requestAs(null, "GET", "/api/openapi.json");

        // Then
        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.body()).doesNotContain("openapi");
    }

    @Test
    void shouldAnswerEveryDocumentedOperationWithAStatusItDocuments() {
        // Given
        OpenApiDocument document = OpenApiDocument.shipped();
        List<Operation> operations = new ArrayList<>(document.operations());
        operations.sort(Comparator.comparing(o -> o.key().equals(LAST)));

        // When
        List<String> answers = new ArrayList<>();
        List<String> mismatches = new ArrayList<>();
        for (Operation operation : operations) {
            for (HttpResponse<String> answer : call(operation)) {
                answers.add(operation + " " + answer.statusCode());
                mismatches.addAll(mismatches(document, operation, answer));
            }
        }

        // Then
        assertThat(answers).hasSize(operations.size() + 1).hasSizeGreaterThanOrEqualTo(20);
        assertThat(mismatches).as("answers %s", answers).isEmpty();
    }

    private List<HttpResponse<String>> call(Operation operation) {
        String path = operation.path().replaceAll("\\{[^}]*}", "orders") + QUERIES.getOrDefault(operation.key(), "");
        if (operation.key().equals("POST /topics/{}")) {
            return List.of(app.post(path, "text/plain", "documented"),
                    app.post("/topics/orders", "application/vnd.kafka.json.v2+json",
                            "{\"records\":[{\"key\":\"k\",\"value\":{\"documented\":true}}]}"));
        }
        return List.of(app.request(operation.method().toUpperCase(Locale.ROOT), path));
    }

    /** What in the answer the document does not say: its status, its media type, a required property. */
    private static List<String> mismatches(OpenApiDocument document, Operation operation, HttpResponse<String> answer) {
        String status = String.valueOf(answer.statusCode());
        if (!operation.statuses().contains(status)) {
            return List.of(operation + " answered the undocumented status " + status + ": " + answer.body());
        }
        JsonNode content = document.response(operation, status).path("content");
        if (content.isMissingNode()) {
            return List.of();
        }
        String mediaType = answer.headers().firstValue("Content-Type").orElse("").split(";")[0].trim();
        if (!content.has(mediaType)) {
            return List.of(operation + " " + status + " answered in the undocumented media type '" + mediaType + "'");
        }
        if (!mediaType.endsWith("json")) {
            // A page (the dashboard): its media type is checked, it has no properties.
            return answer.body().isEmpty() ? List.of(operation + " " + status + " answered an empty " + mediaType) : List.of();
        }
        JsonNode body = OpenApiDocument.parse(answer.body()).root();
        Set<String> required = document.requiredProperties(content.path(mediaType).path("schema"));
        List<String> missing = required.stream().filter(name -> !body.has(name)).toList();
        return missing.isEmpty() ? List.of()
                : List.of(operation + " " + status + " lacks the required " + missing + ": " + answer.body());
    }
}
