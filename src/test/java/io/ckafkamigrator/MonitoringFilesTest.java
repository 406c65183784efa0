package io.ckafkamigrator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.ckafkamigrator.support.MonitoringFile;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator relies on in deploy/grafana and deploy/prometheus beyond the metric names
 * (those are checked against a real scrape in MonitoringAssetsIT): the dashboard imports into
 * any Grafana with a Prometheus data source, and each alert says how bad it is, what it means,
 * and where the runbook is, in a section that exists.
 */
class MonitoringFilesTest {

    private static final Pattern HEADING = Pattern.compile("^#{1,6} (.+)$");

    @Test
    void shouldReadEveryPanelFromTheDataSourceChosenAtImport() {
        // Given
        Path shipped = MonitoringFile.DASHBOARD;

        // When
        Map<String, Object> tree = map(MonitoringFile.dashboard().tree());

        // Then
        List<Object> variables = list(map(tree.get("templating")).get("list"));
        assertThat(variables).anySatisfy(v -> assertThat(map(v))
                .containsEntry("name", "datasource").containsEntry("type", "datasource").containsEntry("query", "prometheus"));
        assertThat(variables).anySatisfy(v -> assertThat(map(v)).containsEntry("name", "topic")
                .extractingByKey("query").asString().matches("label_values\\(ckafka_migrator_\\w+, topic\\)"));
        assertThat(datasourceUids(tree)).isNotEmpty().containsOnly("${datasource}");
        assertThat(((Number) tree.get("schemaVersion")).intValue()).as(shipped + ": Grafana 10 or 11").isBetween(36, 41);
    }

    @Test
    void shouldGiveEveryAlertASeveritySummaryDescriptionAndARunbookSectionThatExists() throws IOException {
        // Given
        Path shipped = MonitoringFile.ALERTS;

        // When
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Object group : list(map(MonitoringFile.alerts().tree()).get("groups"))) {
            list(map(group).get("rules")).forEach(rule -> rules.add(map(rule)));
        }

        // Then
        assertThat(rules).as(shipped.toString()).isNotEmpty().allSatisfy(rule -> {
            assertThat(rule).containsKeys("alert", "expr");
            assertThat(map(rule.get("labels"))).containsKey("severity");
            assertThat(map(rule.get("annotations"))).containsKeys("summary", "description", "runbook_url");
        });
        for (Map<String, Object> rule : rules) {
            String[] link = map(rule.get("annotations")).get("runbook_url").toString().split("#", 2);
            assertThat(anchors(Path.of(link[0]))).as(rule.get("alert") + " runbook " + link[0]).contains(link[1]);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        return (Map<String, Object>) node;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object node) {
        return (List<Object>) node;
    }

    private static List<String> datasourceUids(Object node) {
        List<String> uids = new ArrayList<>();
        if (node instanceof Map<?, ?> map) {
            if (map.get("datasource") instanceof Map<?, ?> datasource && !"grafana".equals(datasource.get("type"))) {
                uids.add(String.valueOf(datasource.get("uid")));
            }
            map.values().forEach(v -> uids.addAll(datasourceUids(v)));
        } else if (node instanceof List<?> list) {
            list.forEach(v -> uids.addAll(datasourceUids(v)));
        }
        return uids;
    }

    /** The anchors GitHub gives the headings of a Markdown file, fenced code left out. */
    private static Set<String> anchors(Path markdown) throws IOException {
        Set<String> anchors = new TreeSet<>();
        boolean fenced = false;
        for (String line : Files.readAllLines(markdown)) {
            if (line.startsWith("```")) {
                fenced = !fenced;
            }
            Matcher heading = HEADING.matcher(line);
            if (!fenced && heading.matches()) {
                anchors.add(heading.group(1).strip().toLowerCase().replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
            }
        }
        return anchors;
    }
}
