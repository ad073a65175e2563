package org.cardsync.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.cardsync.e2e.PortalFixture.CAMPUS_AID;
import static org.cardsync.e2e.PortalFixture.DEMO_CARD;
import static org.cardsync.e2e.PortalFixture.TRANSIT_AID;
import static org.cardsync.e2e.PortalFixture.screenshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A customer's walk through the portal in Chromium, end to end on one started system (PortalFixture): alice signs
 * in, tops up her transit purse and pays, declines a payment, has a synchronisation cut short by pulling her card,
 * changes a parameter, adds a service and blocks her lost campus card. What the card holds afterwards is read
 * from the card itself through the agent (GET STATUS, READ PARAMETER), what the server holds from the operator
 * API. Ordered: the block comes last, since nothing but it is accepted afterwards.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PortalCardJourneyTest {

    private static PortalFixture system;
    private static long transitId;
    private static long campusId;

    private BrowserContext context;
    private CustomerSession alice;

    @BeforeAll
    static void startSystem() throws Exception {
        system = PortalFixture.start("journey", List.of(), backend -> List.of());
        OperatorApi helpdesk = system.helpdesk();
        transitId = helpdesk.applicationId(DEMO_CARD, TRANSIT_AID);
        campusId = helpdesk.applicationId(DEMO_CARD, CAMPUS_AID);
    }

    @AfterAll
    static void stopSystem() {
        if (system != null) {
            system.close();
        }
    }

    @AfterEach
    void closeBrowser() {
        if (context != null) {
            context.close();
        }
    }

    /** Every test starts with the demo card in its reader, whatever the one before left. */
    @BeforeEach
    void cardInTheReader() {
        try (AgentControl agent = system.agentControl()) {
            agent.insertCard();
        }
    }

    private Page openSignedIn(TestInfo test, String route) {
        context = system.newContext(test.getTestMethod().map(m -> m.getName()).orElse("?"));
        alice = new CustomerSession(context, system.backend.baseUrl());
        alice.signIn("alice");
        Page page = context.newPage();
        page.navigate(system.portalUrl(route));
        return page;
    }

    @Test
    @Order(1)
    void signIn_wrongPasswordIsExplained_rightOneShowsTheCardsWithBalanceInEuros() {
        long cardBalance = cardBalance(TRANSIT_AID);
        context = system.newContext("signIn");
        Page page = context.newPage();
        page.navigate(system.portalUrl("/cards"));
        assertThat(page.getByTestId("sign-in-form")).isVisible();
        screenshot(page, "01-sign-in");

        page.getByTestId("username").fill("alice");
        page.getByTestId("password").fill("not-her-password");
        page.getByTestId("sign-in-submit").click();
        assertThat(page.getByTestId("sign-in-error")).isVisible();
        assertThat(page.getByTestId("sign-in-error")).not().containsText("SIGN_IN_FAILED");
        assertThat(page.getByTestId("card-list")).hasCount(0);

        page.getByTestId("password").fill("alice-demo");
        page.getByTestId("sign-in-submit").click();
        assertThat(page.getByTestId("card-list")).isVisible();
        Locator transit = applicationCard(page, transitId);
        assertThat(transit).containsText("City transit purse");
        assertThat(applicationCard(page, campusId)).containsText("Campus card");
        // The balance the card holds (read from the card before the page took it), in euros.
        assertThat(transit.getByTestId("balance")).containsText(euros(cardBalance));
        assertThat(transit.getByTestId("balance")).containsText("\u20ac");
        assertThat(page.getByTestId("agent-status")).hasAttribute("data-agent-state", "connected");
        assertThat(page.getByTestId("sync-status")).hasAttribute("data-running", "no");
        screenshot(page, "02-my-cards");
    }

    @Test
    @Order(2)
    void topUpAndPay_theCardsBalanceRisesAndTheCreditIsExecuted(TestInfo test) throws Exception {
        long before = cardBalance(TRANSIT_AID);
        Page page = openSignedIn(test, "/applications/" + transitId + "/top-up");
        screenshot(page, "04-top-up");

        page.getByTestId("top-up-amount").fill("2.50");
        page.getByTestId("top-up-submit").click();
        long paymentId = awaitPaymentPage(page);
        assertThat(page.getByTestId("pay-button")).isVisible();
        screenshot(page, "05-payment");
        JsonNode payment = alice.get("/api/portal/payments/" + paymentId);
        assertThat(payment.path("amount").asLong()).isEqualTo(250);
        assertThat(payment.path("state").asText()).isEqualTo("PENDING");

        page.getByTestId("pay-button").click();
        long changeId = awaitPayment(paymentId, "PAID").path("changeId").asLong();
        returnToPortal(page, "/applications/" + transitId, "PAID");
        // The card is in the reader: the portal it came back to applies the paid top-up at once.
        awaitChangeState(transitId, changeId, "APPLIED");
        page.navigate(system.portalUrl("/applications/" + transitId));
        assertThat(change(page, changeId)).hasAttribute("data-state", "APPLIED", slow());
        assertThat(page.getByTestId("balance").first()).containsText(euros(before + 250));
        screenshot(page, "06-top-up-applied");

        assertThat(system.helpdesk().actionState(transitId, changeId)).isEqualTo("EXECUTED");
        assertThat(system.helpdesk().application(DEMO_CARD, TRANSIT_AID).path("lastBalance").asLong())
                .as("the balance in the card's signed ACK").isEqualTo(before + 250);
        context.close();
        context = null;
        assertThat(cardBalance(TRANSIT_AID)).as("the card's own balance").isEqualTo(before + 250);
    }

    @Test
    @Order(3)
    void declinedPayment_queuesNothing(TestInfo test) throws Exception {
        Page page = openSignedIn(test, "/applications/" + transitId + "/top-up");
        JsonNode app = alice.application(transitId);
        int changesBefore = app.path("changes").size();
        int pendingBefore = system.helpdesk().application(transitId).path("pending").size();
        long balanceBefore = app.path("balance").asLong();

        page.getByTestId("top-up-amount").fill("1.00");
        page.getByTestId("top-up-submit").click();
        long paymentId = awaitPaymentPage(page);
        page.getByTestId("decline-button").click();
        JsonNode declined = awaitPayment(paymentId, "DECLINED");
        assertThat(declined.path("changeId").isNull()).as("no change for a declined payment: " + declined).isTrue();
        returnToPortal(page, "/applications/" + transitId, "DECLINED");
        page.navigate(system.portalUrl("/applications/" + transitId));
        assertThat(page.getByTestId("application-status")).isVisible();
        JsonNode after = alice.application(transitId);
        assertThat(after.path("changes").size()).isEqualTo(changesBefore);
        assertThat(after.path("pendingTopUps").asLong()).isZero();
        assertThat(after.path("balance").asLong()).isEqualTo(balanceBefore);
        assertThat(system.helpdesk().application(transitId).path("pending").size()).isEqualTo(pendingBefore);
        // Paying it afterwards is refused: a payment completes once.
        assertThat(alice.post("/api/demo-payments/" + paymentId, "{\"outcome\":\"PAID\"}").status()).isEqualTo(409);
    }

    @Test
    @Order(4)
    void topUpOverTheLimit_isRefusedBeforeAnyPayment(TestInfo test) {
        Page page = openSignedIn(test, "/applications/" + transitId + "/top-up");
        long maxTopUp = alice.application(transitId).path("maxTopUp").asLong();

        page.getByTestId("top-up-amount").fill(plain(maxTopUp + 100));
        page.getByTestId("top-up-submit").click();
        assertThat(page.getByTestId("top-up-error")).isVisible();
        assertThat(page.getByTestId("top-up-error")).containsText(euros(maxTopUp));
        assertThat(page).not().hasURL(Pattern.compile(".*pay\\.html.*"));
        screenshot(page, "08-top-up-over-limit");
    }

    @Test
    @Order(5)
    void cardPulledAfterTheFirstOfThreeChanges_pageSaysSo_andTheOtherTwoApplyOnceAfterReinsertion(TestInfo test)
            throws Exception {
        AgentControl.CardStatus before = cardStatus(TRANSIT_AID);
        Page page = openSignedIn(test, "/applications/" + transitId);
        assertThat(page.getByTestId("agent-status")).hasAttribute("data-agent-state", "connected");
        OperatorApi helpdesk = system.helpdesk();
        long[] amounts = {111, 222, 444};
        List<Long> actions = new ArrayList<>();
        try (AgentControl agent = system.agentControl()) {
            // The demo card's own button on the page takes it out.
            page.getByTestId("sim-remove").click();
            assertThat(page.getByTestId("sim-insert")).isEnabled();
            for (long amount : amounts) {
                actions.add(helpdesk.queueCredit(transitId, amount));
            }
            for (long id : actions) {
                assertThat(change(page, id)).hasAttribute("data-state", "WAITING");
            }
            screenshot(page, "09-changes-waiting");

            // The card goes back in; right after it has carried out the first EXECUTE of the script it is pulled:
            // the first credit is on the card (its answer lost), the other two were never sent.
            agent.removeCardAfterExecutes(1);
            agent.insertCard();
            Locator outcome = page.getByTestId("sync-outcome");
            assertThat(outcome).hasAttribute("data-outcome", "interrupted", slow());
            assertThat(outcome).containsText("2 of 3 changes are not on your card yet");
            assertThat(outcome).containsText("next time");
            screenshot(page, "10-sync-interrupted");

            page.getByTestId("sim-insert").click();
            for (long id : actions) {
                assertThat(change(page, id)).hasAttribute("data-state", "APPLIED", slow());
            }
            // What the server settled from the card's signed messages: the first from last time, then the two.
            assertThat(outcome).containsText("1 change from last time confirmed");
            assertThat(outcome).containsText("2 changes applied");
            screenshot(page, "11-sync-completed");
        }
        for (long id : actions) {
            assertThat(helpdesk.actionState(transitId, id)).as("action %d", id).isEqualTo("EXECUTED");
        }
        context.close();
        context = null;
        AgentControl.CardStatus after = cardStatus(TRANSIT_AID);
        assertThat(after.balance()).as("each credit applied exactly once").isEqualTo(before.balance() + 777);
        assertThat(after.ca()).as("three actions, no more").isEqualTo(before.ca() + 3);
    }

    @Test
    @Order(6)
    void changeDailyLimit_theCardHoldsTheNewValue_andAParameterTheCustomerMayNotChangeIsRefused(TestInfo test)
            throws Exception {
        Page page = openSignedIn(test, "/applications/" + transitId);
        Locator limit = page.locator("[data-testid=parameter][data-slot='0']");
        assertThat(limit).containsText("Daily spending limit");
        limit.getByTestId("parameter-edit").click();
        limit.getByTestId("parameter-value").fill("50.00");
        screenshot(page, "12-change-parameter");
        limit.getByTestId("parameter-save").click();

        JsonNode change = newestChange(transitId, "SET_PARAMETER");
        assertThat(change(page, change.path("id").asLong())).hasAttribute("data-state", "APPLIED", slow());
        assertThat(limit).containsText("50.00");
        assertThat(parameter(alice.application(transitId), 0).path("value").asText()).isEqualTo("5000");

        // "Fare class" is the issuer's: the page offers no edit, and the server refuses it all the same.
        Locator fareClass = page.locator("[data-testid=parameter][data-slot='2']");
        assertThat(fareClass.getByTestId("parameter-edit")).hasCount(0);
        var refused = alice.post("/api/portal/applications/" + transitId + "/parameters/2", "{\"value\":\"reduced\"}");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(CustomerSession.json(refused).path("code").asText()).isEqualTo("PARAMETER_NOT_CHANGEABLE");

        context.close();
        context = null;
        try (AgentControl card = system.agentControl()) {
            // AMOUNT parameters are 2-byte big-endian minor units (the demo catalogue): 50.00 is 5000 = 0x1388.
            assertThat(HexFormat.of().formatHex(card.readParameter(TRANSIT_AID, 0))).isEqualTo("1388");
        }
    }

    @Test
    @Order(7)
    void addBikeShare_theServiceIsLoadedOntoTheCard(TestInfo test) throws Exception {
        Page page = openSignedIn(test, "/applications/" + transitId);
        Locator add = page.locator("[data-testid=service-add][data-service-id='bike-share']");
        assertThat(add).containsText("Bike share");
        add.click();

        JsonNode change = newestChange(transitId, "ADD_SERVICE");
        assertThat(change(page, change.path("id").asLong())).hasAttribute("data-state", "APPLIED", slow());
        assertThat(page.locator("[data-testid=service-add][data-service-id='bike-share']")).hasCount(0);
        screenshot(page, "13-service-added");
        boolean active = false;
        for (JsonNode service : alice.application(transitId).path("services")) {
            active |= "bike-share".equals(service.path("serviceId").asText())
                    && "ACTIVE".equals(service.path("state").asText());
        }
        assertThat(active).as("Bike share active: " + alice.application(transitId).path("services")).isTrue();
        for (JsonNode actionId : change.path("actionIds")) {
            assertThat(system.helpdesk().actionState(transitId, actionId.asLong())).isEqualTo("EXECUTED");
        }
    }

    @Test
    @Order(8)
    void blockLostCampusCard_theCardIsBlocked_andNothingElseIsAcceptedForIt(TestInfo test) throws Exception {
        Page page = openSignedIn(test, "/applications/" + campusId);
        page.getByTestId("block-card").click();
        page.getByRole(AriaRole.RADIO, new Page.GetByRoleOptions().setName(Pattern.compile("lost", Pattern.CASE_INSENSITIVE)))
                .check();
        screenshot(page, "14-block-card");
        page.getByTestId("block-confirm").click();

        JsonNode change = newestChange(campusId, "BLOCK");
        assertThat(change(page, change.path("id").asLong())).hasAttribute("data-state", "APPLIED", slow());
        assertThat(page.locator("main, body").first()).containsText("blocked", ignoreCase());
        screenshot(page, "15-card-blocked");
        assertThat(alice.application(campusId).path("status").asText()).isEqualTo("BLOCKED");

        var topUp = alice.post("/api/portal/applications/" + campusId + "/top-ups", "{\"amount\":100}");
        assertThat(topUp.status()).isEqualTo(409);
        assertThat(CustomerSession.json(topUp).path("code").asText()).isEqualTo("CARD_BLOCKED");

        context.close();
        context = null;
        assertThat(cardStatus(CAMPUS_AID).lifeCycle()).as("the card's own life-cycle state")
                .isEqualTo(AgentControl.CardStatus.BLOCKED);
    }

    private static JsonNode parameter(JsonNode application, int slot) {
        for (JsonNode parameter : application.path("parameters")) {
            if (parameter.path("slot").asInt() == slot) {
                return parameter;
            }
        }
        throw new AssertionError("no parameter in slot " + slot + ": " + application.path("parameters"));
    }

    private static Locator applicationCard(Page page, long applicationId) {
        return page.locator("[data-testid=application-card][data-application-id='" + applicationId + "']");
    }

    private static Locator change(Page page, long changeId) {
        return page.locator("[data-testid=change][data-change-id='" + changeId + "']");
    }

    /** The newest change of {@code kind} the server lists for the application, waited for up to 20 s. */
    private JsonNode newestChange(long applicationId, String kind) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(20);
        while (true) {
            for (JsonNode change : alice.application(applicationId).path("changes")) {
                if (kind.equals(change.path("kind").asText())) {
                    return change;
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no " + kind + " change: " + alice.application(applicationId));
            }
            Thread.sleep(200);
        }
    }

    /** Waits for the demo payment page the portal sends the customer to and returns the payment's id. */
    private static long awaitPaymentPage(Page page) {
        page.waitForURL(Pattern.compile(".*/pay\\.html\\?payment=\\d+.*"));
        java.util.regex.Matcher m = Pattern.compile("payment=(\\d+)").matcher(page.url());
        assertThat(m.find()).isTrue();
        return Long.parseLong(m.group(1));
    }

    private JsonNode awaitPayment(long paymentId, String state) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (true) {
            JsonNode payment = alice.get("/api/portal/payments/" + paymentId);
            if (state.equals(payment.path("state").asText())) {
                return payment;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("payment " + paymentId + " not " + state + ": " + payment);
            }
            Thread.sleep(200);
        }
    }

    /**
     * Back from the payment page: it returns the customer to the portal, which says how the payment went.
     */
    private void returnToPortal(Page page, String applicationRoute, String paymentState) {
        page.waitForURL(Pattern.compile(".*#" + Pattern.quote(applicationRoute) + ".*"));
        assertThat(page.getByTestId("payment-outcome")).hasAttribute("data-payment-state", paymentState);
        screenshot(page, "PAID".equals(paymentState) ? "06-payment-received" : "07-payment-declined");
    }

    private void awaitChangeState(long applicationId, long changeId, String state) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(45);
        while (true) {
            for (JsonNode change : alice.application(applicationId).path("changes")) {
                if (change.path("id").asLong() == changeId && state.equals(change.path("state").asText())) {
                    return;
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("change " + changeId + " not " + state + ": " + alice.application(applicationId));
            }
            Thread.sleep(250);
        }
    }

    private static long cardBalance(String aid) {
        return cardStatus(aid).balance();
    }

    private static AgentControl.CardStatus cardStatus(String aid) {
        try (AgentControl card = system.agentControl()) {
            return card.readStatus(aid);
        }
    }

    /** Minor units as the customer types them: 250 → "2.50". */
    private static String plain(long minor) {
        return String.format("%d.%02d", minor / 100, minor % 100);
    }

    /** The digits of an amount as the portal shows it in British English (grouped thousands): 123456 → "1,234.56". */
    private static String euros(long minor) {
        return String.format(java.util.Locale.UK, "%,d.%02d", minor / 100, minor % 100);
    }

    private static LocatorAssertions.HasAttributeOptions slow() {
        return new LocatorAssertions.HasAttributeOptions().setTimeout(45_000);
    }

    private static LocatorAssertions.ContainsTextOptions slowText() {
        return new LocatorAssertions.ContainsTextOptions().setTimeout(45_000);
    }

    private static LocatorAssertions.ContainsTextOptions ignoreCase() {
        return new LocatorAssertions.ContainsTextOptions().setIgnoreCase(true);
    }
}
