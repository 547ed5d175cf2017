package org.staffmfa.keycloak.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by Debian's chromedriver through Selenium, one browser per test class, with a
 * fresh profile. Nothing is downloaded: both binaries come from the {@code chromium} and {@code chromium-driver}
 * packages, which the test command installs.
 *
 * <pre>{@code @RegisterExtension static final ChromiumBrowser browser = new ChromiumBrowser();}</pre>
 */
public final class ChromiumBrowser implements BeforeAllCallback, AfterAllCallback {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private WebDriver driver;
    private Path screenshotDir;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException(CHROMIUM + " or " + CHROMEDRIVER + " is missing: run the test command "
                + "(./test.sh), which installs Debian's chromium and chromium-driver");
        }
        Path outputDir = TestSettings.outputDir();
        String testClass = context.getRequiredTestClass().getSimpleName();
        screenshotDir = Files.createDirectories(outputDir.resolve("screenshots").resolve(testClass));
        Path profile = Files.createTempDirectory(Files.createDirectories(outputDir.resolve("tmp")), "chromium-profile-");

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
            "--disable-quic", "--window-size=1280,1400", "--lang=en-US", "--user-data-dir=" + profile);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-US,en"));
        ChromeDriverService service = new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .withLogFile(outputDir.resolve("chromedriver-" + testClass + ".log").toFile())
            .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (driver != null) {
            driver.quit();
        }
    }

    public WebDriver driver() {
        return driver;
    }

    /** Waits for a condition on the page, e.g. an element to appear after a navigation. */
    public WebDriverWait waitUpTo(Duration timeout) {
        return new WebDriverWait(driver, timeout);
    }

    /** Saves a PNG of the current page as {@code target/screenshots/<TestClass>/<name>.png}. */
    public Path screenshot(String name) {
        try {
            Path file = screenshotDir.resolve(name + ".png");
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
