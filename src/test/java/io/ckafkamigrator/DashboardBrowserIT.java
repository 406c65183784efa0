package io.ckafkamigrator;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.ckafkamigrator.support.ApiUsers;
import io.ckafkamigrator.support.HeadlessChromium;
import io.ckafkamigrator.support.HttpSink;
import io.ckafkamigrator.support.MigratorExtension;
import io.ckafkamigrator.support.MigratorProperty;
import io.ckafkamigrator.support.OrdersMigrator;
import io.ckafkamigrator.support.RunningMigrator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static io.ckafkamigrator.support.Json.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard page in a real headless Chromium against the real main class and two real
 * clusters: the operator migrates {@code orders} with the page's buttons and confirmations
 * alone, the browser signing in with the API's basic auth. Screenshots of the page at
 * 1280x800 and at a phone's size are left in target/dashboard/.
 */
@ExtendWith(MigratorExtension.class)
@MigratorProperty(name = "migration.metrics.sample-interval-ms", value = "500")
class DashboardBrowserIT {

    private static final String ORDERS = "section[data-topic='orders'] ";
    private static final Path SCREENSHOTS = Path.of("target", "dashboard");

    @OrdersMigrator private RunningMigrator app;
    @OrdersMigrator private HttpSink sink;
    private HeadlessChromium browser;

    @AfterEach
    void closeBrowser() throws Exception {
        if (browser != null) {
            browser.close();
        }
    }

    private String shown(String fact) {
        return browser.text(ORDERS + fact);
    }

    /** Signed in the way an operator can without a prompt: the credentials in the URL. */
    private void openDashboard() {
        browser.open("http://" + ApiUsers.OPERATOR + ":" + ApiUsers.OPERATOR_PASSWORD + "@127.0.0.1:" + app.port()
                + "/dashboard");
    }

    /** Clicks the topic's button for the request and Confirm in the page's own dialog. */
    private void clickAndConfirm(String action) {
        await().atMost(30, TimeUnit.SECONDS).until(() -> browser.find(ORDERS + "button[data-action='" + action + "']")
                .isDisplayed());
        browser.click(ORDERS + "button[data-action='" + action + "']");
        assertThat(browser.text("#confirm-text")).contains("orders");
        browser.click("#confirm-ok");
    }

    @Test
    void shouldMigrateOrdersFromLegacyToMigratedWithTheDashboardsButtons() {
        // Given
        browser = HeadlessChromium.start(1280, 800);
        // 200 records wait in legacy: the sink holds the legacy consumer's deliveries.
        sink.hold();
        for (int i = 0; i < 200; i++) {
            app.post("/topics/orders?key=customer-" + (i % 8), "text/plain", "order " + i);
        }
        openDashboard();
        await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> {
            assertThat(shown(".phase")).isEqualTo("LEGACY");
            assertThat(shown("[data-fact='producer']")).isEqualTo("legacy");
        });

        // When
        clickAndConfirm("switch-producer");
        await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> assertThat(shown(".phase")).isEqualTo("DRAINING"));
        // Records heap up in CKafka while legacy drains, slowly.
        for (int i = 200; i < 260; i++) {
            app.post("/topics/orders?key=customer-" + (i % 8), "text/plain", "order " + i);
        }
        sink.delayEach(Duration.ofMillis(40));
        sink.release();
        await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> {
            assertThat(shown("[data-fact='ckafkaBacklog']")).isEqualTo("60");
            assertThat(shown("[data-fact='drainEta']")).endsWith(" s");
        });
        browser.screenshot(SCREENSHOTS.resolve("dashboard-1280x800.png"));
        browser.phone(390, 844);
        browser.screenshot(SCREENSHOTS.resolve("dashboard-390x844.png"));
        clickAndConfirm("cutover");
        await().atMost(60, TimeUnit.SECONDS).untilAsserted(() -> assertThat(shown(".phase")).isEqualTo("MIGRATED"));

        // Then
        assertThat(field(app.status("orders"), "phase")).isEqualTo("MIGRATED");
        assertThat(shown(".answer")).startsWith("Cut over: 20");
        assertThat(shown("[data-fact='producer']")).isEqualTo("ckafka");
        await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> {
            assertThat(shown("[data-fact='legacyRemaining']")).isEqualTo("0");
            assertThat(shown("[data-fact='drainEta']")).isEqualTo("0 s");
        });
        assertThat(browser.find(ORDERS + "button[data-action='cutover']").isDisplayed()).isFalse();
    }

    @Test
    void shouldSayTheApiIsUnreachableAndKeepTheLastFiguresWhenTheNetworkIsLost() {
        // Given
        browser = HeadlessChromium.start(1280, 800);
        openDashboard();
        await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> assertThat(shown(".phase")).isEqualTo("LEGACY"));

        // When
        browser.goOffline();

        // Then
        await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> assertThat(browser.text("#state"))
                .startsWith("API unreachable").contains("Figures from"));
        assertThat(browser.find("#topics").getAttribute("class")).isEqualTo("stale");
        assertThat(shown(".phase")).isEqualTo("LEGACY");
    }

    @Test
    void shouldServeThePageUncachedToTheApisUsersOnly() {
        // When
        HttpResponse<String> page = app.request("GET", "/dashboard");
        HttpResponse<String> anonymous = app.requestAs(null, "GET", "/dashboard");

        // Then
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(page.headers().firstValue("Content-Security-Policy")).get().asString().contains("connect-src 'self'");
        assertThat(page.body()).startsWith("<!doctype html>");
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }
}
