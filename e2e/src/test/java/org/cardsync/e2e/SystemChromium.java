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
        return launch(executable, List.of());
    }

    /** With {@code extraArgs} after the usual ones (e.g. {@link #publicAddressSpace}). */
    static SystemChromium launch(Path executable, List<String> extraArgs) {
        assertInstalled(executable);
        List<String> args = new java.util.ArrayList<>(ARGS);
        args.addAll(extraArgs);
        Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        try {
            Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(executable)
                    .setHeadless(true)
                    .setArgs(args));
            return new SystemChromium(playwright, browser);
        } catch (RuntimeException e) {
            playwright.close();
            throw e;
        }
    }

    /**
     * The switch that makes this browser count the server on 127.0.0.1:{@code port} as a public web site, as a
     * portal on the internet is, so that Local Network Access applies to its pages: they need the
     * "loopback-network" permission before they may open ws://127.0.0.1 (Chromium's policy
     * LocalNetworkAccessIpAddressSpaceOverrides documents the form {@code <ip>:<port>=public|local|loopback}).
     * Only that address and port: the same server reached as {@code localhost} may resolve to it too, so a test
     * that needs a local origin uses a browser launched without this switch.
     */
    static String publicAddressSpace(int port) {
        return "--ip-address-space-overrides=127.0.0.1:" + port + "=public";
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
