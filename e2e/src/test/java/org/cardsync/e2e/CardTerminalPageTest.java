package org.cardsync.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The developers' card terminal page ({@code /terminal.html}; the customer portal at {@code /} has its own tests)
 * in headless Chromium, end to end: the page served by the packaged backend (demo profile, demo card
 * 0102030405060708), the packaged bridge agent with its simulated demo card, each its own process. The agent
 * allows the page's origin {@code http://localhost:<port>} only.
 */
class CardTerminalPageTest {

    private static final String DEMO_CARD = "0102030405060708";
    private static final String DEMO_AID = "f04341524453594e4301";
    private static final String SIMULATED_READER = "cardsync Simulated Reader";

    /** Credited by the helpdesk in the synchronisation test. */
    private static final long CREDIT = 250;
    /** Surefire runs in the module's directory. */
    private static final Path TEST_VECTORS = Path.of("..", "docs", "test-vectors.json");

    private static final Path OUTPUT = Path.of(System.getProperty("e2e.outputDir", "target"));
    private static final Path CHROMIUM = Path.of(System.getProperty("e2e.chromium", "/usr/bin/chromium"));

    private static BackendServer backend;
    private static BridgeAgent agent;
    private static SystemChromium chromium;

    private BrowserContext context;
    private Page page;

    @BeforeAll
    static void startSystem() throws Exception {
        SystemChromium.assertInstalled(CHROMIUM);
        // Page assertions wait for their condition; this is how long at most (a loaded CI machine).
        PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
        backend = BackendServer.start(Path.of(System.getProperty("e2e.backendJar")), OUTPUT);
        agent = BridgeAgent.start(Path.of(System.getProperty("e2e.agentJar")), OUTPUT, backend.baseUrl());
        // The browser starts while both servers do.
        CompletableFuture<SystemChromium> browser = CompletableFuture.supplyAsync(() -> SystemChromium.launch(CHROMIUM));
        backend.awaitReady();
        agent.awaitReady();
        chromium = browser.join();
    }

    @AfterAll
    static void stopSystem() {
        try {
            if (chromium != null) {
                chromium.close();
            }
        } finally {
            try {
                if (agent != null) {
                    agent.close();
                }
            } finally {
                if (backend != null) {
                    backend.close();
                }
            }
        }
    }

    @BeforeEach
    void openBrowser(TestInfo test) {
        context = chromium.browser().newContext();
        page = context.newPage();
        String name = test.getTestMethod().map(m -> m.getName()).orElse("?");
        page.onConsoleMessage(m -> appendToLog("browser-console.log", name + " [" + m.type() + "] " + m.text()));
        page.onPageError(e -> appendToLog("browser-console.log", name + " [pageerror] " + e));
    }

    @AfterEach
    void closeBrowser() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void allowedOrigin_listsSimulatedReaderAndShowsCardStatus() throws Exception {
        openTerminal(backend.baseUrl());

        assertThat(page.getByTestId("backend-status")).containsText("up");
        assertThat(page.getByTestId("agent-status")).hasAttribute("data-state", "connected");
        assertThat(page.getByTestId("agent-status")).containsText("simulated card available");
        Locator reader = simulatedReader();
        assertThat(reader).hasCount(1);
        assertThat(reader.getByTestId("reader-card-state")).hasText("card present");
        assertThat(reader.getByTestId("reader-radio")).isChecked();

        assertThat(page.getByTestId("card-id")).hasText(DEMO_CARD);
        assertThat(page.getByTestId("card-aid")).hasText(DEMO_AID);
        assertThat(page.getByTestId("card-state")).hasText("ACTIVE");
        // What the server last verified in the card's signed messages (or, before any, the card's personalisation):
        // the page must show exactly that, whichever test ran first.
        JsonNode known = new OperatorApi(backend.baseUrl(), "helpdesk").application(DEMO_CARD, DEMO_AID);
        assertThat(page.getByTestId("card-balance")).hasText(String.valueOf(balanceServerLastSaw(known)));
        assertThat(page.getByTestId("card-ca")).hasText(known.path("confirmedCa").asText());
        assertThat(page.getByTestId("card-atc")).hasText(known.path("lastAtc").asText());
        assertThat(page.getByTestId("card-status-note")).containsText("without authentication");
    }

    @Test
    void simulatedCardButtons_removeThenInsert_pageShowsCardAbsentThenPresent() {
        openTerminal(backend.baseUrl());
        assertThat(page.getByTestId("card-id")).hasText(DEMO_CARD);

        page.getByTestId("sim-remove").click();

        assertThat(page.locator("[data-testid=agent-event][data-event=card-removed]").first())
                .containsText("card absent from " + SIMULATED_READER);
        assertThat(simulatedReader().getByTestId("reader-card-state")).hasText("card absent");
        assertThat(page.getByTestId("card-absent")).isVisible();
        assertThat(page.getByTestId("card-id")).hasCount(0);
        assertThat(page.getByTestId("sync-button")).isDisabled();
        screenshot("card-terminal-card-removed.png");

        page.getByTestId("sim-insert").click();

        assertThat(page.locator("[data-testid=agent-event][data-event=card-inserted]").first())
                .containsText("card present in " + SIMULATED_READER);
        assertThat(simulatedReader().getByTestId("reader-card-state")).hasText("card present");
        assertThat(page.getByTestId("card-absent")).hasCount(0);
        // Reinserted: the page reads the card's identity again.
        assertThat(page.getByTestId("card-id")).hasText(DEMO_CARD);
        assertThat(page.getByTestId("sync-button")).isEnabled();
    }

    @Test
    void synchronise_creditQueuedByHelpdesk_pageReportsItAppliedAndOperatorApiShowsItExecuted() throws Exception {
        OperatorApi helpdesk = new OperatorApi(backend.baseUrl(), "helpdesk");
        long before = balanceServerLastSaw(helpdesk.application(DEMO_CARD, DEMO_AID));
        long applicationId = helpdesk.applicationId(DEMO_CARD, DEMO_AID);
        long actionId = helpdesk.queueCredit(applicationId, CREDIT);
        assertThat(helpdesk.actionState(applicationId, actionId)).isEqualTo("QUEUED");

        openTerminal(backend.baseUrl());
        assertThat(page.getByTestId("card-balance")).hasText(String.valueOf(before));
        page.getByTestId("sync-button").click();

        long after = before + CREDIT;
        assertThat(page.getByTestId("sync-applied")).hasText("1 action applied");
        assertThat(page.getByTestId("sync-settlement-ack")).hasText("1 executed, 0 requeued");
        assertThat(page.getByTestId("sync-balance")).hasText(before + " \u2192 " + after);
        assertThat(page.getByTestId("card-balance")).hasText(String.valueOf(after));
        for (String step : new String[] {"connect", "select", "status", "request", "post-request", "script", "ack",
            "post-ack", "reread"}) {
            assertThat(page.locator("[data-testid=sync-step][data-step=" + step + "]"))
                    .hasAttribute("data-state", "done");
        }
        assertThat(page.locator("[data-testid=sync-step][data-step=script]")).containsText("accepted 1 command");
        assertThat(page.getByTestId("sync-error")).hasCount(0);
        screenshot("card-terminal-after-sync.png");

        assertThat(helpdesk.actionState(applicationId, actionId)).isEqualTo("EXECUTED");
        assertThat(helpdesk.application(DEMO_CARD, DEMO_AID).path("lastBalance").asLong())
                .as("the balance in the card's signed ACK").isEqualTo(after);
    }

    @Test
    void foreignOrigin_notOnAgentsAllowList_pageShowsRefusedMessageAndNoReader() {
        openTerminal(backend.foreignBaseUrl());

        assertThat(page.getByTestId("agent-status")).hasAttribute("data-state", "unreachable");
        assertThat(page.getByTestId("agent-refused")).containsText(
                "the agent refused this page's origin or is not running", caseInsensitive());
        assertThat(page.getByTestId("agent-refused")).containsText(
                "cardsync-agent allow-origin " + backend.foreignBaseUrl());
        assertThat(page.getByTestId("reader-item")).hasCount(0);
        assertThat(page.getByTestId("card-id")).hasCount(0);
        screenshot("card-terminal-foreign-origin.png");
        // It was the agent's origin check that refused the page, not an agent that is down.
        agent.awaitLog("origin " + backend.foreignBaseUrl() + " is not on the allow-list", Duration.ofSeconds(20));
        assertThat(agent.log()).as("the agent's log names each page it accepted with its origin in brackets")
                .doesNotContain("(" + backend.foreignBaseUrl() + ")");
    }

    /**
     * The balance the card should hold: the one in its last signed message the server accepted, or before any
     * (a fresh demo card) the balance it was personalised with, from docs/test-vectors.json (the demo card is
     * the vectors' personalisation).
     */
    private static long balanceServerLastSaw(JsonNode application) throws IOException {
        JsonNode last = application.path("lastBalance");
        if (!last.isMissingNode() && !last.isNull()) {
            return last.asLong();
        }
        JsonNode personalisation = new ObjectMapper().readTree(TEST_VECTORS.toFile()).path("personalisation").get(0);
        assertThat(personalisation.path("cardId").asText()).isEqualToIgnoringCase(DEMO_CARD);
        return personalisation.path("balance").asLong();
    }

    private void openTerminal(String baseUrl) {
        page.navigate(baseUrl + "/terminal.html?agent=" + agent.url());
    }

    /** A picture of the whole page under target/, for people to look at. */
    private void screenshot(String file) {
        page.screenshot(new Page.ScreenshotOptions().setPath(OUTPUT.resolve(file)).setFullPage(true));
    }

    private Locator simulatedReader() {
        return page.locator("[data-testid=reader-item][data-reader='" + SIMULATED_READER + "']");
    }

    private static LocatorAssertions.ContainsTextOptions caseInsensitive() {
        return new LocatorAssertions.ContainsTextOptions().setIgnoreCase(true);
    }

    private static synchronized void appendToLog(String file, String line) {
        try {
            Path log = Files.createDirectories(OUTPUT.resolve("e2e-logs")).resolve(file);
            Files.writeString(log, line + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // A lost console line must not fail a test.
        }
    }
}
