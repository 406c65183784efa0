package io.ckafkamigrator;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.ckafkamigrator.support.HttpSink;
import io.ckafkamigrator.support.KafkaTestCluster;
import io.ckafkamigrator.support.MigratorExtension;
import io.ckafkamigrator.support.MonitoringFile;
import io.ckafkamigrator.support.MonitoringFile.Expression;
import io.ckafkamigrator.support.Name;
import io.ckafkamigrator.support.OrdersApp;
import io.ckafkamigrator.support.PrometheusScrape;
import io.ckafkamigrator.support.RouteFiles;
import io.ckafkamigrator.support.RunningMigrator;
import io.ckafkamigrator.support.TopicFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Grafana dashboard and the Prometheus alerts of deploy/ against a real scrape of the real
 * main class: every {@code ckafka_migrator_*} metric they name is a series of
 * {@code /observe/metrics}, and every label they select, group by or print is a label of the
 * metrics of that expression. The app runs the shipped {@code orders} topic, switched so it
 * drains, beside a topic of external services with a hook, whose hook and consumer series
 * exist only for such topics.
 */
@ExtendWith(MigratorExtension.class)
class MonitoringAssetsIT {

    private static final String EXTERNAL = "monitored-external";
    private static final Pattern SELECTOR = Pattern.compile("(ckafka_migrator_[a-z_]+)\\s*\\{([^}]*)}");
    private static final Pattern MATCHER = Pattern.compile("(\\w+)\\s*(=~|!~|!=|=)\\s*\"([^\"]*)\"");
    private static final Pattern GROUPING = Pattern.compile(
            "\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\(([^)]*)\\)|label_values\\(\\s*\\w+\\s*,\\s*(\\w+)\\s*\\)");

    private static HttpSink sink;
    private static RunningMigrator app;

    @BeforeAll
    static void startWithOrdersDrainingBesideExternalServices(@Name("legacy") KafkaTestCluster legacy,
                                                               @Name("ckafka") KafkaTestCluster ckafka,
                                                               @TempDir Path routes) throws Exception {
        RouteFiles.copy(Path.of("routes"), routes);
        Files.writeString(routes.resolve("topics/" + EXTERNAL + ".yaml"), TopicFile.of(EXTERNAL)
                .externalProducers().externalConsumers().hook("on-phase", "log:" + EXTERNAL + "-on-phase").text());
        legacy.recreateTopic(OrdersApp.TOPIC, 3, OrdersApp.LEGACY_GROUP);
        legacy.commitAtEnd(OrdersApp.LEGACY_GROUP, OrdersApp.TOPIC);
        ckafka.recreateTopic(OrdersApp.TOPIC, 3, OrdersApp.CKAFKA_GROUP);
        legacy.recreateTopic(EXTERNAL, 2, TopicFile.legacyGroup(EXTERNAL));
        ckafka.recreateTopic(EXTERNAL, 2, TopicFile.ckafkaGroup(EXTERNAL));
        sink = new HttpSink();
        Map<String, String> props = RunningMigrator.overrides(legacy, ckafka, sink);
        props.putAll(RunningMigrator.QUICK_STOPPING_CONSUMERS);
        props.putAll(RunningMigrator.QUICK_REBALANCING_CONSUMERS);
        props.put("camel.main.routes-include-pattern", "file:" + routes + "/**/*.yaml");
        props.put("migration.metrics.sample-interval-ms", "200");
        app = RunningMigrator.start(props);
        assertThat(app.post("/topics/orders?key=k", "text/plain", "before the switch").statusCode()).isEqualTo(200);
        assertThat(app.request("POST", "/api/migrations/orders/switch-producer").statusCode()).isEqualTo(200);
        // Sampled since the switch: the per-partition series of both topics exist.
        await().atMost(30, TimeUnit.SECONDS).until(() -> scrape().value("ckafka_migrator_phase",
                "topic", OrdersApp.TOPIC, "phase", "DRAINING").orElse(0) == 1
                && scrape().value("ckafka_migrator_legacy_partition_remaining_records", "topic", EXTERNAL).isPresent());
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (app != null) {
            app.close();
        }
        if (sink != null) {
            sink.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shippedFiles")
    void shouldNameOnlyMetricsAndLabelsOfTheRealScrape(Path shipped) {
        // Given
        MonitoringFile file = MonitoringFile.of(shipped);

        // When
        PrometheusScrape scrape = scrape();

        // Then
        assertThat(file.metrics()).isNotEmpty();
        assertThat(scrape.names()).as("the series of a real scrape").containsAll(file.metrics());
        assertThat(labelProblems(file, scrape)).isEmpty();
    }

    static List<Path> shippedFiles() {
        return List.of(MonitoringFile.DASHBOARD, MonitoringFile.ALERTS);
    }

    /**
     * What does not fit the scrape: a selector's label that its metric lacks, or a fixed value
     * ({@code phase="CUTTING_OVER"}) no series has; a label grouped by, matched on or printed
     * that one of the expression's metrics lacks.
     */
    private static List<String> labelProblems(MonitoringFile file, PrometheusScrape scrape) {
        List<String> problems = new ArrayList<>();
        for (Expression expression : file.expressions()) {
            Matcher selector = SELECTOR.matcher(expression.text());
            while (selector.find()) {
                String metric = selector.group(1);
                Matcher matcher = MATCHER.matcher(selector.group(2));
                while (matcher.find()) {
                    String label = matcher.group(1);
                    String value = matcher.group(3);
                    if (!scrape.labelNames(metric).contains(label)) {
                        problems.add(metric + " has no label " + label + " in: " + expression.text());
                    } else if (matcher.group(2).equals("=") && !value.contains("$")
                            && scrape.value(metric, label, value).isEmpty()) {
                        problems.add(metric + " has no series " + label + "=\"" + value + "\" in: " + expression.text());
                    }
                }
            }
            List<String> used = new ArrayList<>(expression.printedLabels());
            Matcher grouping = GROUPING.matcher(expression.text());
            while (grouping.find()) {
                String labels = grouping.group(1) != null ? grouping.group(1) : grouping.group(2);
                for (String label : labels.split(",")) {
                    used.add(label.strip());
                }
            }
            for (String metric : expression.metrics()) {
                Set<String> present = scrape.labelNames(metric);
                used.stream().filter(label -> !present.contains(label)).forEach(label ->
                        problems.add(metric + " has no label " + label + " (grouped by or printed) in: " + expression.text()));
            }
        }
        return problems;
    }

    private static PrometheusScrape scrape() {
        HttpResponse<String> response = app.request("GET", "/observe/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        return PrometheusScrape.of(response.body());
    }
}
