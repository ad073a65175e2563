package org.cardsync.e2e;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Debian's Chromium driven by Playwright. Playwright does not download a browser here (the machines reach
 * package registries only): it launches the system's {@code /usr/bin/chromium}, which scripts/test
 * installs. A missing browser fails the tests with the command that installs it; it never skips them.
 */
final class SystemChromium implements AutoCloseable {

    /** Quiet, reproducible, no background traffic: only the page talks, and only to this machine. */
    private static final List<String> ARGS = List.of(
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync");

    private final Playwright playwright;
    private final Browser browser;

    private SystemChromium(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    /** Fails (never skips) when the browser is missing. */
    static void assertInstalled(Path executable) {
        if (!Files.isExecutable(executable)) {
            throw new AssertionError("no Chromium at " + executable + ": the browser tests need the Debian packages"
                    + " chromium and chromium-driver. Install them with: sudo apt-get install chromium chromium-driver"
                    + " (./scripts/test does it when it runs as root or with sudo)");
        }
    }

    static SystemChromium launch(Path executable) {
        assertInstalled(executable);
        Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        try {
            Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(executable)
                    .setHeadless(true)
                    .setArgs(ARGS));
            return new SystemChromium(playwright, browser);
        } catch (RuntimeException e) {
            playwright.close();
            throw e;
        }
    }

    /** A fresh browser context: its own profile, cookies and storage. */
    Browser browser() {
        return browser;
    }

    @Override
    public void close() {
        try {
            browser.close();
        } finally {
            playwright.close();
        }
    }
}
