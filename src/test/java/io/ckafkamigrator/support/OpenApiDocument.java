package io.ckafkamigrator.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * The OpenAPI document of the API port, {@code docs/openapi.json}, as the tests read it: its
 * operations (method and path), the statuses and media types each documents, and its schemas
 * with their {@code $ref}s resolved within the document.
 */
public final class OpenApiDocument {

    /** The one source of the document; the jar serves a copy of it at {@code /api/openapi.json}. */
    public static final Path FILE = Path.of("docs", "openapi.json");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private final JsonNode root;

    private OpenApiDocument(JsonNode root) {
        this.root = root;
    }

    public static OpenApiDocument shipped() {
        try {
            return parse(Files.readString(FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static OpenApiDocument parse(String json) {
        try {
            return new OpenApiDocument(JSON.readTree(json));
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
    }

    public JsonNode root() {
        return root;
    }

    /** One documented method of one path. */
    public record Operation(String method, String path, JsonNode node) {

        /** {@code METHOD /path} with every path parameter written {@code {}}, as routes are compared. */
        public String key() {
            return key(method, path);
        }

        public static String key(String method, String path) {
            return method.toUpperCase(Locale.ROOT) + " " + path.replaceAll("\\{[^}]*}", "{}");
        }

        /** The statuses the document lists for it, e.g. {@code 200}, {@code 409}. */
        public Set<String> statuses() {
            Set<String> statuses = new LinkedHashSet<>();
            node.path("responses").fieldNames().forEachRemaining(statuses::add);
            return statuses;
        }

        @Override
        public String toString() {
            return method.toUpperCase(Locale.ROOT) + " " + path;
        }
    }

    /** Every operation, in the order of the document. */
    public List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        root.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
            if (METHODS.contains(method.getKey())) {
                operations.add(new Operation(method.getKey(), path.getKey(), method.getValue()));
            }
        }));
        return operations;
    }

    /** The answer {@code operation} documents for {@code status}, its {@code $ref} resolved; missing if none. */
    public JsonNode response(Operation operation, String status) {
        return resolve(operation.node().path("responses").path(status));
    }

    /** The node a {@code {"$ref":"#/..."}} points to, or the node itself; missing when it points nowhere. */
    public JsonNode resolve(JsonNode node) {
        JsonNode at = node;
        while (at.has("$ref")) {
            String ref = at.get("$ref").asText();
            at = ref.startsWith("#/") ? root.at(ref.substring(1)) : MissingNode.getInstance();
        }
        return at;
    }

    /** Every {@code $ref} of the document that points nowhere in it. */
    public List<String> unresolvedReferences() {
        List<String> unresolved = new ArrayList<>();
        collectUnresolved(root, unresolved);
        return unresolved;
    }

    private void collectUnresolved(JsonNode node, List<String> unresolved) {
        if (node.has("$ref") && resolve(node).isMissingNode()) {
            unresolved.add(node.get("$ref").asText());
        }
        node.elements().forEachRemaining(child -> collectUnresolved(child, unresolved));
    }

    /** The properties {@code schema} requires, those of its {@code allOf} parts included. */
    public Set<String> requiredProperties(JsonNode schema) {
        JsonNode resolved = resolve(schema);
        Set<String> required = new LinkedHashSet<>();
        resolved.path("required").forEach(name -> required.add(name.asText()));
        resolved.path("allOf").forEach(part -> required.addAll(requiredProperties(part)));
        return required;
    }
}
