package org.cardsync.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.cardsync.e2e.PortalFixture.DEMO_CARD;
import static org.cardsync.e2e.PortalFixture.TRANSIT_AID;
import static org.cardsync.e2e.PortalFixture.screenshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The helpdesk's acts in the console, each checked where it matters: on the card (read through the agent), on the
 * page the helpdesk sees, and in the audit trail (who and why). Cancel a queued action, cancel actions in flight
 * (the card pulled in the middle of its script) and learn what the card proved, and resync an application a counter
 * anomaly froze. Ordered only to keep the story readable; each test starts with the card in its reader.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleActsTest {

    private static ConsoleFixture system;
    private static long transitId;

    private BrowserContext helpdeskContext;
    private BrowserContext customerContext;

    @BeforeAll
    static void startSystem() throws Exception {
        system = ConsoleFixture.start("acts", 1);
        transitId = system.helpdeskApi().applicationId(DEMO_CARD, TRANSIT_AID);
    }

    @AfterAll
    static void stopSystem() {
        if (system != null) {
            system.close();
        }
    }

    /** Every test starts with the card in its reader and nothing waiting for it, whatever the one before left. */
    @BeforeEach
    void cardInTheReaderAndNothingQueued() throws Exception {
        try (AgentControl agent = system.agentControl()) {
            agent.insertCard();
        }
        system.helpdeskApi().cancelQueued(transitId);
    }

    @AfterEach
    void closeBrowsers() {
        closeCustomer();
        if (helpdeskContext != null) {
            helpdeskContext.close();
            helpdeskContext = null;
        }
    }

    @Test
    @Order(1)
    void cancelAQueuedAction_itNeverReachesTheCard_andTheAuditSaysWhoAndWhy() throws Exception {
        long balanceBefore = cardStatus().balance();
        // The customer is away from their computer: nothing synchronises while the helpdesk acts.
        try (AgentControl agent = system.agentControl()) {
            agent.removeCard();
        }
        ConsoleSession console = helpdesk();
        console.openApplication(transitId);
        long before = newestActionId();
        console.queueCredit("30.00", "goodwill credit, ticket 4711");
        long unwanted = newestActionId();
        assertThat(unwanted).as("the queued credit").isGreaterThan(before);
        assertThat(console.page.getByTestId("pending-list").locator(
                "[data-testid=action-row][data-action-id='" + unwanted + "']")).hasAttribute("data-state", "QUEUED");
        long wanted = system.helpdeskApi().queueCredit(transitId, 100);
        console.awaitActionState(wanted, "QUEUED");

        String why = "customer called: the goodwill credit was a duplicate";
        console.act(console.actionRow(unwanted).getByTestId("action-cancel"), why);
        console.awaitActionState(unwanted, "CANCELLED");
        assertThat(console.actionRow(unwanted).getByTestId("action-state")).containsText("Cancelled");
        assertThat(console.actionRow(unwanted).getByTestId("action-reason")).containsText("cancelled by helpdesk");
        screenshot(console.page, "console-cancelled-queued");

        // The customer comes back: the card goes in, the portal synchronises, only the other credit runs.
        customerContext = system.newContext("console-acts-customer");
        CustomerPortal portal = CustomerPortal.open(system, customerContext, system.a(), "alice", transitId);
        try (AgentControl agent = system.agentControl()) {
            agent.insertCard();
        }
        console.awaitActionState(wanted, "EXECUTED");
        assertThat(console.actionRow(unwanted)).hasAttribute("data-state", "CANCELLED");
        String portalSeen = portal.session.get("/api/portal/cards").toString();
        closeCustomer();
        assertThat(cardStatus().balance()).as("the card's balance: the 1.00 credit, never the cancelled 30.00")
                .isEqualTo(balanceBefore + 100);

        Locator cancelled = console.auditRow("ACTION_CANCELLED").filter(new Locator.FilterOptions().setHasText(why));
        assertThat(cancelled).hasCount(1);
        assertThat(cancelled.getByTestId("audit-actor")).containsText("helpdesk");
        assertThat(cancelled.getByTestId("audit-comment")).containsText(why);
        // The customer's own view never shows staff names or their comments.
        assertThat(portalSeen).doesNotContain("helpdesk").doesNotContain(why);
    }

    @Test
    @Order(2)
    void cancelActionsInFlight_thePageSaysCancelPending_thenWhatTheCardProved() throws Exception {
        long balanceBefore = cardStatus().balance();
        ConsoleSession console = helpdesk();
        console.openApplication(transitId);
        customerContext = system.newContext("console-acts-customer");
        CustomerPortal portal = CustomerPortal.open(system, customerContext, system.a(), "alice", transitId);
        long ran;
        long notRun;
        try (AgentControl agent = system.agentControl()) {
            agent.removeCard();
            OperatorApi api = system.helpdeskApi();
            ran = api.queueCredit(transitId, 111);
            notRun = api.queueCredit(transitId, 222);
            // The card goes in; right after the first EXECUTE of the script it is pulled: the first credit is on
            // the card, the second never reached it, and the server cannot know which until the card reports.
            agent.removeCardAfterExecutes(1);
            agent.insertCard();
            assertThat(portal.page.getByTestId("sync-outcome")).hasAttribute("data-outcome", "interrupted",
                    new LocatorAssertions.HasAttributeOptions().setTimeout(ConsoleSession.SLOW_MS));
        }
        console.awaitActionState(ran, "IN_FLIGHT");
        console.awaitActionState(notRun, "IN_FLIGHT");
        assertThat(console.page.getByTestId("in-flight")).isVisible();

        console.act(console.actionRow(ran).getByTestId("action-cancel"), "customer disputes the 1.11 credit");
        console.act(console.actionRow(notRun).getByTestId("action-cancel"), "customer disputes the 2.22 credit");
        for (long id : new long[] {ran, notRun}) {
            assertThat(console.actionRow(id).getByTestId("cancel-pending")).containsText(
                    "Cancel pending until the card reports", ignoreCase());
            assertThat(console.actionRow(id)).hasAttribute("data-state", "IN_FLIGHT");
        }
        sectionShot(console.page.getByTestId("in-flight"), "console-cancel-pending");

        // The card comes back: its next message proves how far the script got.
        try (AgentControl agent = system.agentControl()) {
            agent.insertCard();
        }
        console.awaitActionState(notRun, "CANCELLED");
        console.awaitActionState(ran, "EXECUTED");
        assertThat(console.actionRow(notRun).getByTestId("action-outcome")).containsText("had not run", ignoreCase());
        assertThat(console.actionRow(ran).getByTestId("action-outcome")).containsText("before the cancel", ignoreCase());
        assertThat(console.actionRow(notRun).getByTestId("cancel-pending")).hasCount(0);
        sectionShot(console.page.getByTestId("recent-list"), "console-cancel-proved");
        closeCustomer();
        assertThat(cardStatus().balance()).as("the card ran the first credit only").isEqualTo(balanceBefore + 111);
        assertThat(console.auditRow("ACTION_CANCEL_REQUESTED").filter(
                new Locator.FilterOptions().setHasText("customer disputes the 2.22 credit"))
                .getByTestId("audit-actor")).containsText("helpdesk");
    }

    @Test
    @Order(3)
    void counterAnomalyFreezes_theHelpdeskResyncs_theNextSessionRuns_andTheAuditSaysWhoAndWhy() throws Exception {
        ConsoleSession console = helpdesk();
        console.openApplication(transitId);
        customerContext = system.newContext("console-acts-customer");
        CustomerPortal.open(system, customerContext, system.a(), "alice", transitId);
        // One session first, so that the card has a counter the server confirmed (whichever tests ran before).
        OperatorApi api = system.helpdeskApi();
        api.awaitActionState(transitId, api.queueCredit(transitId, 1), "EXECUTED");
        // What the card signed in that session (read from the server: the portal holds the reader).
        JsonNode signed = api.application(transitId);
        long ca = signed.path("confirmedCa").asLong();
        long balance = signed.path("lastBalance").asLong();
        assertThat(ca).isPositive();

        // The database is restored from a backup taken one action ago: it remembers an older counter than the card.
        try (Connection db = system.database.connect();
                PreparedStatement restore = db.prepareStatement(
                        "update card_application set confirmed_ca = confirmed_ca - 1 where id = ?")) {
            restore.setLong(1, transitId);
            assertThat(restore.executeUpdate()).isEqualTo(1);
        }
        // A credit queued now makes the portal synchronise; the card's counter is one ahead of what the server holds.
        long before = newestActionId();
        console.queueCredit("5.00", "refund of a double fare");
        long credit = newestActionId();
        assertThat(credit).isGreaterThan(before);
        assertThat(console.page.getByTestId("app-status")).containsText("Frozen", slowText());
        assertThat(console.page.getByTestId("app-alerts").locator("[data-testid=alert-row][data-kind=COUNTER_ANOMALY]"))
                .isVisible();
        assertThat(console.actionRow(credit)).hasAttribute("data-state", "QUEUED");
        windowShot(console.page, "console-frozen");

        String why = "database restored from last night's backup; the card's counter is right";
        console.act(console.page.getByTestId("resync"), why);
        assertThat(console.page.getByTestId("app-status")).containsText("Active", slowText());
        assertThat(console.page.getByTestId("app-confirmed-ca")).containsText(String.valueOf(ca));
        // The card ran an action this server has no record of, and the credit was queued before the freeze: the
        // server cannot tell it from the one the card ran, so the resync fails it ("outcome unknown", never sent by
        // itself: rule 8) rather than risk running it twice (docs/protocol.md section 8).
        console.awaitActionState(credit, "FAILED");
        assertThat(console.actionRow(credit).getByTestId("action-reason")).containsText("outcome unknown",
                ignoreCase());
        // The agent checks the card (its balance does not have the 5.00) and retries: the next session runs it, once.
        console.act(console.actionRow(credit).getByTestId("action-retry"),
                "the card's balance shows the 5.00 did not run");
        console.awaitActionState(credit, "EXECUTED");
        windowShot(console.page, "console-resynced");

        Locator resynced = console.auditRow("APPLICATION_RESYNCED");
        assertThat(resynced).hasCount(1);
        assertThat(resynced.getByTestId("audit-actor")).containsText("helpdesk");
        assertThat(resynced.getByTestId("audit-comment")).containsText(why);
        assertThat(resynced).containsText((ca - 1) + " \u2192 " + ca);
        closeCustomer();
        AgentControl.CardStatus after = cardStatus();
        assertThat(after.balance()).as("the queued credit ran once").isEqualTo(balance + 500);
        assertThat(after.ca()).as("one action after the resync").isEqualTo(ca + 1);
        JsonNode detail = system.helpdeskApi().application(transitId);
        assertThat(detail.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(detail.path("confirmedCa").asLong()).isEqualTo(after.ca());
    }

    /**
     * Every screen of the console as the user guide shows it (desktop width, and the application at a phone's
     * width), each doing what an agent comes to it for: search by name, read an application, open an act, acknowledge
     * the anomaly's alert, read the dashboard; as an admin, issue a card and add a staff member.
     */
    @Test
    @Order(4)
    void everyScreen_doesItsJob_andIsPhotographedForTheUserGuide() throws Exception {
        openCounterAnomalyAlert();
        ConsoleSession console = helpdesk();
        Page page = console.page;
        assertThat(page.getByTestId("nav-admin")).hasCount(0);
        page.getByTestId("search-input").fill("Alice");
        page.getByTestId("search-submit").click();
        Locator card = page.locator("[data-testid=card-row][data-card-id='" + DEMO_CARD + "']");
        assertThat(card).isVisible();
        assertThat(card).containsText("Alice Martin");
        screenshot(page, "console-01-search");

        card.locator("[data-testid=application-link][data-application-id='" + transitId + "']").click();
        assertThat(page.getByTestId("app-customer")).containsText("Alice Martin");
        assertThat(page.getByTestId("audit-timeline")).isVisible();
        screenshot(page, "console-02-application");
        page.getByTestId("queue-form").getByTestId("queue-type").selectOption("CREDIT");
        page.getByTestId("queue-form").getByTestId("queue-amount").fill("2.00");
        page.getByTestId("queue-form").getByTestId("queue-submit").click();
        assertThat(page.getByTestId("act-dialog")).isVisible();
        page.getByTestId("act-comment").fill("fare refund, ticket 4712");
        // The window only: a modal dialog darkens what is on screen, not the whole page.
        windowShot(page, "console-03-act-dialog");
        page.getByTestId("act-cancel").click();
        assertThat(page.getByTestId("act-dialog")).isHidden();

        page.getByTestId("nav-alerts").click();
        Locator anomaly = page.getByTestId("alerts-list").locator("[data-testid=alert-row][data-kind=COUNTER_ANOMALY]");
        assertThat(anomaly).hasCount(1);
        screenshot(page, "console-04-alerts");
        console.act(anomaly.getByTestId("alert-ack"), "resynced after the restore");
        assertThat(page.getByTestId("alerts-list").locator("[data-testid=alert-row][data-kind=COUNTER_ANOMALY]"))
                .hasCount(0);

        page.getByTestId("nav-dashboard").click();
        assertThat(page.getByTestId("activity-chart")).isVisible();
        assertThat(page.getByTestId("count-frozen")).hasText(String.valueOf(frozenApplications()));
        assertThat(page.getByTestId("activity-table")).isAttached();
        screenshot(page, "console-05-dashboard");

        BrowserContext phone = system.newContext("console-phone", PortalFixture.PHONE_WIDTH);
        try {
            ConsoleSession small = ConsoleSession.signIn(phone, system.a().baseUrl(), "helpdesk");
            small.page.getByTestId("search-input").fill("Alice");
            small.page.getByTestId("search-submit").click();
            assertThat(small.page.getByTestId("card-row").first()).isVisible();
            PortalFixture.assertNoHorizontalScroll(small.page, "search at 360 px");
            small.openApplication(transitId);
            assertThat(small.page.getByTestId("audit-timeline")).isVisible();
            PortalFixture.assertNoHorizontalScroll(small.page, "application at 360 px");
            screenshot(small.page, "console-06-application-360px");
            windowShot(small.page, "console-06-application-360px-window");
            small.open("/alerts?state=all");
            assertThat(small.page.getByTestId("alert-row").first()).isVisible();
            PortalFixture.assertNoHorizontalScroll(small.page, "alerts at 360 px");
            small.open("/dashboard");
            assertThat(small.page.getByTestId("activity-chart")).isVisible();
            assertThat(small.page.getByTestId("activity-table")).isAttached();
            PortalFixture.assertNoHorizontalScroll(small.page, "dashboard at 360 px");
        } finally {
            phone.close();
        }

        BrowserContext adminContext = system.newContext("console-admin");
        try {
            Page signIn = adminContext.newPage();
            signIn.navigate(system.a().baseUrl() + "/console.html");
            assertThat(signIn.getByTestId("sign-in-form")).isVisible();
            screenshot(signIn, "console-00-sign-in");
            signIn.close();
            ConsoleSession admin = ConsoleSession.signIn(adminContext, system.a().baseUrl(), "admin");
            Page adminPage = admin.page;
            adminPage.getByTestId("nav-admin").click();
            admin.open("/admin/issue");
            Locator issue = adminPage.getByTestId("issue-form");
            issue.getByTestId("issue-card-id").fill("0a0b0c0d0e0f1011");
            issue.getByTestId("issue-aid").selectOption(TRANSIT_AID);
            issue.getByTestId("issue-purse-limit").fill("100");
            issue.getByTestId("issue-balance").fill("5");
            issue.getByTestId("issue-pin").fill("2468");
            issue.getByTestId("issue-submit").click();
            assertThat(adminPage.getByTestId("issue-warning")).isVisible();
            assertThat(adminPage.getByTestId("issue-activation-code")).hasText(
                    java.util.regex.Pattern.compile("[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}"));
            screenshot(adminPage, "console-07-issue");
            com.microsoft.playwright.Download file = adminPage.waitForDownload(
                    () -> adminPage.getByTestId("issue-download").click());
            JsonNode personalisation = CustomerSession.json(file.path());
            assertThat(personalisation.path("cardId").asText()).isEqualToIgnoringCase("0a0b0c0d0e0f1011");
            // Offered once: the page no longer holds the keys.
            assertThat(adminPage.getByTestId("issue-downloaded")).isVisible();
            assertThat(adminPage.getByTestId("issue-download")).hasCount(0);

            admin.open("/admin/staff");
            adminPage.getByTestId("staff-username").fill("sam.support");
            adminPage.getByTestId("staff-display-name").fill("Sam Support");
            adminPage.getByTestId("staff-email").fill("sam@example.com");
            adminPage.getByTestId("staff-role").selectOption("helpdesk");
            adminPage.getByTestId("staff-password").fill("a long enough password");
            adminPage.getByTestId("staff-create").click();
            // Adding a user asks nothing more: the page says so in its status line.
            assertThat(adminPage.getByTestId("act-result")).containsText("sam.support");
            assertThat(adminPage.getByTestId("act-dialog")).isHidden();
            Locator sam = adminPage.locator("[data-testid=staff-row][data-username='sam.support']");
            assertThat(sam).containsText("Sam Support");
            screenshot(adminPage, "console-08-staff");
        } finally {
            adminContext.close();
        }

        BrowserContext adminPhone = system.newContext("console-admin-phone", PortalFixture.PHONE_WIDTH);
        try {
            ConsoleSession admin = ConsoleSession.signIn(adminPhone, system.a().baseUrl(), "admin");
            admin.open("/admin/issue");
            assertThat(admin.page.getByTestId("issue-form")).isVisible();
            PortalFixture.assertNoHorizontalScroll(admin.page, "issue a card at 360 px");
            admin.open("/admin/staff");
            assertThat(admin.page.getByTestId("staff-row").first()).isVisible();
            PortalFixture.assertNoHorizontalScroll(admin.page, "staff users at 360 px");
        } finally {
            adminPhone.close();
        }
    }

    /**
     * The one open counter anomaly alert the alerts screen acknowledges: the resync test leaves one, but this test
     * must not depend on it having run, so it raises one itself when none is open (the open-alert index keeps it one).
     */
    private static void openCounterAnomalyAlert() throws Exception {
        try (Connection db = system.database.connect();
                PreparedStatement raise = db.prepareStatement("insert into alert (application_id, at, kind, detail,"
                        + " acknowledged, count, first_seen, last_seen) values (?, now(), 'COUNTER_ANOMALY',"
                        + " 'raised by the e2e test', false, 1, now(), now())"
                        + " on conflict (application_id, kind) where not acknowledged do nothing")) {
            raise.setLong(1, transitId);
            raise.executeUpdate();
        }
    }

    /** How many applications are frozen, from the database: what the dashboard must show exactly. */
    private static long frozenApplications() throws Exception {
        try (Connection db = system.database.connect();
                PreparedStatement count = db.prepareStatement(
                        "select count(*) from card_application where status = 'FROZEN'");
                java.sql.ResultSet rows = count.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** What is in the window (not the whole page), in target/screenshots. */
    private static void windowShot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(PortalFixture.SCREENSHOTS.resolve(name + ".png")));
    }

    /** One section of the page, in target/screenshots. */
    private static void sectionShot(Locator section, String name) {
        section.screenshot(new Locator.ScreenshotOptions().setPath(PortalFixture.SCREENSHOTS.resolve(name + ".png")));
    }

    private ConsoleSession helpdesk() {
        helpdeskContext = system.newContext("console-acts-helpdesk");
        return ConsoleSession.signIn(helpdeskContext, system.a().baseUrl(), "helpdesk");
    }

    /** The newest action of the transit application (0 when none), from the staff API. */
    private static long newestActionId() throws Exception {
        JsonNode detail = system.helpdeskApi().application(transitId);
        long newest = 0;
        for (JsonNode list : new JsonNode[] {detail.path("pending"), detail.path("recent"),
                detail.path("inFlight").path("actions")}) {
            for (JsonNode action : list) {
                newest = Math.max(newest, action.path("id").asLong());
            }
        }
        return newest;
    }

    private void closeCustomer() {
        if (customerContext != null) {
            customerContext.close();
            customerContext = null;
        }
    }

    private static AgentControl.CardStatus cardStatus() {
        try (AgentControl agent = system.agentControl()) {
            return agent.readStatus(TRANSIT_AID);
        }
    }

    private static LocatorAssertions.ContainsTextOptions ignoreCase() {
        return new LocatorAssertions.ContainsTextOptions().setIgnoreCase(true);
    }

    private static LocatorAssertions.ContainsTextOptions slowText() {
        return new LocatorAssertions.ContainsTextOptions().setTimeout(ConsoleSession.SLOW_MS).setIgnoreCase(true);
    }
}
