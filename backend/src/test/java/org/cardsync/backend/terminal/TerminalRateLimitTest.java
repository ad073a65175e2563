package org.cardsync.backend.terminal;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import org.cardsync.backend.audit.Alert;
import org.cardsync.backend.audit.AlertKind;
import org.cardsync.backend.audit.AuditEvent;
import org.cardsync.backend.audit.AuditKind;
import org.cardsync.backend.testsupport.TestTerminal;
import org.junit.jupiter.api.Test;

/**
 * The terminal API's rate limits, with small limits of its own: the flood of issue 10 (thousands of forged messages
 * naming one card, from one client, with no login) is cut to the client's limit with coded 429s, writes a bounded
 * number of audit rows and one alert, and does not stop the genuine card it names; one client cannot get round its limit
 * by naming ever new cards; challenges are limited per client. Clients are told apart by X-Forwarded-For (the test
 * profile trusts the local proxy).
 */
@QuarkusTest
@TestProfile(TerminalRateLimitTest.SmallLimits.class)
class TerminalRateLimitTest {
    static final int PER_CLIENT = 40;
    static final int PER_APPLICATION = 10;
    static final int CHALLENGES = 5;

    @TestHTTPResource("/")
    URI base;

    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cardsync.terminal.rate-limit.per-client", Integer.toString(PER_CLIENT),
                    "cardsync.terminal.rate-limit.per-application", Integer.toString(PER_APPLICATION),
                    "cardsync.terminal.rate-limit.challenges-per-client", Integer.toString(CHALLENGES),
                    "cardsync.terminal.rate-limit.window", "PT1H");
        }
    }

    private static Response post(String client, String endpoint, String hex) {
        return given().header("X-Forwarded-For", client).contentType(ContentType.JSON)
                .body("{\"message\":\"" + hex + "\"}").post("/api/terminal/" + endpoint);
    }

    private static void assertTooMany(Response r) {
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(429);
        assertThat(r.jsonPath().getString("code")).isEqualTo("TOO_MANY_REQUESTS");
        assertThat(r.jsonPath().getString("message"))
                .isEqualTo("Too many requests from this terminal. Wait a moment, then try again.");
        assertThat(Long.parseLong(r.header("Retry-After"))).isPositive();
    }

    private static long count(Class<?> entity, long appId, Enum<?> kind) {
        return QuarkusTransaction.requiringNew().call(() -> entity == Alert.class
                ? Alert.count("applicationId = ?1 and kind = ?2", appId, kind)
                : AuditEvent.count("applicationId = ?1 and kind = ?2", appId, kind));
    }

    @Test
    void aFloodOfForgedMessagesNamingOneCard_writesABoundedNumberOfRows_andTheGenuineCardStillRuns() throws Exception {
        TestTerminal victim = TestTerminal.issue("alice");
        victim.credit(100);
        String request = victim.cardRequest();
        String forged = TestTerminal.flipBit(request, request.length() * 4 - 1);
        // a plain HTTP client, 8 requests at a time: the flood's pace, not a test client's
        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(8)).build();
        HttpRequest flood = HttpRequest.newBuilder(base.resolve("/api/terminal/request"))
                .header("Content-Type", "application/json").header("X-Forwarded-For", "10.1.0.1")
                .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"" + forged + "\"}")).build();
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        Semaphore inFlight = new Semaphore(8);
        for (int i = 0; i < 3046; i++) {
            inFlight.acquire();
            answers.add(http.sendAsync(flood, HttpResponse.BodyHandlers.ofString())
                    .whenComplete((r, e) -> inFlight.release()));
        }
        int badMac = 0;
        int tooMany = 0;
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            HttpResponse<String> r = answer.get();
            if (r.statusCode() == 403) {
                assertThat(r.body()).contains("\"BAD_MAC\"");
                badMac++;
            } else {
                assertThat(r.statusCode()).as(r.body()).isEqualTo(429);
                assertThat(r.body()).isEqualTo("{\"code\":\"TOO_MANY_REQUESTS\",\"message\":\"Too many requests "
                        + "from this terminal. Wait a moment, then try again.\"}");
                assertThat(Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow())).isPositive();
                tooMany++;
            }
        }
        assertThat(badMac).as("checked and answered: the client's allowance").isEqualTo(PER_CLIENT);
        assertThat(tooMany).isEqualTo(3046 - PER_CLIENT);
        // the forger's refused messages were charged to it: it gets nothing more through, for any card
        assertTooMany(post("10.1.0.1", "request", TestTerminal.issue("bob").cardRequest()));

        // the victim card, on another terminal, runs a whole session although its rejection allowance is spent
        String genuine = victim.cardRequest();
        Response opened = post("10.8.0.1", "request", genuine);
        assertThat(opened.statusCode()).as(opened.asString()).isEqualTo(200);
        List<String> script = opened.jsonPath().getList("script.commands.apdu", String.class);
        assertThat(script).hasSize(1);
        assertThat(victim.execute(script.get(0))).isEqualTo(0x9000);
        // the flood goes on from another address meanwhile: answered, not written
        for (int i = 0; i < 20; i++) {
            assertThat(post("10.1.0.2", "request", forged).jsonPath().getString("code")).isEqualTo("BAD_MAC");
        }
        Response acked = post("10.8.0.1", "ack", victim.cardAck());
        assertThat(acked.statusCode()).as(acked.asString()).isEqualTo(200);
        assertThat(victim.state().balance()).isEqualTo(1100);

        assertThat(count(AuditEvent.class, victim.applicationId, AuditKind.MESSAGE_REJECTED))
                .as("one audit row per rejected message within the allowance, and one for the limit")
                .isEqualTo(PER_APPLICATION + 1);
        assertThat(count(Alert.class, victim.applicationId, AlertKind.MAC_FAILURE))
                .as("at most one per recorded rejection").isLessThanOrEqualTo(PER_APPLICATION);
        assertThat(count(Alert.class, victim.applicationId, AlertKind.RATE_LIMITED)).isEqualTo(1);
        assertThat(count(AuditEvent.class, victim.applicationId, AuditKind.MESSAGE_ACCEPTED)).isEqualTo(2);
    }

    @Test
    void aFloodOfMalformedMessagesNamingOneCard_isCountedInOneRejectedMessageAlert_withinTheAllowance() {
        TestTerminal victim = TestTerminal.issue("alice");
        String request = victim.cardRequest();
        String truncated = request.substring(0, request.length() - 2);
        int sent = PER_APPLICATION + 15;
        for (int i = 0; i < sent; i++) {
            Response r = post("10.4.0.1", "request", truncated);
            assertThat(r.jsonPath().getString("code")).as(r.asString()).isEqualTo("MALFORMED_MESSAGE");
        }
        assertThat(count(AuditEvent.class, victim.applicationId, AuditKind.MESSAGE_REJECTED))
                .as("one audit row per rejection within the allowance, and one for the limit")
                .isEqualTo(PER_APPLICATION + 1);
        long counted = QuarkusTransaction.requiringNew().call(() -> Alert.<Alert>find("applicationId = ?1 and kind = ?2",
                victim.applicationId, AlertKind.REJECTED_MESSAGE).singleResult().count);
        assertThat(counted).as("one open alert, counting the rejections written").isEqualTo(PER_APPLICATION);
        assertThat(count(Alert.class, victim.applicationId, AlertKind.RATE_LIMITED)).isEqualTo(1);
    }

    @Test
    void oneClient_cannotGetRoundItsLimitByNamingEverNewCards() {
        String request = TestTerminal.issue("bob").cardRequest();
        for (int i = 0; i < PER_CLIENT; i++) {
            // one bit of the card id flipped (it starts at byte 2): a different unregistered card each time
            Response r = post("10.2.0.1", "request", TestTerminal.flipBit(request, 16 + i));
            assertThat(r.jsonPath().getString("code")).as(r.asString()).isEqualTo("UNKNOWN_CARD");
        }
        assertTooMany(post("10.2.0.1", "request", TestTerminal.issue("bob").cardRequest()));
        assertThat(post("10.2.0.2", "request", TestTerminal.issue("bob").cardRequest()).statusCode())
                .as("another client").isEqualTo(200);
    }

    @Test
    void challenges_areLimitedPerClient() {
        for (int i = 0; i < CHALLENGES; i++) {
            given().header("X-Forwarded-For", "10.3.0.1").contentType(ContentType.JSON).body("{}")
                    .post("/api/terminal/challenge").then().statusCode(200);
        }
        assertTooMany(given().header("X-Forwarded-For", "10.3.0.1").contentType(ContentType.JSON).body("{}")
                .post("/api/terminal/challenge"));
        given().header("X-Forwarded-For", "10.3.0.2").contentType(ContentType.JSON).body("{}")
                .post("/api/terminal/challenge").then().statusCode(200);
    }
}
