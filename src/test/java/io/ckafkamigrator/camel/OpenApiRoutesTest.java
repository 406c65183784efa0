package io.ckafkamigrator.camel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ckafkamigrator.support.OpenApiDocument;
import io.ckafkamigrator.support.OpenApiDocument.Operation;
import org.apache.camel.model.RouteDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/openapi.json against the route files, without a server or a broker: every platform-http
 * route of routes/ (its path and each method of its {@code httpMethodRestrict}) is a documented
 * operation, and every documented operation is a route; the document is well-formed enough for
 * a client generator, and the jar carries it unchanged. That each documented operation answers
 * one of its documented statuses is {@code OpenApiIT}'s.
 */
class OpenApiRoutesTest {

    private static final Path ROUTES = Path.of("routes");
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}]*)}");

    /** {@code METHOD /path} of every platform-http route; {@code * /path} for a route that takes every method. */
    private static Set<String> routeOperations(Path routesDir) throws Exception {
        Set<String> operations = new TreeSet<>();
        for (RouteDefinition route : RouteFilesTest.httpRoutes(RouteFilesTest.load(routesDir))) {
            String uri = route.getInput().getEndpointUri().substring("platform-http:".length());
            int query = uri.indexOf('?');
            String path = query < 0 ? uri : uri.substring(0, query);
            Matcher restrict = Pattern.compile("[?&]httpMethodRestrict=([^&]*)").matcher(uri);
            String methods = restrict.find() ? restrict.group(1) : "*";
            for (String method : methods.split(",")) {
                operations.add(Operation.key(method.trim(), path));
            }
        }
        return operations;
    }

    private static Set<String> documentedOperations(OpenApiDocument document) {
        Set<String> operations = new TreeSet<>();
        document.operations().forEach(operation -> operations.add(operation.key()));
        return operations;
    }

    /** The routes no operation documents. */
    private static Set<String> undocumented(Path routesDir, OpenApiDocument document) throws Exception {
        Set<String> undocumented = routeOperations(routesDir);
        undocumented.removeAll(documentedOperations(document));
        return undocumented;
    }

    /** The documented operations no route serves. */
    private static Set<String> unserved(Path routesDir, OpenApiDocument document) throws Exception {
        Set<String> unserved = documentedOperations(document);
        unserved.removeAll(routeOperations(routesDir));
        return unserved;
    }

    @Test
    void shouldDocumentEveryPlatformHttpRouteOfTheRouteFiles() throws Exception {
        // Given
        OpenApiDocument document = OpenApiDocument.shipped();

        // When
        Set<String> undocumented = undocumented(ROUTES, document);

        // Then
        assertThat(undocumented).as("routes missing from %s", OpenApiDocument.FILE).isEmpty();
        assertThat(routeOperations(ROUTES)).contains("POST /topics/{}", "GET /api/migrations/{}",
                "POST /api/migrations/{}/cutover", "GET /api/openapi.json");
    }

    @Test
    void shouldDocumentNoOperationThatNoRouteServes() throws Exception {
        // Given
        OpenApiDocument document = OpenApiDocument.shipped();

        // When
        Set<String> unserved = unserved(ROUTES, document);

        // Then
        assertThat(unserved).as("operations of %s no route serves", OpenApiDocument.FILE).isEmpty();
    }

    @Test
    void shouldNameARouteAddedWithoutDocumentation(@TempDir Path routesDir) throws Exception {
        // Given
        copyRoutes(routesDir);
        Files.writeString(routesDir.resolve("extra.yaml"), """
                - route:
                    id: extra
                    routeConfigurationId: http-api
                    from:
                      uri: platform-http:/api/extra/{topic}
                      parameters:
                        httpMethodRestrict: GET,DELETE
                      steps:
                        - log: extra
                - route:
                    id: extra-any-method
                    routeConfigurationId: http-api
                    from:
                      uri: platform-http:/api/any
                      steps:
                        - log: any
                """);

        // When
        Set<String> undocumented = undocumented(routesDir, OpenApiDocument.shipped());

        // Then
        assertThat(undocumented).containsExactlyInAnyOrder("GET /api/extra/{}", "DELETE /api/extra/{}", "* /api/any");
    }

    @Test
    void shouldNameADocumentedOperationThatNoRouteServes() throws Exception {
        // Given
        ObjectNode root = OpenApiDocument.shipped().root().deepCopy();
        ObjectNode paths = (ObjectNode) root.get("paths");
        paths.putObject("/api/nowhere/{name}").putObject("get").putObject("responses");
        ((ObjectNode) paths.get("/api/migrations/{topic}")).putObject("delete").putObject("responses");

        // When
        Set<String> unserved = unserved(ROUTES, OpenApiDocument.parse(root.toString()));

        // Then
        assertThat(unserved).containsExactlyInAnyOrder("GET /api/nowhere/{}", "DELETE /api/migrations/{}");
    }

    @Test
    void shouldDescribeEveryOperationWellEnoughForAClientGenerator() {
        // Given
        OpenApiDocument document = OpenApiDocument.shipped();

        // When
        List<Operation> operations = document.operations();

        // Then
        JsonNode root = document.root();
        assertThat(root.path("openapi").asText()).startsWith("3.0.");
        assertThat(root.path("info").path("title").asText()).isNotBlank();
        assertThat(root.at("/components/securitySchemes/basicAuth/type").asText()).isEqualTo("http");
        assertThat(root.at("/components/securitySchemes/basicAuth/scheme").asText()).isEqualTo("basic");
        assertThat(root.path("security").toString()).isEqualTo("[{\"basicAuth\":[]}]");
        assertThat(document.unresolvedReferences()).as("$refs that point nowhere").isEmpty();
        assertThat(operations).extracting(o -> o.node().path("operationId").asText()).doesNotContain("")
                .doesNotHaveDuplicates();
        assertThat(operations).allSatisfy(operation -> {
            assertThat(operation.statuses()).as("statuses of %s", operation).isNotEmpty().allMatch(s -> s.matches("[1-5]\\d\\d"))
                    .contains("401");
            for (String status : operation.statuses()) {
                assertThat(document.response(operation, status).path("description").asText())
                        .as("description of %s %s", operation, status).isNotBlank();
            }
            assertThat(declaredPathParameters(document, operation)).as("path parameters of %s", operation)
                    .isEqualTo(pathParameters(operation.path()));
        });
    }

    @Test
    void shouldPackageTheDocumentOfDocsUnchangedAsApiOpenapiJson() throws IOException {
        // Given
        String source = Files.readString(OpenApiDocument.FILE);

        // When
        String packaged;
        try (InputStream in = OpenApiRoutesTest.class.getResourceAsStream("/api/openapi.json")) {
            assertThat(in).as("api/openapi.json on the class path (pom.xml resources)").isNotNull();
            packaged = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        // Then
        assertThat(packaged).isEqualTo(source);
    }

    private static Set<String> pathParameters(String path) {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = PATH_PARAMETER.matcher(path);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /** The {@code in: path} parameters of the operation and of its path item. */
    private static Set<String> declaredPathParameters(OpenApiDocument document, Operation operation) {
        List<JsonNode> parameters = new ArrayList<>();
        document.root().path("paths").path(operation.path()).path("parameters").forEach(parameters::add);
        operation.node().path("parameters").forEach(parameters::add);
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode parameter : parameters) {
            JsonNode resolved = document.resolve(parameter);
            if (resolved.path("in").asText().equals("path")) {
                assertThat(resolved.path("required").asBoolean()).as("path parameter %s required", resolved).isTrue();
                names.add(resolved.path("name").asText());
            }
        }
        return names;
    }

    private static void copyRoutes(Path target) throws IOException {
        try (Stream<Path> files = Files.walk(ROUTES)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path copy = target.resolve(ROUTES.relativize(file).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy);
            }
        }
    }
}
