package org.cardsync.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.cardsync.e2e.PortalFixture.DEMO_CARD;
import static org.cardsync.e2e.PortalFixture.PHONE_WIDTH;
import static org.cardsync.e2e.PortalFixture.TRANSIT_AID;
import static org.cardsync.e2e.PortalFixture.assertNoHorizontalScroll;
import static org.cardsync.e2e.PortalFixture.screenshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitForSelectorState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The portal's edges in Chromium, on one started system (PortalFixture): the agent missing, the agent behind
 * Local Network Access on a public origin (a second Chromium that counts the backend on 127.0.0.1 as a public
 * site), linking a newly issued card by AUTHENTICATE with a second agent holding that card, pages of other
 * origins trying to act with the customer's session, requests without a CSRF token or JSON, and a phone's width.
 */
class PortalAccessTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static PortalFixture system;
    /** A Chromium to which the backend at http://127.0.0.1:<port> is a public web site. */
    private static SystemChromium publicChromium;
    private static AttackerSite attacker;
    private static long transitId;

    private BrowserContext context;

    /** The agent's installable packages its build made (AgentPackageTest installs the .deb). */
    private static final Path AGENT_PACKAGES = Path.of(System.getProperty("e2e.agentPackages",
            "../bridge-agent/target/jpackage"));

    @BeforeAll
    static void startSystem() throws Exception {
        system = PortalFixture.start("access",
                List.of("-Dcardsync.portal.agent-jar=" + PortalFixture.AGENT_JAR.toAbsolutePath(),
                        "-Dcardsync.portal.agent-packages=" + AGENT_PACKAGES.toAbsolutePath()),
                // The portal reached as http://127.0.0.1:<port> is the "public" portal of the LNA tests; the user
                // allowed it too.
                backend -> List.of("--allow-origin", backend.foreignBaseUrl()));
        publicChromium = SystemChromium.launch(PortalFixture.CHROMIUM,
                List.of(SystemChromium.publicAddressSpace(system.backend.port())));
        attacker = AttackerSite.start();
        transitId = system.helpdesk().applicationId(DEMO_CARD, TRANSIT_AID);
    }

    @AfterAll
    static void stopSystem() {
        try {
            if (attacker != null) {
                attacker.close();
            }
            if (publicChromium != null) {
                publicChromium.close();
            }
        } finally {
            if (system != null) {
                system.close();
            }
        }
    }

    @AfterEach
    void closeBrowser() {
        if (context != null) {
            context.close();
        }
    }

    private static String name(TestInfo test) {
        return test.getTestMethod().map(m -> m.getName()).orElse("?");
    }

    @Test
    void agentNotRunning_pageSaysSoAndOffersTheDownloadAndTheCommand(TestInfo test) throws Exception {
        context = system.newContext(name(test));
        CustomerSession alice = new CustomerSession(context, system.backend.baseUrl());
        alice.signIn("alice");
        JsonNode download = alice.get("/api/portal/agent");
        assertThat(download.path("downloadUrl").asText(null)).as("GET /api/portal/agent: %s", download).isNotBlank();
        Page page = context.newPage();
        String nobody = "ws://127.0.0.1:" + FreePort.find();
        page.navigate(PortalFixture.portalUrl(system.backend.baseUrl(), nobody, "/cards"));

        assertThat(page.getByTestId("agent-status")).hasAttribute("data-agent-state", "not-running");
        assertThat(page.getByTestId("agent-status")).containsText("java -jar cardsync-agent.jar run");
        assertThat(page.getByTestId("agent-download")).isVisible();
        assertThat(page.getByTestId("application-card").first()).isVisible();
        screenshot(page, "03-agent-not-running");

        String href = page.getByTestId("agent-download").getAttribute("href");
        assertThat(href).isNotBlank();
        APIResponse jar = context.request().get(page.url().replaceFirst("/\\?.*$", "").replaceFirst("#.*$", "")
                .replaceFirst("/$", "") + (href.startsWith("/") ? href : "/" + href));
        assertThat(jar.status()).isEqualTo(200);
        byte[] body = jar.body();
        assertThat(body.length).isEqualTo(Files.size(PortalFixture.AGENT_JAR));
        assertThat(new String(body, 0, 2, java.nio.charset.StandardCharsets.US_ASCII)).as("a jar is a zip").isEqualTo("PK");

        // Chromium on Linux: the .deb is the package for this computer, with the size and checksum of the file it gets
        Path deb;
        try (java.util.stream.Stream<Path> files = Files.list(AGENT_PACKAGES)) {
            deb = files.filter(p -> p.getFileName().toString().endsWith(".deb")).findFirst().orElseThrow();
        }
        com.microsoft.playwright.Locator offered = page.getByTestId("agent-package");
        assertThat(offered).hasAttribute("data-format", "DEB");
        assertThat(offered).hasText(deb.getFileName().toString());
        APIResponse pkg = context.request().get(system.backend.baseUrl() + offered.getAttribute("href"));
        assertThat(pkg.status()).isEqualTo(200);
        byte[] debBytes = pkg.body();
        assertThat(debBytes).hasSize((int) Files.size(deb));
        String sha256 = java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(debBytes));
        assertThat(page.getByTestId("agent-status")).containsText(sha256);
    }

    @Test
    void publicOrigin_loopbackPermissionDenied_pageExplainsHowToAllowIt_andNeverReachesTheAgent(TestInfo test) {
        String origin = system.backend.foreignBaseUrl();
        context = PortalFixture.newContext(publicChromium.browser(), name(test), 1280);
        new CustomerSession(context, origin).signIn("alice");
        Page page = context.newPage();
        LocalNetworkAccess.set(publicChromium.browser(), context, page, origin, "denied");
        page.navigate(PortalFixture.portalUrl(origin, system.agent.url(), "/cards"));

        assertThat(page.getByTestId("agent-status")).hasAttribute("data-agent-state", "permission-denied");
        assertThat(page.getByTestId("agent-status")).containsText("allow", new com.microsoft.playwright.assertions
                .LocatorAssertions.ContainsTextOptions().setIgnoreCase(true));
        assertThat(page.getByTestId("card-list")).isVisible();
        screenshot(page, "16-permission-denied");
        assertThat(system.agent.log()).as("the browser kept the public page from the agent")
                .doesNotContain("(" + origin + ")");
    }

    @Test
    void publicOrigin_loopbackPermissionGranted_pageUsesTheCard(TestInfo test) {
        String origin = system.backend.foreignBaseUrl();
        context = PortalFixture.newContext(publicChromium.browser(), name(test), 1280);
        new CustomerSession(context, origin).signIn("alice");
        Page page = context.newPage();
        LocalNetworkAccess.set(publicChromium.browser(), context, page, origin, "granted");
        page.navigate(PortalFixture.portalUrl(origin, system.agent.url(), "/applications/" + transitId));

        assertThat(page.getByTestId("agent-status")).hasAttribute("data-agent-state", "connected");
        assertThat(page.getByTestId("balance").first()).containsText("\u20ac");
        system.agent.awaitLog("(" + origin + ")", java.time.Duration.ofSeconds(20));
    }

    @Test
    void linkANewCard_byAuthenticateAndItsActivationCode(TestInfo test) throws Exception {
        // The issuer issues a card without owner; its activation code comes with it, once.
        JsonNode issued = system.admin().issueUnownedCard();
        String cardId = issued.path("cardId").asText();
        String activationCode = issued.path("activationCode").asText();
        assertThat(activationCode).matches("[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}");
        ObjectNode personalisation = ((ObjectNode) issued.deepCopy());
        personalisation.remove("activationCode");
        Path cardFile = Files.createTempFile(Files.createDirectories(PortalFixture.OUTPUT.resolve("agent-home")),
                "new-card-", ".json");
        Files.writeString(cardFile, JSON.writeValueAsString(personalisation));

        try (BridgeAgent newCardAgent = BridgeAgent.start(PortalFixture.AGENT_JAR, PortalFixture.OUTPUT,
                system.backend.baseUrl(), true, List.of("--card-file", cardFile.toString()), "agent-new-card")) {
            newCardAgent.awaitReady();
            context = system.newContext(name(test));
            CustomerSession alice = new CustomerSession(context, system.backend.baseUrl());
            alice.signIn("alice");
            Page page = context.newPage();
            page.navigate(PortalFixture.portalUrl(system.backend.baseUrl(), newCardAgent.url(), "/cards"));
            page.getByTestId("link-card").click();
            assertThat(page).hasURL(Pattern.compile(".*#/link.*"));
            // the page can ask the card for its proof once the agent is connected and has seen the card (on a busy
            // machine that takes a moment; a submit before it is answered "put the new card in your reader first")
            assertThat(page.getByTestId("agent-status")).hasAttribute("data-agent-state", "connected");
            assertThat(page.getByText("No card in the reader yet.")).isHidden();

            // A wrong code is refused with a message and links nothing.
            page.getByTestId("activation-code").fill(wrongCode(activationCode));
            page.getByTestId("link-submit").click();
            assertThat(page.getByTestId("link-error")).isVisible();
            assertThat(page.getByTestId("link-error")).containsText("Check the activation code");
            assertThat(cardIds(alice)).doesNotContain(cardId.toLowerCase());
            screenshot(page, "17-link-card");

            page.getByTestId("activation-code").fill(activationCode);
            page.getByTestId("link-submit").click();
            assertThat(page.getByTestId("link-done")).containsText(cardId.substring(cardId.length() - 4),
                    new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setIgnoreCase(true));
            screenshot(page, "18-card-linked");
            assertThat(cardIds(alice)).contains(cardId.toLowerCase());
        }
        // The code was for one use: bob cannot take the card with it now.
        try (BrowserContext bobsBrowser = system.newContext(name(test) + "-bob")) {
            CustomerSession bob = new CustomerSession(bobsBrowser, system.backend.baseUrl());
            bob.signIn("bob");
            assertThat(bob.cards().toString()).doesNotContainIgnoringCase(cardId);
        }
    }

    @Test
    void pagesOfAnotherSiteAndOfAnotherPortOfTheSameSite_cannotChangeAnythingWithTheCustomersSession(TestInfo test)
            throws Exception {
        context = system.newContext(name(test));
        CustomerSession alice = new CustomerSession(context, system.backend.baseUrl());
        alice.signIn("alice");
        Page portal = context.newPage();
        portal.navigate(system.portalUrl("/applications/" + transitId));
        assertThat(portal.getByTestId("application-status")).isVisible();
        JsonNode before = alice.application(transitId);
        List<Long> changesBefore = changeIds(before);
        List<Long> helpdeskCredits = new java.util.ArrayList<>();

        // localhost:<other port> is the same site as the portal on localhost (SameSite=Strict cookies go along);
        // 127.0.0.1:<other port> is another site.
        for (String host : new String[] {"localhost", "127.0.0.1"}) {
            Page evil = context.newPage();
            evil.navigate(attacker.attackUrl(host, system.backend.baseUrl(), transitId));
            evil.waitForFunction("() => window.attackDone === true", null,
                    new Page.WaitForFunctionOptions().setTimeout(60_000));
            @SuppressWarnings("unchecked")
            Map<String, Object> results = (Map<String, Object>) evil.evaluate("() => window.attackResults");
            PortalFixture.appendToLog("attacks.log", host + ": " + results);
            assertThat(String.valueOf(results.get("blockJson"))).as(host + ": JSON POST with a guessed token")
                    .startsWith("failed");
            assertThat(String.valueOf(results.get("readCards"))).as(host + ": reading the cards").startsWith("failed");
            // A change queued now sends a live notice to every socket of alice's session: none may reach the page.
            helpdeskCredits.add(system.helpdesk().queueCredit(transitId, 1));
            Thread.sleep(2_000);
            @SuppressWarnings("unchecked")
            Map<String, Object> socket = (Map<String, Object>) evil.evaluate("() => window.attackResults.eventsSocket");
            assertThat(socket).as(host + ": the live notices socket").containsEntry("messages", 0);
            assertThat(evil.evaluate("() => window.attackSocket ? window.attackSocket.readyState : 3"))
                    .as(host + ": socket closed (3)").isEqualTo(3);
            evil.close();
        }

        JsonNode after = alice.application(transitId);
        assertThat(after.path("status").asText()).isEqualTo(before.path("status").asText());
        assertThat(after.path("blockRequested").asBoolean()).isFalse();
        assertThat(after.path("parameters").toString()).isEqualTo(before.path("parameters").toString());
        assertThat(after.path("services").toString()).isEqualTo(before.path("services").toString());
        assertThat(after.path("pendingTopUps").asLong()).isEqualTo(before.path("pendingTopUps").asLong());
        List<Long> newChanges = changeIds(after);
        newChanges.removeAll(changesBefore);
        assertThat(newChanges).as("the only new changes are the helpdesk's own two credits: %s", after.path("changes"))
                .containsExactlyInAnyOrderElementsOf(helpdeskCredits);
        assertThat(alice.get("/api/session").path("username").asText()).as("still signed in").isEqualTo("alice");
    }

    @Test
    void postWithoutCsrfTokenOrWithoutJsonContentType_isRefusedAndChangesNothing(TestInfo test) {
        context = system.newContext(name(test));
        CustomerSession alice = new CustomerSession(context, system.backend.baseUrl());
        alice.signIn("alice");
        String path = "/api/portal/applications/" + transitId + "/parameters/3";
        String body = "{\"value\":\"FORGED\"}";
        String token = alice.csrfToken();
        int changesBefore = alice.application(transitId).path("changes").size();

        assertRefused(alice.rawPost(path, "application/json", null, body), 403, "CSRF_TOKEN_INVALID");
        assertRefused(alice.rawPost(path, "application/json", "not-" + token, body), 403, "CSRF_TOKEN_INVALID");
        assertRefused(alice.rawPost(path, "text/plain", token, body), 415, "UNSUPPORTED_MEDIA_TYPE");
        assertRefused(alice.rawPost(path, "application/x-www-form-urlencoded", token, "value=FORGED"), 415,
                "UNSUPPORTED_MEDIA_TYPE");
        assertRefused(alice.rawPost(path, null, token, body), 415, "UNSUPPORTED_MEDIA_TYPE");
        assertThat(alice.application(transitId).path("changes").size()).isEqualTo(changesBefore);
        assertThat(alice.application(transitId).path("parameters").toString()).doesNotContain("FORGED");

        // A refused token is not kept: the refusal deleted the cookie (so that a malformed one planted from another
        // port cannot lock the page out) and the GETs above were handed a fresh one, as the page's recovery is.
        String fresh = alice.csrfToken();
        assertThat(fresh).isNotEqualTo(token);
        // The same request with both is accepted: the refusals above were for the token and the type alone.
        assertThat(alice.rawPost(path, "application/json", fresh, "{\"value\":\"Commute\"}").status()).isEqualTo(201);
    }

    @Test
    void atAPhonesWidth_noScreenScrollsSideways(TestInfo test) {
        context = PortalFixture.newContext(system.chromium.browser(), name(test), PHONE_WIDTH);
        Page page = context.newPage();
        page.navigate(system.portalUrl("/sign-in"));
        page.getByTestId("sign-in-form").waitFor();
        assertNoHorizontalScroll(page, "sign-in");
        screenshot(page, "phone-01-sign-in");
        page.getByTestId("username").fill("alice");
        page.getByTestId("password").fill("alice-demo");
        page.getByTestId("sign-in-submit").click();
        page.getByTestId("card-list").waitFor();

        String[][] screens = {
            {"/cards", "card-list", "phone-02-my-cards"},
            {"/applications/" + transitId, "application-status", "phone-03-application"},
            {"/applications/" + transitId + "/top-up", "top-up-amount", "phone-04-top-up"},
            {"/link", "activation-code", "phone-05-link"},
        };
        for (String[] screen : screens) {
            page.navigate(system.portalUrl(screen[0]));
            page.getByTestId(screen[1]).first().waitFor(new com.microsoft.playwright.Locator.WaitForOptions()
                    .setState(WaitForSelectorState.VISIBLE));
            assertNoHorizontalScroll(page, screen[0]);
            screenshot(page, screen[2]);
        }
        page.navigate(system.portalUrl("/applications/" + transitId));
        page.locator("[data-testid=support-details] summary").first().click();
        assertNoHorizontalScroll(page, "support details");

        // The payment page, for a payment the customer then declines.
        JsonNode payment = CustomerSession.expect(new CustomerSession(context, system.backend.baseUrl())
                .post("/api/portal/applications/" + transitId + "/top-ups", "{\"amount\":100}"), 201, "top-up");
        page.navigate(system.backend.baseUrl() + payment.path("paymentUrl").asText());
        page.getByTestId("pay-button").waitFor();
        assertNoHorizontalScroll(page, "pay.html");
        screenshot(page, "phone-06-payment");
        page.getByTestId("decline-button").click();
        page.getByTestId("payment-outcome").waitFor();
    }

    private static void assertRefused(APIResponse response, int status, String code) {
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        assertThat(CustomerSession.json(response).path("code").asText()).isEqualTo(code);
        assertThat(CustomerSession.json(response).path("message").asText()).isNotBlank();
    }

    private static List<Long> changeIds(JsonNode application) {
        List<Long> ids = new java.util.ArrayList<>();
        application.path("changes").forEach(change -> ids.add(change.path("id").asLong()));
        return ids;
    }

    private static List<String> cardIds(CustomerSession session) {
        List<String> ids = new java.util.ArrayList<>();
        session.cards().forEach(card -> ids.add(card.path("cardId").asText().toLowerCase()));
        return ids;
    }

    /** The activation code with its first letter changed: right format, wrong code. */
    private static String wrongCode(String code) {
        char first = code.charAt(0);
        return (first == 'A' ? 'B' : 'A') + code.substring(1);
    }
}
