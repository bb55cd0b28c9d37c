package io.kronforce.controller.dashboard;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One headless Chromium per test class: the system's {@code /usr/bin/chromium} (installed by
 * {@code .ci/run}), driven by Playwright, which is told never to download a browser of its own.
 */
final class Chromium implements AutoCloseable {
    static final Path EXECUTABLE =
            Path.of(System.getenv().getOrDefault("KRONFORCE_TEST_CHROMIUM", "/usr/bin/chromium"));

    private final Playwright playwright;
    private final Browser browser;

    private Chromium(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    static Chromium launch() {
        if (!Files.isExecutable(EXECUTABLE)) {
            throw new IllegalStateException(EXECUTABLE + " is missing: install Debian's chromium (.ci/run does)");
        }
        Playwright pw = Playwright.create(
                new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        // --no-sandbox: the suite runs as root in CI, where Chromium's sandbox refuses to start.
        Browser b = pw.chromium()
                .launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(EXECUTABLE)
                        .setArgs(List.of("--no-sandbox"))
                        .setHeadless(true));
        return new Chromium(pw, b);
    }

    /** A fresh profile (no cookies, no storage) with a page whose problems are recorded. */
    WatchedPage open(String baseUrl) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setBaseURL(baseUrl)
                .setViewportSize(1280, 860)
                .setLocale("en-GB")
                .setTimezoneId("Europe/Berlin"));
        Page page = context.newPage();
        return new WatchedPage(context, page);
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
