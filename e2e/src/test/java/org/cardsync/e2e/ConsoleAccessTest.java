package org.cardsync.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.cardsync.e2e.PortalFixture.DEMO_CARD;
import static org.cardsync.e2e.PortalFixture.TRANSIT_AID;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console is the staff's: a signed-in customer who opens it (a link passed around, a guessed URL) sees that it
 * is not for them and no data, and every staff endpoint answers their browser's requests 403 FORBIDDEN with the
 * JSON error body, changing nothing; the helpdesk is refused the admin's endpoints and sees no Admin link.
 */
class ConsoleAccessTest {

    /** Every route of the console (CONSOLE-CONTRACT section 4). */
    private static final List<String> ROUTES = List.of("/search", "/search?q=alice", "/applications/%d", "/alerts",
            "/dashboard", "/admin/issue", "/admin/staff");

    private static ConsoleFixture system;
    private static long transitId;
    /** A QUEUED action of alice's transit application: what a customer's cancel or retry would name. */
    private static long queuedId;

    private BrowserContext context;

    @BeforeAll
    static void startSystem() throws Exception {
        system = ConsoleFixture.start("access", 1);
        OperatorApi helpdesk = system.helpdeskApi();
        transitId = helpdesk.applicationId(DEMO_CARD, TRANSIT_AID);
        // The card is out of its reader: the action stays queued whatever page is open.
        try (AgentControl agent = system.agentControl()) {
            agent.removeCard();
        }
        queuedId = helpdesk.queueCredit(transitId, 123);
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
            context = null;
        }
    }

    /** Every staff endpoint of CONSOLE-CONTRACT section 2: method, path, JSON body (null for a GET). */
    private static List<String[]> staffEndpoints() {
        String app = "/api/applications/" + transitId;
        List<String[]> all = new ArrayList<>();
        for (String get : List.of("/api/cards", "/api/cards?q=alice", "/api/cards/" + DEMO_CARD, app,
                app + "/actions", app + "/actions?state=QUEUED", app + "/audit", "/api/alerts",
                "/api/alerts?state=all", "/api/dashboard", "/api/dashboard?hours=24", "/api/admin/users")) {
            all.add(new String[] {"GET", get, null});
        }
        all.add(new String[] {"POST", app + "/actions", "{\"type\":\"CREDIT\",\"amount\":424242,\"comment\":\"mine\"}"});
        all.add(new String[] {"POST", app + "/actions/" + queuedId + "/cancel", "{\"comment\":\"mine\"}"});
        all.add(new String[] {"POST", app + "/actions/" + queuedId + "/retry", "{}"});
        all.add(new String[] {"POST", app + "/unfreeze", "{}"});
        all.add(new String[] {"POST", app + "/resync", "{\"comment\":\"mine\"}"});
        all.add(new String[] {"POST", "/api/alerts/1/acknowledge", "{}"});
        all.addAll(adminEndpoints());
        return all;
    }

    /** The admin's endpoints: refused to customers and to the helpdesk alike. */
    private static List<String[]> adminEndpoints() {
        return List.of(
                new String[] {"POST", "/api/admin/cards", "{\"owner\":\"alice\",\"applications\":[{\"aid\":\""
                        + TRANSIT_AID + "\",\"purseLimit\":100000,\"balance\":99999,\"pin\":\"1234\",\"pinTryLimit\":3}]}"},
                new String[] {"GET", "/api/admin/users", null},
                new String[] {"POST", "/api/admin/users", "{\"username\":\"mallory\",\"displayName\":\"Mallory\","
                        + "\"role\":\"admin\",\"password\":\"a long enough password\"}"},
                new String[] {"POST", "/api/admin/users/helpdesk/disable", "{}"},
                new String[] {"POST", "/api/admin/users/helpdesk/enable", "{}"},
                new String[] {"POST", "/api/admin/users/helpdesk/password", "{\"password\":\"taken over by mallory\"}"});
    }

    @Test
    void aCustomerOpeningAnyConsolePage_seesItIsNotForThem_andNoData() {
        context = system.newContext("console-access-customer");
        new CustomerSession(context, system.a().baseUrl()).signIn("alice");
        List<String> apiCalls = new CopyOnWriteArrayList<>();
        context.onRequest(request -> {
            if (request.url().contains("/api/")) {
                apiCalls.add(request.method() + " " + request.url().replaceFirst("^https?://[^/]+", ""));
            }
        });
        Page page = context.newPage();
        for (String route : ROUTES) {
            page.navigate(system.a().baseUrl() + "/console.html#" + route.formatted(transitId));
            page.reload();
            assertThat(page.getByTestId("console-forbidden")).isVisible();
            assertThat(page.getByTestId("console-nav")).hasCount(0);
            assertThat(page.getByTestId("console-forbidden").locator("a[href='/']")).isVisible();
            // No screen's data (the page may greet the customer by name: that is theirs). getByText and test ids
            // look into the components' shadow roots too.
            assertThat(page.getByText(DEMO_CARD)).hasCount(0);
            for (String screen : List.of("search-results", "app-status", "alerts-list", "count-queued", "issue-form",
                    "staff-list")) {
                assertThat(page.getByTestId(screen)).hasCount(0);
            }
        }
        PortalFixture.screenshot(page, "console-09-forbidden");
        assertThat(apiCalls).as("the console asks the server nothing but who is signed in").isNotEmpty()
                .allMatch(call -> call.equals("GET /api/session"));
    }

    @Test
    void aCustomerCallingAnyStaffEndpoint_gets403Forbidden_andNothingChanges() throws Exception {
        context = system.newContext("console-access-customer-api");
        CustomerSession alice = new CustomerSession(context, system.a().baseUrl());
        alice.signIn("alice");
        JsonNode before = system.helpdeskApi().application(transitId);
        List<String> wrong = new ArrayList<>();
        for (String[] endpoint : staffEndpoints()) {
            APIResponse response = "GET".equals(endpoint[0])
                    ? context.request().get(system.a().baseUrl() + endpoint[1])
                    : alice.post(endpoint[1], endpoint[2]);
            checkForbidden(endpoint, response, wrong);
        }
        assertThat(wrong).as("staff endpoints that did not refuse the customer with 403 FORBIDDEN").isEmpty();

        JsonNode after = system.helpdeskApi().application(transitId);
        assertThat(after.path("pendingTotal")).isEqualTo(before.path("pendingTotal"));
        assertThat(after.path("status").asText()).isEqualTo(before.path("status").asText());
        assertThat(after.path("pending").toString()).as("the pending actions, untouched")
                .isEqualTo(before.path("pending").toString());
        // The helpdesk account still signs in with its own password, and no account "mallory" was made.
        try (BrowserContext staff = system.newContext("console-access-check")) {
            new CustomerSession(staff, system.a().baseUrl()).signIn("helpdesk");
        }
        try (BrowserContext staff = system.newContext("console-access-admin")) {
            CustomerSession admin = new CustomerSession(staff, system.a().baseUrl());
            admin.signIn("admin");
            assertThat(admin.get("/api/admin/users?size=100").toString()).doesNotContain("mallory");
        }
    }

    @Test
    void theConsoleSocketRefusesACustomer() {
        context = system.newContext("console-access-socket");
        new CustomerSession(context, system.a().baseUrl()).signIn("alice");
        Page page = context.newPage();
        page.navigate(system.a().baseUrl() + "/console.html#/search");
        assertThat(page.getByTestId("console-forbidden")).isVisible();
        Object outcome = page.evaluate("""
                () => new Promise(resolve => {
                  const socket = new WebSocket(location.origin.replace(/^http/, 'ws') + '/api/console/events');
                  socket.onopen = () => resolve('opened');
                  socket.onclose = e => resolve('closed ' + e.code);
                  setTimeout(() => resolve('no answer'), 10000);
                })""");
        assertThat(String.valueOf(outcome)).as("the console socket for a customer").startsWith("closed");
    }

    @Test
    void theHelpdeskIsRefusedTheAdminsEndpoints_andSeesNoAdminLink() {
        context = system.newContext("console-access-helpdesk");
        CustomerSession helpdesk = new CustomerSession(context, system.a().baseUrl());
        List<String> wrong = new ArrayList<>();
        ConsoleSession console = ConsoleSession.signIn(context, system.a().baseUrl(), "helpdesk");
        assertThat(console.page.getByTestId("nav-search")).isVisible();
        assertThat(console.page.getByTestId("nav-admin")).hasCount(0);
        for (String[] endpoint : adminEndpoints()) {
            APIResponse response = "GET".equals(endpoint[0])
                    ? context.request().get(system.a().baseUrl() + endpoint[1])
                    : helpdesk.post(endpoint[1], endpoint[2]);
            checkForbidden(endpoint, response, wrong);
        }
        assertThat(wrong).as("admin endpoints that did not refuse the helpdesk with 403 FORBIDDEN").isEmpty();
    }

    @Test
    void nobodySignedIn_isAskedToSignIn() {
        context = system.newContext("console-access-anonymous");
        APIResponse response = context.request().get(system.a().baseUrl() + "/api/cards");
        assertThat(response.status()).isEqualTo(401);
        assertThat(CustomerSession.json(response).path("code").asText()).isEqualTo("NOT_SIGNED_IN");
        Page page = context.newPage();
        page.navigate(system.a().baseUrl() + "/console.html#/dashboard");
        assertThat(page.getByTestId("sign-in-form")).isVisible();
    }

    /** Adds a line to {@code wrong} unless {@code response} is 403 with {"code":"FORBIDDEN","message":<a sentence>}. */
    private static void checkForbidden(String[] endpoint, APIResponse response, List<String> wrong) {
        String what = endpoint[0] + " " + endpoint[1];
        if (response.status() != 403) {
            wrong.add(what + " answered " + response.status() + ": " + response.text());
            return;
        }
        JsonNode body;
        try {
            body = CustomerSession.json(response);
        } catch (RuntimeException e) {
            wrong.add(what + " answered 403 without a JSON body: " + response.text());
            return;
        }
        if (!"FORBIDDEN".equals(body.path("code").asText()) || body.path("message").asText().isBlank()) {
            wrong.add(what + " answered 403 with " + body);
        }
    }
}
