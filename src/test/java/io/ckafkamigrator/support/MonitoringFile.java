package io.ckafkamigrator.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * A monitoring file of deploy/ parsed as what it is, a Grafana dashboard (JSON) or a Prometheus
 * rule file (YAML), so a malformed one fails to load. Gives its PromQL expressions (a panel's
 * {@code expr}, a variable's {@code query}, a rule's {@code expr}), each with the labels its
 * panel or rule prints ({@code {{topic}}} in a legend, {@code $labels.topic} in an annotation).
 */
public final class MonitoringFile {

    public static final Path DASHBOARD = Path.of("deploy/grafana/ckafka-migrator-dashboard.json");
    public static final Path ALERTS = Path.of("deploy/prometheus/alerts.yaml");

    private static final Pattern METRIC = Pattern.compile("ckafka_migrator_[a-z_]+");
    private static final Pattern PRINTED = Pattern.compile("\\{\\{\\s*(\\w+)\\s*}}|\\$labels\\.(\\w+)");

    /** One expression and the labels printed beside it. */
    public record Expression(String text, Set<String> printedLabels) {

        /** The {@code ckafka_migrator_*} metrics it reads, in order. */
        public Set<String> metrics() {
            return matches(METRIC, text);
        }
    }

    private final Object tree;

    private MonitoringFile(Object tree) {
        this.tree = tree;
    }

    /** The file parsed by its kind: JSON for a {@code .json} file, YAML otherwise. */
    public static MonitoringFile of(Path file) {
        String text = read(file);
        if (!file.toString().endsWith(".json")) {
            return new MonitoringFile(new Load(LoadSettings.builder().build()).loadFromString(text));
        }
        try {
            return new MonitoringFile(new ObjectMapper().readValue(text, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException(file + " is not JSON", e);
        }
    }

    public static MonitoringFile dashboard() {
        return of(DASHBOARD);
    }

    public static MonitoringFile alerts() {
        return of(ALERTS);
    }

    /** The parsed document: maps, lists, strings, numbers. */
    public Object tree() {
        return tree;
    }

    /** Every {@code ckafka_migrator_*} name anywhere in the file, expressions and texts alike. */
    public Set<String> metrics() {
        Set<String> names = new TreeSet<>();
        strings(tree).forEach(s -> names.addAll(matches(METRIC, s)));
        return names;
    }

    public List<Expression> expressions() {
        List<Expression> found = new ArrayList<>();
        collect(tree, found);
        return found;
    }

    private static void collect(Object node, List<Expression> found) {
        if (node instanceof Map<?, ?> map) {
            for (String key : List.of("expr", "query")) {
                if (map.get(key) instanceof String text) {
                    Set<String> printed = new TreeSet<>();
                    strings(map).forEach(s -> {
                        Matcher m = PRINTED.matcher(s);
                        while (m.find()) {
                            printed.add(m.group(1) != null ? m.group(1) : m.group(2));
                        }
                    });
                    found.add(new Expression(text, printed));
                }
            }
            map.values().forEach(v -> collect(v, found));
        } else if (node instanceof List<?> list) {
            list.forEach(v -> collect(v, found));
        }
    }

    /** Every string value below {@code node}. */
    public static List<String> strings(Object node) {
        List<String> all = new ArrayList<>();
        if (node instanceof String s) {
            all.add(s);
        } else if (node instanceof Map<?, ?> map) {
            map.values().forEach(v -> all.addAll(strings(v)));
        } else if (node instanceof List<?> list) {
            list.forEach(v -> all.addAll(strings(v)));
        }
        return all;
    }

    private static Set<String> matches(Pattern pattern, String text) {
        Set<String> found = new LinkedHashSet<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
