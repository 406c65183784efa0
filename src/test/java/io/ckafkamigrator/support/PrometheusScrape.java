package io.ckafkamigrator.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** One scrape of the Prometheus text format, looked up by metric name and labels. */
public final class PrometheusScrape {

    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private record Sample(String name, Map<String, String> labels, double value, String line) {
    }

    private final List<Sample> samples = new ArrayList<>();

    private PrometheusScrape(String text) {
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.lastIndexOf(' ');
            String name = brace < 0 ? line.substring(0, line.indexOf(' ')) : line.substring(0, brace);
            Map<String, String> labels = new TreeMap<>();
            if (brace >= 0) {
                Matcher m = LABEL.matcher(line.substring(brace, line.lastIndexOf('}')));
                while (m.find()) {
                    labels.put(m.group(1), m.group(2));
                }
            }
            samples.add(new Sample(name, labels, Double.parseDouble(line.substring(space + 1)), line));
        }
    }

    public static PrometheusScrape of(String text) {
        return new PrometheusScrape(text);
    }

    /** The value of the sample with this name and at least these labels ({@code key, value, ...}); empty if none. */
    public OptionalDouble value(String name, String... labels) {
        return samples.stream().filter(s -> s.name().equals(name) && has(s.labels(), labels))
                .mapToDouble(Sample::value).findFirst();
    }

    /** Like {@link #value} but fails when the sample is absent. */
    public double get(String name, String... labels) {
        return value(name, labels).orElseThrow(() -> new AssertionError("no sample " + name + " " + List.of(labels)
                + " in the scrape; samples of that name: " + lines(name)));
    }

    /** The name of every sample as written (a histogram's {@code _bucket}, {@code _count} and {@code _sum} apart). */
    public Set<String> names() {
        return samples.stream().map(Sample::name).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The label names the samples of {@code name} carry, any of them. */
    public Set<String> labelNames(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).flatMap(s -> s.labels().keySet().stream())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The raw lines of every sample whose name starts with {@code prefix}. */
    public List<String> lines(String prefix) {
        return samples.stream().filter(s -> s.name().startsWith(prefix)).map(Sample::line).toList();
    }

    private static boolean has(Map<String, String> actual, String... expected) {
        for (int i = 0; i + 1 < expected.length; i += 2) {
            if (!expected[i + 1].equals(actual.get(expected[i]))) {
                return false;
            }
        }
        return true;
    }
}
