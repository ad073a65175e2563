package org.cardsync.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.cardsync.e2e.PortalFixture.DEMO_CARD;
import static org.cardsync.e2e.PortalFixture.TRANSIT_AID;
import static org.cardsync.e2e.PortalFixture.screenshot;

import com.microsoft.playwright.BrowserContext;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The helpdesk console follows a card live, without a reload: a customer tops up in one browser, the console open on
 * that application in another shows the credit executed. Two backend instances (separate JVMs) share one PostgreSQL,
 * as behind a load balancer: the console on instance A sees what the card settles on instance A and on instance B
 * (the change notices go through PostgreSQL LISTEN/NOTIFY). What the card holds is read from the card itself.
 */
class ConsoleLiveTest {

    private static ConsoleFixture system;
    private static long transitId;

    private BrowserContext helpdeskContext;
    private BrowserContext customerContext;

    @BeforeAll
    static void startSystem() throws Exception {
        system = ConsoleFixture.start("live", 2);
        transitId = system.helpdeskApi().applicationId(DEMO_CARD, TRANSIT_AID);
    }

    @AfterAll
    static void stopSystem() {
        if (system != null) {
            system.close();
        }
    }

    @BeforeEach
    void cardInTheReader() {
        try (AgentControl agent = system.agentControl()) {
            agent.insertCard();
        }
    }

    @AfterEach
    void closeBrowsers() {
        for (BrowserContext context : new BrowserContext[] {helpdeskContext, customerContext}) {
            if (context != null) {
                context.close();
            }
        }
        helpdeskContext = null;
        customerContext = null;
    }

    @Test
    void customerTopsUpOnInstanceA_theConsoleShowsTheCreditExecutedLive() throws Exception {
        assertSettlesLive(system.a(), "2.50", 250, "console-live-same-instance");
    }

    @Test
    void customerTopsUpOnInstanceB_theConsoleOnInstanceASeesTheCardSettle() throws Exception {
        assertSettlesLive(system.b(), "3.75", 375, "console-live-other-instance");
    }

    /**
     * The helpdesk opens the transit application on instance A; the customer tops up {@code amount} on
     * {@code portalBackend} and their card synchronises there. The console shows the credit executed and the new
     * counters, in the same document it had before (no reload).
     */
    private void assertSettlesLive(BackendServer portalBackend, String amount, long minor, String shot) throws Exception {
        long balanceBefore = cardStatus().balance();
        helpdeskContext = system.newContext("console-helpdesk");
        ConsoleSession console = ConsoleSession.signIn(helpdeskContext, system.a().baseUrl(), "helpdesk");
        console.openApplication(transitId);
        console.markDocument();

        customerContext = system.newContext("console-customer");
        List<String> terminalHosts = new CopyOnWriteArrayList<>();
        customerContext.onRequest(request -> {
            if (request.url().contains("/api/terminal/")) {
                URI uri = URI.create(request.url());
                terminalHosts.add(uri.getHost() + ":" + uri.getPort());
            }
        });
        CustomerPortal portal = CustomerPortal.open(system, customerContext, portalBackend, "alice", transitId);
        long creditId = portal.topUpAndPay(amount);

        // The row appears and settles on the console without anyone touching it.
        console.awaitActionState(creditId, "EXECUTED");
        assertThat(console.page.getByTestId("recent-list").locator(
                "[data-testid=action-row][data-action-id='" + creditId + "']")).isVisible();
        assertThat(console.actionRow(creditId)).containsText(amountShown(minor));
        console.assertNotReloaded();
        screenshot(console.page, shot);

        customerContext.close();
        customerContext = null;
        assertThat(terminalHosts).as("the card's messages went to the portal's instance only").isNotEmpty()
                .allMatch(host -> host.equals("localhost:" + portalBackend.port()));
        AgentControl.CardStatus card = cardStatus();
        assertThat(card.balance()).as("the card's own balance").isEqualTo(balanceBefore + minor);
        // The counters the console shows are the ones the card signed.
        assertThat(console.page.getByTestId("app-confirmed-ca")).containsText(String.valueOf(card.ca()));
        assertThat(console.page.getByTestId("app-last-atc")).containsText(String.valueOf(card.atc()));
        console.assertNotReloaded();
    }

    /** How a console shows an amount of the euro application in British English: 250 → "2.50". */
    private static String amountShown(long minor) {
        return String.format(java.util.Locale.UK, "%,d.%02d", minor / 100, minor % 100);
    }

    private static AgentControl.CardStatus cardStatus() {
        try (AgentControl agent = system.agentControl()) {
            return agent.readStatus(TRANSIT_AID);
        }
    }
}
