package org.cardsync.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * One started system for a class of portal tests: the packaged backend (demo profile) on its own PostgreSQL, the
 * packaged bridge agent with the simulated demo card (the real applet on jcardsim), and Debian's Chromium, each
 * its own process. The agent allows the portal's origin {@code http://localhost:<port>} (as a user would, with
 * allow-origin) plus what the class adds. Screenshots go to target/screenshots, browser console lines to
 * target/e2e-logs/browser-console.log.
 */
final class PortalFixture implements AutoCloseable {

    static final String DEMO_CARD = "0102030405060708";
    /** Application 1 of the demo card, "City transit purse" (demo/demo-card.json). */
    static final String TRANSIT_AID = "f04341524453594e4301";
    /** Application 2 of the demo card, "Campus card". */
    static final String CAMPUS_AID = "f04341524453594e4302";

    static final Path OUTPUT = Path.of(System.getProperty("e2e.outputDir", "target"));
    static final Path CHROMIUM = Path.of(System.getProperty("e2e.chromium", "/usr/bin/chromium"));
    static final Path BACKEND_JAR = Path.of(System.getProperty("e2e.backendJar", "../backend/target/quarkus-app/quarkus-run.jar"));
    static final Path AGENT_JAR = Path.of(System.getProperty("e2e.agentJar", "../bridge-agent/target/cardsync-agent.jar"));
    static final Path SCREENSHOTS = OUTPUT.resolve("screenshots");

    /** A phone's width: the narrowest the portal must fit without horizontal scrolling. */
    static final int PHONE_WIDTH = 360;

    final BackendServer backend;
    final BridgeAgent agent;
    final SystemChromium chromium;

    private PortalFixture(BackendServer backend, BridgeAgent agent, SystemChromium chromium) {
        this.backend = backend;
        this.agent = agent;
        this.chromium = chromium;
    }

    /**
     * Starts everything and waits until it is ready.
     *
     * @param name names the logs: e2e-logs/backend-{@code name}.log, agent-{@code name}.log
     * @param agentRunOptions more {@code cardsync-agent run} options (e.g. {@code --allow-origin} for this run), given
     *     the started backend
     */
    static PortalFixture start(String name, List<String> backendProperties,
            Function<BackendServer, List<String>> agentRunOptions) throws Exception {
        SystemChromium.assertInstalled(CHROMIUM);
        // Page assertions wait for their condition; this is how long at most (a loaded CI machine).
        PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
        BackendServer backend = BackendServer.start(BACKEND_JAR, OUTPUT, backendProperties, "backend-" + name);
        BridgeAgent agent = null;
        SystemChromium chromium = null;
        try {
            agent = BridgeAgent.start(AGENT_JAR, OUTPUT, backend.baseUrl(), true, agentRunOptions.apply(backend),
                    "agent-" + name);
            CompletableFuture<SystemChromium> browser = CompletableFuture.supplyAsync(() -> SystemChromium.launch(CHROMIUM));
            backend.awaitReady();
            agent.awaitReady();
            chromium = browser.join();
            return new PortalFixture(backend, agent, chromium);
        } catch (Exception | Error e) {
            closeAll(chromium, agent, backend);
            throw e;
        }
    }

    /** A fresh browser (own cookies and storage) of {@code browser}, {@code width} pixels wide, British English. */
    static BrowserContext newContext(Browser browser, String testName, int width) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setLocale("en-GB")
                .setTimezoneId("Europe/London")
                .setViewportSize(width, width < 600 ? 740 : 900));
        context.onPage(page -> {
            page.onConsoleMessage(m -> appendToLog("browser-console.log", testName + " [" + m.type() + "] " + m.text()));
            page.onPageError(e -> appendToLog("browser-console.log", testName + " [pageerror] " + e));
        });
        return context;
    }

    BrowserContext newContext(String testName) {
        return newContext(chromium.browser(), testName, 1280);
    }

    /** The portal at {@code route} (e.g. {@code /cards}) of the backend at {@code baseUrl}, using the agent at {@code agentUrl}. */
    static String portalUrl(String baseUrl, String agentUrl, String route) {
        return baseUrl + "/?agent=" + agentUrl + "#" + route;
    }

    /** The portal on localhost with this class's agent. */
    String portalUrl(String route) {
        return portalUrl(backend.baseUrl(), agent.url(), route);
    }

    OperatorApi helpdesk() {
        return new OperatorApi(backend.baseUrl(), "helpdesk");
    }

    OperatorApi admin() {
        return new OperatorApi(backend.baseUrl(), "admin");
    }

    /** The test's own line to this class's agent. */
    AgentControl agentControl() {
        return agent.control(backend.baseUrl());
    }

    /** A picture of the whole page in target/screenshots, kept as a build artefact. */
    static void screenshot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
    }

    /** The page does not scroll sideways: nothing is wider than the window. */
    static void assertNoHorizontalScroll(Page page, String screen) {
        Object widths = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        List<?> w = (List<?>) widths;
        assertThat(((Number) w.get(0)).intValue()).as("%s: scrollWidth <= clientWidth (%s)", screen, w)
                .isLessThanOrEqualTo(((Number) w.get(1)).intValue());
    }

    static synchronized void appendToLog(String file, String line) {
        try {
            Path log = Files.createDirectories(OUTPUT.resolve("e2e-logs")).resolve(file);
            Files.writeString(log, line + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // A lost console line must not fail a test.
        }
    }

    private static void closeAll(AutoCloseable... parts) {
        for (AutoCloseable part : parts) {
            if (part != null) {
                try {
                    part.close();
                } catch (Exception e) {
                    // Closing the rest matters more than this one's failure.
                }
            }
        }
    }

    @Override
    public void close() {
        closeAll(chromium, agent, backend);
    }
}
