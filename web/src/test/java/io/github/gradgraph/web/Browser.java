package io.github.gradgraph.web;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's headless Chromium driven through Debian's chromedriver (nothing downloaded at test time), with the flags
 * this closed network needs, the browser's console collected, downloads into a folder of the test's, and screenshots
 * written under {@code web/target/screenshots/}.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    final ChromeDriver driver;
    final Path downloads;
    private final Path screenshots;

    private Browser(ChromeDriver driver, Path downloads, Path screenshots) {
        this.driver = driver;
        this.downloads = downloads;
        this.screenshots = screenshots;
    }

    /**
     * Starts the browser, or skips the test — with the reason — where Chromium is not installed; CI installs it
     * ({@code .ci/run}) and sets {@code gradgraph.browser.required}, so there a missing browser fails instead.
     */
    static Browser start(int width, int height) throws IOException {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
        if (!present && Boolean.getBoolean("gradgraph.browser.required")) {
            throw new IllegalStateException("the browser tests need " + CHROMIUM + " and " + DRIVER
                    + " (apt-get install chromium chromium-driver)");
        }
        Assumptions.assumeTrue(present, "browser tests skipped: " + CHROMIUM + " or " + DRIVER + " is not installed "
                + "(apt-get install chromium chromium-driver); CI installs them");
        Path downloads = Files.createTempDirectory("gradgraph-downloads");
        Path profile = Files.createTempDirectory("gradgraph-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=" + width + "," + height);
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
        Path shots = Path.of(System.getProperty("gradgraph.screenshots", "target/screenshots"));
        Files.createDirectories(shots);
        return new Browser(driver, downloads, shots);
    }

    /** @return the screenshot's path */
    Path screenshot(String name) throws IOException {
        File f = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Path to = screenshots.resolve(name + ".png");
        Files.copy(f.toPath(), to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        System.out.println("screenshot: " + to.toAbsolutePath());
        return to;
    }

    /** @return the console's warnings and errors since the last call */
    List<String> consoleProblems() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).map(LogEntry::toString).toList();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
