package io.ckafkamigrator.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium, headless, driven through its own chromedriver: both taken from where the
 * packages {@code chromium} and {@code chromium-driver} put them, never downloaded (Selenium
 * Manager does not run when both paths are given). A machine without them skips the test.
 * Every run has a fresh profile and none of Chromium's background connections, which fail on a
 * closed network.
 */
public final class HeadlessChromium implements AutoCloseable {

    private static final Path BROWSER = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    private static final Path DRIVER = Path.of(System.getProperty("chromium.driver", "/usr/bin/chromedriver"));

    private final ChromeDriver driver;
    private final Path profile;

    private HeadlessChromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** A browser whose viewport is {@code width} x {@code height}; skips the test where there is none. */
    public static HeadlessChromium start(int width, int height) {
        Assumptions.assumeTrue(Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER),
                "no " + BROWSER + " or " + DRIVER + ": the browser test needs the Debian packages chromium and "
                        + "chromium-driver (apt-get install chromium chromium-driver)");
        System.setProperty("webdriver.chrome.driver", DRIVER.toString());
        System.setProperty("webdriver.remote.enableTracing", "false");
        Path profile = tempDir();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=" + width + "," + height);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        HeadlessChromium browser = new HeadlessChromium(new ChromeDriver(service, options), profile);
        browser.desktop(width, height);
        return browser;
    }

    public void open(String url) {
        driver.get(url);
    }

    /** The element the selector finds, or a failure naming the selector. */
    public WebElement find(String cssSelector) {
        return driver.findElement(By.cssSelector(cssSelector));
    }

    /** Text as the page shows it; empty while nothing matches, so an await can poll it. */
    public String text(String cssSelector) {
        return driver.findElements(By.cssSelector(cssSelector)).stream().findFirst().map(WebElement::getText).orElse("");
    }

    public void click(String cssSelector) {
        find(cssSelector).click();
    }

    /** A viewport of exactly {@code width} x {@code height} CSS pixels (a window's own is smaller than the window). */
    private void desktop(int width, int height) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
    }

    /** The viewport of a phone: its CSS pixels, its pixel ratio and the mobile layout. */
    public void phone(int width, int height) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 2, "mobile", true));
    }

    /** Every request of the page fails from now on, as when the network to the app is lost. */
    public void goOffline() {
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.emulateNetworkConditions",
                Map.of("offline", true, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
    }

    /** A PNG of what the viewport shows now. */
    public void screenshot(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("chromium-profile-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (Stream<Path> files = Files.walk(profile)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
