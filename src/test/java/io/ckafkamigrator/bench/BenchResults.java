package io.ckafkamigrator.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

import io.ckafkamigrator.core.Json;

/** The measured rows of one harness run, printed and written as Markdown and JSON. */
final class BenchResults {

    /** One measurement: its statistics over the rounds and, where the issue sets one, the target. */
    record Row(String benchmark, String measure, String unit, Stats stats, String target, Boolean met) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    void add(String benchmark, String measure, String unit, Stats stats) {
        rows.add(new Row(benchmark, measure, unit, stats, null, null));
        System.out.println(line(rows.get(rows.size() - 1)));
    }

    /** A row with a target; {@code meets} says whether the statistics meet it (the median, the p95, ...). */
    void add(String benchmark, String measure, String unit, Stats stats, String target, Predicate<Stats> meets) {
        rows.add(new Row(benchmark, measure, unit, stats, target, meets.test(stats)));
        System.out.println(line(rows.get(rows.size() - 1)));
    }

    /** A sentence printed under the tables (what a benchmark measured, what it left out). */
    void note(String note) {
        notes.add(note);
    }

    List<Row> rows() {
        return List.copyOf(rows);
    }

    String markdown(Map<String, String> machine, String command, long seconds) {
        StringBuilder md = new StringBuilder("# Benchmark results\n\n");
        md.append("Command: `").append(command).append("`  \n");
        machine.forEach((k, v) -> md.append(k).append(": ").append(v).append("  \n"));
        md.append("Run time: ").append(seconds).append(" s\n");
        String benchmark = null;
        for (Row row : rows) {
            if (!row.benchmark().equals(benchmark)) {
                benchmark = row.benchmark();
                md.append("\n### ").append(benchmark).append("\n\n")
                        .append("| Measure | Unit | Median | P95 | Min | Max | n | Target | Met |\n")
                        .append("|---|---|---:|---:|---:|---:|---:|---|---|\n");
            }
            md.append("| ").append(row.measure()).append(" | ").append(row.unit()).append(" | ")
                    .append(format(row.stats().median())).append(" | ").append(format(row.stats().p95())).append(" | ")
                    .append(format(row.stats().min())).append(" | ")
                    .append(format(row.stats().max())).append(" | ").append(row.stats().samples().size()).append(" | ")
                    .append(row.target() == null ? "" : row.target()).append(" | ")
                    .append(row.met() == null ? "" : row.met() ? "yes" : "**no**").append(" |\n");
        }
        if (!notes.isEmpty()) {
            md.append("\n");
            notes.forEach(n -> md.append("- ").append(n).append("\n"));
        }
        return md.toString();
    }

    String json(Map<String, String> machine, String command, long seconds) {
        List<Map<String, Object>> results = new ArrayList<>();
        for (Row row : rows) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("benchmark", row.benchmark());
            r.put("measure", row.measure());
            r.put("unit", row.unit());
            r.put("median", round(row.stats().median()));
            r.put("p95", round(row.stats().p95()));
            r.put("min", round(row.stats().min()));
            r.put("max", round(row.stats().max()));
            r.put("n", row.stats().samples().size());
            r.put("samples", row.stats().samples().stream().map(BenchResults::round).toList());
            r.put("target", row.target());
            r.put("met", row.met());
            results.add(r);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("command", command);
        json.put("machine", machine);
        json.put("runSeconds", seconds);
        json.put("results", results);
        json.put("notes", notes);
        return Json.object(json);
    }

    void write(Path dir, Map<String, String> machine, String command, long seconds) throws IOException {
        Files.createDirectories(dir);
        String md = markdown(machine, command, seconds);
        Files.writeString(dir.resolve("results.md"), md);
        Files.writeString(dir.resolve("results.json"), json(machine, command, seconds));
        System.out.println(md);
    }

    private static String line(Row row) {
        return String.format(Locale.ROOT, "[bench] %s | %s: median %s %s (p95 %s, min %s, max %s, n=%d)%s",
                row.benchmark(), row.measure(), format(row.stats().median()), row.unit(), format(row.stats().p95()),
                format(row.stats().min()), format(row.stats().max()), row.stats().samples().size(),
                row.target() == null ? "" : " target " + row.target() + (row.met() ? " met" : " MISSED"));
    }

    static String format(double value) {
        double abs = Math.abs(value);
        if (abs >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, abs >= 10 ? "%.1f" : "%.2f", value);
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
