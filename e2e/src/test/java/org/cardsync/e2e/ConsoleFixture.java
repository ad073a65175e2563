package org.cardsync.e2e;

import static org.cardsync.e2e.PortalFixture.AGENT_JAR;
import static org.cardsync.e2e.PortalFixture.BACKEND_JAR;
import static org.cardsync.e2e.PortalFixture.CHROMIUM;
import static org.cardsync.e2e.PortalFixture.OUTPUT;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One started system for a class of console tests: one PostgreSQL, one or more backend instances on it (each its
 * own JVM, demo profile, as a load-balanced deployment runs them), the bridge agent with the simulated demo card
 * allowing every instance's origin, and Debian's Chromium. Instance A ({@link #a()}) starts first and alone, so
 * that it migrates and seeds the database before the others start on it.
 */
final class ConsoleFixture implements AutoCloseable {

    final PostgresServer database;
    final List<BackendServer> backends;
    final BridgeAgent agent;
    final SystemChromium chromium;

    private ConsoleFixture(PostgresServer database, List<BackendServer> backends, BridgeAgent agent,
            SystemChromium chromium) {
        this.database = database;
        this.backends = backends;
        this.agent = agent;
        this.chromium = chromium;
    }

    /**
     * Starts everything and waits until it is ready.
     *
     * @param name names the logs: e2e-logs/console-{@code name}-a.log (-b, ...), -postgres.log, -agent.log
     * @param instances how many backend instances share the database (1 or more)
     */
    static ConsoleFixture start(String name, int instances) throws Exception {
        SystemChromium.assertInstalled(CHROMIUM);
        PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
        String prefix = "console-" + name;
        Path data = Files.createTempDirectory(Files.createDirectories(OUTPUT), "postgres-").resolve("data");
        PostgresServer database = PostgresServer.start(data, OUTPUT.resolve("e2e-logs/" + prefix + "-postgres.log"));
        List<BackendServer> backends = new ArrayList<>();
        BridgeAgent agent = null;
        CompletableFuture<SystemChromium> browser = null;
        try {
            browser = CompletableFuture.supplyAsync(() -> SystemChromium.launch(CHROMIUM));
            BackendServer a = BackendServer.start(BACKEND_JAR, OUTPUT, database, prefix + "-a", List.of());
            backends.add(a);
            a.awaitReady();
            List<String> agentOptions = new ArrayList<>();
            for (int i = 1; i < instances; i++) {
                BackendServer other = BackendServer.start(BACKEND_JAR, OUTPUT, database,
                        prefix + "-" + (char) ('a' + i), List.of());
                backends.add(other);
                // The customer's portal may be served by any instance: the user allowed each origin.
                agentOptions.addAll(List.of("--allow-origin", other.baseUrl()));
            }
            agent = BridgeAgent.start(AGENT_JAR, OUTPUT, a.baseUrl(), true, agentOptions, prefix + "-agent");
            for (BackendServer backend : backends) {
                backend.awaitReady();
            }
            agent.awaitReady();
            return new ConsoleFixture(database, List.copyOf(backends), agent, browser.join());
        } catch (Exception | Error e) {
            if (browser != null) {
                browser.thenAccept(SystemChromium::close);
            }
            List<AutoCloseable> parts = new ArrayList<>();
            parts.add(agent);
            parts.addAll(backends);
            parts.add(database);
            closeAll(parts);
            throw e;
        }
    }

    /** Instance A: where the console is opened. */
    BackendServer a() {
        return backends.get(0);
    }

    /** Instance B: another JVM on the same database. */
    BackendServer b() {
        return backends.get(1);
    }

    /** A fresh desktop-wide browser context (own cookies and storage). */
    BrowserContext newContext(String testName) {
        return PortalFixture.newContext(chromium.browser(), testName, 1280);
    }

    BrowserContext newContext(String testName, int width) {
        return PortalFixture.newContext(chromium.browser(), testName, width);
    }

    /**
     * The customer {@code user}'s portal on {@code backend} at {@code route}, in its own context {@code context}:
     * signed in through the API (the portal's own sign-in is PortalCardJourneyTest's), with this system's agent.
     */
    Page openPortal(BrowserContext context, BackendServer backend, String user, String route) {
        new CustomerSession(context, backend.baseUrl()).signIn(user);
        Page page = context.newPage();
        page.navigate(PortalFixture.portalUrl(backend.baseUrl(), agent.url(), route));
        return page;
    }

    /** The test's own line to the agent, as a page of instance A. */
    AgentControl agentControl() {
        return agent.control(a().baseUrl());
    }

    OperatorApi helpdeskApi() {
        return new OperatorApi(a().baseUrl(), "helpdesk");
    }

    private static void closeAll(List<? extends AutoCloseable> parts) {
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
        List<AutoCloseable> parts = new ArrayList<>();
        parts.add(chromium);
        parts.add(agent);
        parts.addAll(backends);
        parts.add(database);
        closeAll(parts);
    }
}
