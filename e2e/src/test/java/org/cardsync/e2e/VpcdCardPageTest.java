package org.cardsync.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.cardsync.agent.it.PcscStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The card terminal page ({@code /terminal.html}) against a card behind the real PC/SC stack: pcscd with
 * vsmartcard-vpcd, the demo card (the real applet) put into vpcd's reader by the agent's own {@code vpcd-card}
 * host, and the agent on PC/SC only (no simulated reader). pcscd and vpcd's ports are one per machine: this class holds the same
 * machine-wide lock as the agent's PC/SC tests while it uses them.
 */
class VpcdCardPageTest {
    private static final String DEMO_CARD = "0102030405060708";
    private static final String DEMO_AID = "f04341524453594e4301";
    private static final String READER = PcscStack.VPCD_READER;

    private static final Path OUTPUT = Path.of(System.getProperty("e2e.outputDir", "target"));
    private static final Path CHROMIUM = Path.of(System.getProperty("e2e.chromium", "/usr/bin/chromium"));

    private static PcscStack pcsc;
    private static ManagedProcess vpcdCard;
    private static BackendServer backend;
    private static BridgeAgent agent;
    private static SystemChromium chromium;

    @BeforeAll
    static void startSystem() throws Exception {
        SystemChromium.assertInstalled(CHROMIUM);
        PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
        PcscStack.acquireMachineLock();
        pcsc = PcscStack.ensureRunning();
        Path agentJar = Path.of(System.getProperty("e2e.agentJar"));
        Path home = Files.createTempDirectory(Files.createDirectories(OUTPUT.resolve("agent-home")), "vpcd-");
        vpcdCard = ManagedProcess.start("vpcd card", List.of(ManagedProcess.java(), "-jar", agentJar.toString(),
                        "vpcd-card", "--port", String.valueOf(PcscStack.VPCD_PORT),
                        "--data-dir", home.resolve("card").toString(), "--config-dir", home.resolve("config").toString()),
                home, OUTPUT.resolve("e2e-logs").resolve("vpcd-card.log"));
        backend = BackendServer.start(Path.of(System.getProperty("e2e.backendJar")), OUTPUT);
        agent = BridgeAgent.start(agentJar, OUTPUT, backend.baseUrl(), false);
        vpcdCard.awaitReady("the demo card in vpcd's reader", () -> vpcdCard.logContains("inserted into vpcd reader"),
                Duration.ofSeconds(60));
        backend.awaitReady();
        agent.awaitReady();
        chromium = SystemChromium.launch(CHROMIUM);
    }

    @AfterAll
    static void stopSystem() throws Exception {
        try {
            for (AutoCloseable c : new AutoCloseable[] {chromium, agent, vpcdCard, backend}) {
                if (c != null) {
                    c.close();
                }
            }
            if (vpcdCard != null) {
                PcscStack.awaitCardAbsent(READER);
            }
        } finally {
            // whatever failed above, a pcscd started here must not outlive the run: the next run's PC/SC
            // integration test refuses to start beside one
            try {
                if (pcsc != null) {
                    pcsc.stop();
                }
            } finally {
                PcscStack.releaseMachineLock();
            }
        }
    }

    @Test
    void vpcdCardBehindPcscd_userChoosesItsReader_andThePageSynchronisesIt() throws Exception {
        OperatorApi helpdesk = new OperatorApi(backend.baseUrl(), "helpdesk");
        long applicationId = helpdesk.applicationId(DEMO_CARD, DEMO_AID);
        long actionId = helpdesk.queueCredit(applicationId, 250);

        try (BrowserContext context = chromium.browser().newContext()) {
            Page page = context.newPage();
            page.navigate(backend.baseUrl() + "/terminal.html?agent=" + agent.url());
            assertThat(page.getByTestId("agent-status")).hasAttribute("data-state", "connected");

            Locator reader = page.locator("[data-testid=reader-item][data-reader='" + READER + "']");
            assertThat(reader.getByTestId("reader-card-state")).hasText("card present");
            assertThat(page.locator("[data-testid=reader-item]")).not().hasCount(0);
            reader.getByTestId("reader-radio").check();

            assertThat(page.getByTestId("card-id")).hasText(DEMO_CARD);
            assertThat(page.getByTestId("card-balance")).hasText("1000");
            page.getByTestId("sync-button").click();

            assertThat(page.getByTestId("sync-applied")).hasText("1 action applied");
            assertThat(page.getByTestId("sync-balance")).hasText("1000 \u2192 1250");
            assertThat(page.getByTestId("sync-error")).hasCount(0);
            page.screenshot(new Page.ScreenshotOptions().setPath(OUTPUT.resolve("card-terminal-vpcd-after-sync.png"))
                    .setFullPage(true));
        }
        assertThat(helpdesk.actionState(applicationId, actionId)).isEqualTo("EXECUTED");
    }
}
