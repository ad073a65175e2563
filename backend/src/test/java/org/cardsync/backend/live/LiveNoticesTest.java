package org.cardsync.backend.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cardsync.backend.testsupport.Api.issueCard;
import static org.cardsync.backend.testsupport.Api.randomCardId;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.websockets.next.BasicWebSocketConnector;
import io.quarkus.websockets.next.OpenConnections;
import io.quarkus.websockets.next.WebSocketClientConnection;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.cardsync.backend.card.ApplicationChanged;
import org.cardsync.backend.testsupport.Api;
import org.cardsync.backend.testsupport.Portal;
import org.cardsync.backend.testsupport.TestTerminal;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Change notices through PostgreSQL: committed changes reach the console (every staff socket) and the owner's portal
 * socket, rolled-back ones nobody; a NOTIFY from another session (another backend instance) reaches them as well;
 * the listener comes back by itself after its connection is killed and tells the pages to reload.
 */
@QuarkusTest
class LiveNoticesTest {
    @TestHTTPResource("/")
    URI base;

    @Inject
    ChangeListener listener;

    @Inject
    Event<ApplicationChanged> changes;

    @Inject
    OpenConnections serverSockets;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;

    @BeforeEach
    void listening() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (!listener.listening() && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertThat(listener.listening()).as("the listener is in place").isTrue();
    }

    private Connection otherInstance() throws SQLException {
        return DriverManager.getConnection(url, "postgres", "");
    }

    @Test
    void aCommittedChange_reachesEveryStaffSocketAndTheOwners_aRolledBackOneNobody() throws Exception {
        long appId = issueCard(randomCardId(), "alice");
        try (LiveSocketClient helpdesk = LiveSocketClient.console(base, "helpdesk");
                LiveSocketClient admin = LiveSocketClient.console(base, "admin");
                LiveSocketClient alice = LiveSocketClient.portal(base, "alice");
                LiveSocketClient bob = LiveSocketClient.portal(base, "bob")) {
            assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
                changes.fire(new ApplicationChanged(appId, "alice"));
                throw new IllegalStateException("the change fails after it was announced");
            })).hasMessageContaining("the change fails");
            assertThat(helpdesk.changed(appId, 1_000)).as("rolled back: never announced").isNull();

            Portal.post("alice", "/api/portal/applications/" + appId + "/parameters/1", "{\"value\":\"en\"}")
                    .statusCode(201);
            JsonNode notice = helpdesk.changed(appId, 10_000);
            assertThat(notice).as("the helpdesk hears of the customer's change").isNotNull();
            assertThat(notice.size()).as("type and application id, nothing else").isEqualTo(2);
            assertThat(admin.changed(appId, 10_000)).as("every staff socket").isNotNull();
            assertThat(alice.changed(appId, 10_000)).as("the owner").isNotNull();
            assertThat(bob.changed(appId, 500)).as("another customer").isNull();
            assertThat(alice.changed(appId, 500)).as("the rolled-back change came never").isNull();
        }
    }

    @Test
    void aNotifyFromAnotherInstance_reachesTheSockets() throws Exception {
        long appId = issueCard(randomCardId(), "alice");
        try (LiveSocketClient helpdesk = LiveSocketClient.console(base, "helpdesk");
                LiveSocketClient alice = LiveSocketClient.portal(base, "alice");
                Connection other = otherInstance();
                PreparedStatement notify = other.prepareStatement("select pg_notify('cardsync_changed', ?)")) {
            notify.setString(1, "{\"applicationId\":" + appId + ",\"owner\":\"alice\"}");
            notify.execute();
            assertThat(helpdesk.changed(appId, 10_000)).isNotNull();
            assertThat(alice.changed(appId, 10_000)).isNotNull();

            notify.setString(1, "not a notice");
            notify.execute();
            notify.setString(1, "{\"applicationId\":" + appId + ",\"owner\":null}");
            notify.execute();
            assertThat(helpdesk.changed(appId, 10_000)).as("a stray payload does not stop the listener").isNotNull();
            assertThat(alice.changed(appId, 500)).as("no owner: the console only").isNull();
        }
    }

    @Test
    void afterItsConnectionIsKilled_theListenerComesBack_andTellsThePagesToReload() throws Exception {
        long appId = issueCard(randomCardId(), "alice");
        try (LiveSocketClient helpdesk = LiveSocketClient.console(base, "helpdesk");
                LiveSocketClient alice = LiveSocketClient.portal(base, "alice");
                Connection other = otherInstance(); Statement s = other.createStatement()) {
            var killed = s.executeQuery("select pg_terminate_backend(pid) from pg_stat_activity where application_name = '"
                    + ChangeListener.APPLICATION_NAME + "' and datname = current_database()");
            assertThat(killed.next()).as("the listener's session was found").isTrue();

            assertThat(helpdesk.next(m -> m.path("type").asText().equals("resync"), 20_000))
                    .as("the console is told to reload").isNotNull();
            long deadline = System.currentTimeMillis() + 10_000;
            while (!alice.connection.isClosed() && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertThat(alice.connection.isClosed()).as("the portal page is made to reopen, which reloads it").isTrue();
            assertThat(alice.connection.closeReason().getCode()).isEqualTo(1012);

            assertThat(listener.listening()).isTrue();
            Portal.post("alice", "/api/portal/applications/" + appId + "/parameters/1", "{\"value\":\"en\"}")
                    .statusCode(201);
            assertThat(helpdesk.changed(appId, 10_000)).as("notices flow again").isNotNull();
        }
    }

    @Test
    void aRefusedMessage_tellsTheConsole_butNotTheOwnersPage() throws Exception {
        TestTerminal card = TestTerminal.issue("alice");
        String request = card.cardRequest();
        try (LiveSocketClient helpdesk = LiveSocketClient.console(base, "helpdesk");
                LiveSocketClient alice = LiveSocketClient.portal(base, "alice")) {
            TestTerminal.post("request", TestTerminal.flipBit(request, request.length() * 4 - 1)).then()
                    .statusCode(403).body("code", org.hamcrest.Matchers.equalTo("BAD_MAC"));
            assertThat(helpdesk.changed(card.applicationId, 10_000)).as("a new alert to show").isNotNull();
            assertThat(alice.changed(card.applicationId, 500)).as("nothing the customer sees changed").isNull();
        }
    }

    @Test
    void signingOut_closesTheStaffSessionsConsoleSocket() throws Exception {
        String session = Api.withCsrf(RestAssured.given()).contentType(ContentType.JSON)
                .body("{\"username\":\"helpdesk\",\"password\":\"helpdesk-demo\"}").post("/api/session")
                .then().statusCode(200).extract().cookie("cardsync-session");
        WebSocketClientConnection socket = BasicWebSocketConnector.create().baseUri(base).path("/api/console/events")
                .addHeader("Cookie", "cardsync-session=" + session).addHeader("Origin", LiveSocketClient.origin(base))
                .onTextMessage((c, m) -> { }).connectAndAwait();
        // the handshake may complete before the server's @OnOpen tied the socket to its session
        long opened = System.currentTimeMillis() + 10_000;
        while (serverSockets.findByEndpointId(ConsoleEventsSocket.ID).stream()
                .noneMatch(c -> !c.isClosed() && c.userData().get(SocketUser.SESSION) != null)
                && System.currentTimeMillis() < opened) {
            Thread.sleep(20);
        }
        Api.withCsrf(RestAssured.given()).cookie("cardsync-session", session).contentType(ContentType.JSON).body("{}")
                .post("/api/session/sign-out").then().statusCode(204);
        long deadline = System.currentTimeMillis() + 10_000;
        while (!socket.isClosed() && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertThat(socket.isClosed()).as("the socket ends with the session").isTrue();
    }

    /** Waits until this instance's server side of {@code user}'s socket is open with its user set. */
    private void awaitServerSocket(String user) throws InterruptedException {
        long opened = System.currentTimeMillis() + 10_000;
        while (serverSockets.findByEndpointId(ConsoleEventsSocket.ID).stream()
                .noneMatch(c -> !c.isClosed() && user.equals(c.userData().get(SocketUser.USER)))
                && System.currentTimeMillis() < opened) {
            Thread.sleep(20);
        }
    }

    private static void awaitClosed(LiveSocketClient socket) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!socket.connection.isClosed() && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
    }

    @Test
    void disablingAStaffUser_closesTheirBasicSockets_andAnotherInstancesNoticeClosesThemHereToo() throws Exception {
        String name = "live" + Long.toHexString(System.nanoTime());
        Api.as("admin").contentType(ContentType.JSON).body("{\"username\":\"" + name + "\",\"displayName\":\"Live\","
                + "\"role\":\"helpdesk\",\"password\":\"" + name + "-demo\"}").post("/api/admin/users").then()
                .statusCode(201);
        try (LiveSocketClient other = LiveSocketClient.console(base, "helpdesk");
                LiveSocketClient viaNotice = LiveSocketClient.console(base, name)) {
            awaitServerSocket(name);
            // what another backend instance sends when it disabled the user or reset their password
            try (Connection c = otherInstance(); Statement s = c.createStatement()) {
                s.execute("select pg_notify('" + ChangeNotice.CHANNEL + "', '{\"signedOut\":\"" + name + "\"}')");
            }
            awaitClosed(viaNotice);
            assertThat(viaNotice.connection.isClosed()).as("closed by a notice from another instance").isTrue();
            assertThat(other.connection.isClosed()).as("another user's socket stays").isFalse();

            try (LiveSocketClient basic = LiveSocketClient.console(base, name)) {
                awaitServerSocket(name);
                Api.as("admin").contentType(ContentType.JSON).body("{\"comment\":\"left the company\"}")
                        .post("/api/admin/users/" + name + "/disable").then().statusCode(200);
                awaitClosed(basic);
                assertThat(basic.connection.isClosed()).as("an HTTP Basic socket of a disabled user").isTrue();
            }
            assertThat(other.connection.isClosed()).isFalse();
        }
    }

    @Test
    void theConsoleSocket_isForStaffOnTheOwnOriginOnly() {
        assertThatThrownBy(() -> LiveSocketClient.console(base, "alice")).as("a customer").isNotNull();
        assertThatThrownBy(() -> LiveSocketClient.console(base, null)).as("not signed in").isNotNull();
        assertThatThrownBy(() -> LiveSocketClient.console(base, "helpdesk", "http://evil.example"))
                .as("another origin").isNotNull();
    }
}
