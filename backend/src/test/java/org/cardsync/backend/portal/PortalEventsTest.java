package org.cardsync.backend.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cardsync.backend.testsupport.Api.issueCard;
import static org.cardsync.backend.testsupport.Api.randomCardId;
import static org.cardsync.backend.testsupport.Portal.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.websockets.next.BasicWebSocketConnector;
import io.quarkus.websockets.next.OpenConnections;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocketClientConnection;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The portal's live notices over a real WebSocket: to the owner only, after commit, from the own origin only. */
@QuarkusTest
class PortalEventsTest {
    private final ObjectMapper json = new ObjectMapper();

    @TestHTTPResource("/")
    URI base;

    /** The server's side of the sockets: their user data says when the endpoint's @OnOpen has run. */
    @Inject
    OpenConnections serverSockets;

    private String ownOrigin() {
        return "http://" + base.getHost() + ":" + base.getPort();
    }

    private WebSocketClientConnection connect(String user, String origin, LinkedBlockingQueue<String> into) {
        BasicWebSocketConnector connector = BasicWebSocketConnector.create().baseUri(base).path("/api/portal/events")
                .onTextMessage((c, m) -> into.add(m));
        if (user != null) {
            connector.addHeader("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + user + "-demo").getBytes(StandardCharsets.UTF_8)));
        }
        if (origin != null) {
            connector.addHeader("Origin", origin);
        } else {
            // Vert.x's client sends an Origin of its own unless told not to
            connector.customizeOptions((connect, client) -> connect.setAllowOriginHeader(false));
        }
        return connector.connectAndAwait();
    }

    /** The next notice about this application, skipping notices about others; null if none comes in time. */
    private JsonNode next(LinkedBlockingQueue<String> messages, long applicationId, long millis) throws Exception {
        long deadline = System.currentTimeMillis() + millis;
        for (String m; (m = messages.poll(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS)) != null; ) {
            JsonNode notice = json.readTree(m);
            if (notice.path("applicationId").asLong() == applicationId) {
                return notice;
            }
        }
        return null;
    }

    @Test
    void signingOut_closesTheSessionsOpenSockets() throws Exception {
        String session = org.cardsync.backend.testsupport.Api.withCsrf(io.restassured.RestAssured.given())
                .contentType(io.restassured.http.ContentType.JSON)
                .body("{\"username\":\"alice\",\"password\":\"alice-demo\"}").post("/api/session")
                .then().statusCode(200).extract().cookie("cardsync-session");
        WebSocketClientConnection socket = BasicWebSocketConnector.create().baseUri(base).path("/api/portal/events")
                .addHeader("Cookie", "cardsync-session=" + session).addHeader("Origin", ownOrigin())
                .onTextMessage((c, m) -> { }).connectAndAwait();
        assertThat(socket.isClosed()).isFalse();
        // The client's handshake can complete before the server's @OnOpen has tied the socket to its session; a
        // sign-out in between would find nothing to close. Wait until it has.
        UserData.TypedKey<String> sessionKey = UserData.TypedKey.forString("session");
        long opened = System.currentTimeMillis() + 10_000;
        while (serverSockets.stream().noneMatch(c -> !c.isClosed() && c.userData().get(sessionKey) != null)
                && System.currentTimeMillis() < opened) {
            Thread.sleep(20);
        }

        org.cardsync.backend.testsupport.Api.withCsrf(io.restassured.RestAssured.given())
                .cookie("cardsync-session", session).contentType(io.restassured.http.ContentType.JSON).body("{}")
                .post("/api/session/sign-out").then().statusCode(204);
        long deadline = System.currentTimeMillis() + 10_000;
        while (!socket.isClosed() && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertThat(socket.isClosed()).as("the socket ends with the session").isTrue();
    }

    @Test
    void owner_isToldWhenAChangeIsQueued_andNobodyElseIs() throws Exception {
        long appId = issueCard(randomCardId(), "alice");
        LinkedBlockingQueue<String> alice = new LinkedBlockingQueue<>();
        LinkedBlockingQueue<String> bob = new LinkedBlockingQueue<>();
        WebSocketClientConnection a = connect("alice", ownOrigin(), alice);
        WebSocketClientConnection b = connect("bob", ownOrigin(), bob);
        try {
            post("alice", "/api/portal/applications/" + appId + "/parameters/1", "{\"value\":\"en\"}").statusCode(201);
            JsonNode notice = next(alice, appId, 10_000);
            assertThat(notice).isNotNull();
            assertThat(notice.path("type").asText()).isEqualTo("changed");
            assertThat(notice.size()).isEqualTo(2);
            assertThat(next(bob, appId, 500)).isNull();

            // a refused change commits nothing, so nothing is announced
            post("alice", "/api/portal/applications/" + appId + "/parameters/2", "{\"value\":\"reduced\"}").statusCode(403);
            assertThat(next(alice, appId, 500)).isNull();
        } finally {
            a.closeAndAwait();
            b.closeAndAwait();
        }
    }

    @Test
    void owner_isToldWhenTheCardsMessagesSettleAChange() throws Exception {
        org.cardsync.backend.testsupport.TestTerminal card = org.cardsync.backend.testsupport.TestTerminal.issue("alice");
        long change = org.cardsync.backend.testsupport.Portal.paidTopUp("alice", card.applicationId, 100);
        LinkedBlockingQueue<String> alice = new LinkedBlockingQueue<>();
        WebSocketClientConnection a = connect("alice", ownOrigin(), alice);
        try {
            java.util.List<String> script = org.cardsync.backend.testsupport.TestTerminal.scriptFor(card.cardRequest());
            assertThat(next(alice, card.applicationId, 10_000)).as("issued: the change is being applied").isNotNull();
            assertThat(card.execute(script.get(0))).isEqualTo(0x9000);
            org.cardsync.backend.testsupport.TestTerminal.accepted("ack", card.cardAck());
            assertThat(next(alice, card.applicationId, 10_000)).as("settled: the change is applied").isNotNull();
            assertThat(org.cardsync.backend.testsupport.Portal.changes("alice", card.applicationId))
                    .singleElement().satisfies(c -> assertThat(c).containsEntry("id", (int) change)
                            .containsEntry("state", "APPLIED"));
        } finally {
            a.closeAndAwait();
        }
    }

    @Test
    void anotherOrigin_orNoOrigin_orNoSignIn_isRefusedBeforeTheUpgrade() {
        LinkedBlockingQueue<String> sink = new LinkedBlockingQueue<>();
        String port = ":" + base.getPort();
        for (String origin : new String[] {"http://evil.example", "http://" + base.getHost() + ":1" + port.substring(1),
                "null", null}) {
            assertThatThrownBy(() -> connect("alice", origin, sink)).as("origin " + origin).isNotNull();
        }
        assertThatThrownBy(() -> connect(null, ownOrigin(), sink)).as("not signed in").isNotNull();
        assertThatThrownBy(() -> connect("helpdesk", ownOrigin(), sink)).as("not a customer").isNotNull();
    }
}
