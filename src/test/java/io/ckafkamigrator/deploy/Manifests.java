package io.ckafkamigrator.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The manifests of deploy/kubernetes as an operator applies them: the resources the
 * kustomization lists, the ConfigMaps its generators make from the files they name, and the
 * Secrets of secrets.example.yaml.
 */
final class Manifests {

    static final Path DIR = Path.of("deploy", "kubernetes");
    static final String SECRETS_EXAMPLE = "secrets.example.yaml";

    private final List<YamlNode> documents = new ArrayList<>();
    private final YamlNode kustomization;
    private final List<YamlNode> secrets;

    private Manifests(YamlNode kustomization, List<YamlNode> secrets) {
        this.kustomization = kustomization;
        this.secrets = secrets;
    }

    static Manifests load() {
        Manifests manifests = new Manifests(parse(DIR.resolve("kustomization.yaml")).get(0),
                parse(DIR.resolve(SECRETS_EXAMPLE)));
        for (YamlNode resource : manifests.kustomization.at("resources").items()) {
            manifests.documents.addAll(parse(DIR.resolve(resource.text())));
        }
        return manifests;
    }

    static List<YamlNode> parse(Path file) {
        List<YamlNode> parsed = new ArrayList<>();
        for (Object document : new Load(LoadSettings.builder().build()).loadAllFromString(read(file))) {
            if (document != null) {
                parsed.add(new YamlNode(document, file.getFileName().toString()));
            }
        }
        return parsed;
    }

    YamlNode kustomization() {
        return kustomization;
    }

    /** The one resource of this kind the kustomization lists. */
    YamlNode only(String kind) {
        List<YamlNode> found = ofKind(kind);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + kind + ", found " + found.size());
        }
        return found.get(0);
    }

    List<YamlNode> ofKind(String kind) {
        return documents.stream().filter(d -> d.at("kind").text().equals(kind)).toList();
    }

    /** Each ConfigMap of the kustomization's generators: its name, and its keys with the files' contents. */
    Map<String, Map<String, String>> configMaps() {
        Map<String, Map<String, String>> maps = new LinkedHashMap<>();
        for (YamlNode generator : kustomization.at("configMapGenerator").items()) {
            Map<String, String> data = new LinkedHashMap<>();
            for (YamlNode source : generator.at("files").items()) {
                // "key=path" or "path", whose key is then the file's name (as kustomize does).
                String[] keyAndPath = source.text().split("=", 2);
                Path file = DIR.resolve(keyAndPath[keyAndPath.length - 1]).normalize();
                data.put(keyAndPath.length == 2 ? keyAndPath[0] : file.getFileName().toString(), read(file));
            }
            maps.put(generator.at("name").text(), data);
        }
        return maps;
    }

    /** Each Secret of secrets.example.yaml: its name, and its keys with their placeholder values. */
    Map<String, Map<String, String>> exampleSecrets() {
        Map<String, Map<String, String>> found = new LinkedHashMap<>();
        for (YamlNode secret : secrets) {
            Map<String, String> data = new LinkedHashMap<>();
            secret.find("data").ifPresent(d -> d.strings().forEach((key, value) ->
                    data.put(key, new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8))));
            secret.find("stringData").ifPresent(d -> data.putAll(d.strings()));
            found.put(secret.at("metadata", "name").text(), data);
        }
        return found;
    }

    /** The YAML files of deploy/kubernetes (every manifest, the kustomization and the example). */
    static List<String> yamlFiles() {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
