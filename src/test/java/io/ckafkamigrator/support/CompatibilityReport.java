package io.ckafkamigrator.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes one measured table of docs/compatibility.md: the lines between
 * {@code <!-- BEGIN section -->} and {@code <!-- END section -->} are replaced by the table, the
 * rest of the page is kept. Only a run that asks for it writes ({@code -Pcompat} sets the system
 * property {@code compat.report.file}); any other run leaves the page alone and only returns
 * the table, so a default build never rewrites committed docs.
 */
public final class CompatibilityReport {

    private CompatibilityReport() {
    }

    /** The table as Markdown; written into the page's {@code section} when the run asks for it. */
    public static String write(String section, List<String> header, List<List<String>> rows) {
        StringBuilder table = new StringBuilder();
        table.append(row(header));
        table.append(row(header.stream().map(h -> "---").toList()));
        rows.forEach(r -> table.append(row(r)));
        String file = System.getProperty("compat.report.file", "");
        if (!file.isBlank()) {
            replaceSection(Path.of(file), section, table.toString());
        }
        return table.toString();
    }

    private static String row(List<String> cells) {
        return "| " + String.join(" | ", cells.stream().map(c -> c.replace("|", "\\|")).toList()) + " |\n";
    }

    private static synchronized void replaceSection(Path page, String section, String table) {
        String begin = "<!-- BEGIN " + section + " -->";
        String end = "<!-- END " + section + " -->";
        try {
            String text = Files.exists(page) ? Files.readString(page, StandardCharsets.UTF_8) : "";
            int from = text.indexOf(begin);
            int to = text.indexOf(end);
            String replaced = from < 0 || to < from
                    ? text + "\n" + begin + "\n" + table + end + "\n"
                    : text.substring(0, from + begin.length()) + "\n" + table + text.substring(to);
            Files.writeString(page, replaced, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + page, e);
        }
    }
}
