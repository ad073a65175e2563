package org.cardsync.backend.terminal;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.cardsync.backend.audit.AuditEvent;
import org.cardsync.backend.card.CardApplication;
import org.cardsync.backend.challenge.Challenge;
import org.cardsync.backend.testsupport.Api;
import org.cardsync.backend.testsupport.TestTerminal;
import org.cardsync.protocol.Hex;
import org.cardsync.protocol.TransactionType;
import org.junit.jupiter.api.Test;

/**
 * The floods of issue 12 that the per-client message rate did not bound: challenges (611 a second accepted, each kept
 * five minutes) and a terminal holding a card that has it sign message after message. Small bounds of its own; the
 * per-client rates are lifted so that the bound under test is the one that bites. Clients are told apart by
 * X-Forwarded-For (the test profile trusts the local proxy).
 */
@QuarkusTest
@TestProfile(TerminalFloodBoundsTest.SmallBounds.class)
class TerminalFloodBoundsTest {
    static final int LIVE_PER_CLIENT = 5;
    static final int LIVE_PER_NETWORK = 20;
    static final int LIVE = 50;
    static final int SIGNED_PER_APPLICATION = 4;

    public static class SmallBounds implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cardsync.challenges.max-live-per-client", Integer.toString(LIVE_PER_CLIENT),
                    "cardsync.challenges.max-live-per-network", Integer.toString(LIVE_PER_NETWORK),
                    "cardsync.challenges.max-live", Integer.toString(LIVE),
                    "cardsync.terminal.rate-limit.signed-per-application", Integer.toString(SIGNED_PER_APPLICATION),
                    "cardsync.terminal.rate-limit.window", "PT1H");
        }
    }

    private static Response challenge(String client) {
        return given().header("X-Forwarded-For", client).contentType(ContentType.JSON).body("{}")
                .post("/api/terminal/challenge");
    }

    private static Response post(String client, String endpoint, String hex) {
        return given().header("X-Forwarded-For", client).contentType(ContentType.JSON)
                .body("{\"message\":\"" + hex + "\"}").post("/api/terminal/" + endpoint);
    }

    private static void assertRefused(Response r, String code) {
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(429);
        assertThat(r.jsonPath().getString("code")).isEqualTo(code);
        assertThat(r.jsonPath().getString("message")).isNotBlank();
        assertThat(Long.parseLong(r.header("Retry-After"))).isPositive();
    }

    /** The challenge table is shared with the suite's other classes and tests: start from no live challenges. */
    private static void noLiveChallenges() {
        QuarkusTransaction.requiringNew().run(() -> Challenge.delete("used = false"));
    }

    private static long liveChallenges() {
        return QuarkusTransaction.requiringNew().call(() -> Challenge.live(Instant.now()));
    }

    @Test
    void oneClient_holdsAtMostItsLiveChallenges_whateverItsRate() {
        noLiveChallenges();
        int issued = 0;
        for (int i = 0; i < 200; i++) {
            Response r = challenge("10.20.0.1");
            if (r.statusCode() == 200) {
                issued++;
            } else {
                assertRefused(r, "TOO_MANY_REQUESTS");
            }
        }
        System.out.println("SECURITY challenges-per-client: 200 requests from one client, " + issued
                + " challenges issued (bound " + LIVE_PER_CLIENT + " live), " + (200 - issued) + " refused 429");
        assertThat(issued).isEqualTo(LIVE_PER_CLIENT);
        assertThat(challenge("10.20.0.2").statusCode()).as("another client").isEqualTo(200);
    }

    @Test
    void manyClients_holdAtMostTheLiveChallengesOfAll() {
        noLiveChallenges();
        int issued = 0;
        for (int i = 0; i < 200; i++) {
            Response r = challenge("10.21." + i + ".1"); // each in a network of its own
            if (r.statusCode() == 200) {
                issued++;
            } else {
                assertRefused(r, "CHALLENGES_EXHAUSTED");
            }
        }
        long live = liveChallenges();
        System.out.println("SECURITY challenges-total: 200 requests from 200 clients, " + issued
                + " challenges issued (bound " + LIVE + " live of all clients), " + (200 - issued) + " refused 429, "
                + live + " live");
        assertThat(issued).isEqualTo(LIVE);
        assertThat(live).isEqualTo(LIVE);
    }

    @Test
    void oneNetwork_holdsAtMostItsLiveChallenges_andAnotherNetworkStillGetsOne() {
        noLiveChallenges();
        int issued = 0;
        for (int i = 0; i < 200; i++) {
            Response r = challenge("10.24.7." + i); // 200 clients, one /24
            if (r.statusCode() == 200) {
                issued++;
            } else {
                assertRefused(r, "TOO_MANY_REQUESTS");
            }
        }
        System.out.println("SECURITY challenges-per-network: 200 requests from 200 clients of one /24, " + issued
                + " challenges issued (bound " + LIVE_PER_NETWORK + " live), " + (200 - issued) + " refused 429");
        assertThat(issued).isEqualTo(LIVE_PER_NETWORK);
        assertThat(challenge("10.24.8.1").statusCode()).as("a client of another network").isEqualTo(200);
    }

    @Test
    void parallelBursts_cannotOvershootTheBounds() throws Exception {
        noLiveChallenges();
        List<Integer> oneClient = parallelChallenges(Collections.nCopies(100, "10.25.0.1"));
        noLiveChallenges();
        List<String> clients = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            clients.add("10.26." + i + ".1");
        }
        List<Integer> manyClients = parallelChallenges(clients);
        long oneIssued = oneClient.stream().filter(s -> s == 200).count();
        long manyIssued = manyClients.stream().filter(s -> s == 200).count();
        System.out.println("SECURITY challenges-parallel: 100 parallel requests from one client, " + oneIssued
                + " issued (bound " + LIVE_PER_CLIENT + "); 200 parallel requests from 200 networks, " + manyIssued
                + " issued (bound " + LIVE + ")");
        assertThat(oneClient).allMatch(s -> s == 200 || s == 429);
        assertThat(manyClients).allMatch(s -> s == 200 || s == 429);
        assertThat(oneIssued).isPositive().isLessThanOrEqualTo(LIVE_PER_CLIENT);
        assertThat(manyIssued).isPositive().isLessThanOrEqualTo(LIVE);
        assertThat(liveChallenges()).isLessThanOrEqualTo(LIVE);
    }

    /** The statuses of one challenge request per entry of {@code clients}, all sent at once. */
    private static List<Integer> parallelChallenges(List<String> clients) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI uri = URI.create("http://localhost:" + RestAssured.port + "/api/terminal/challenge");
        List<CompletableFuture<HttpResponse<Void>>> answers = new ArrayList<>();
        for (String client : clients) {
            answers.add(http.sendAsync(HttpRequest.newBuilder(uri).header("X-Forwarded-For", client)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                    HttpResponse.BodyHandlers.discarding()));
        }
        List<Integer> statuses = new ArrayList<>();
        for (CompletableFuture<HttpResponse<Void>> answer : answers) {
            statuses.add(answer.get(2, TimeUnit.MINUTES).statusCode());
        }
        return statuses;
    }

    @Test
    void aTerminalHoldingTheCard_getsAtMostItsSignedAllowanceProcessed_andTheRestChangesNothing() {
        TestTerminal card = TestTerminal.issue("alice");
        TestTerminal other = TestTerminal.issue("bob");
        int processed = 0;
        int refused = 0;
        long auditBefore = 0;
        long atcBefore = 0;
        for (int i = 0; i < 20; i++) {
            // a message the card really signed, each with a fresh ATC
            String info = card.cardInfo();
            if (processed == SIGNED_PER_APPLICATION) {
                auditBefore = audit(card.applicationId);
                atcBefore = lastAtc(card.applicationId);
            }
            Response r = post("10.22.0." + (i % 3), "info", info);
            if (r.statusCode() == 200) {
                processed++;
            } else {
                assertRefused(r, "CARD_TOO_BUSY");
                refused++;
            }
        }
        System.out.println("SECURITY terminal-signed-per-application: 20 messages signed by one card, " + processed
                + " processed (bound " + SIGNED_PER_APPLICATION + "), " + refused + " refused 429 CARD_TOO_BUSY, "
                + (audit(card.applicationId) - auditBefore) + " rows written for them");
        assertThat(processed).isEqualTo(SIGNED_PER_APPLICATION);
        assertThat(audit(card.applicationId)).as("the refused ones wrote nothing").isEqualTo(auditBefore);
        assertThat(lastAtc(card.applicationId)).as("nor moved the last accepted ATC").isEqualTo(atcBefore);
        assertThat(post("10.22.0.1", "info", other.cardInfo()).statusCode()).as("another card").isEqualTo(200);
    }

    @Test
    void linkingACardOverItsSignedAllowance_answers429CardTooBusy_notActivationFailed() {
        String file = Api.as("admin").contentType(ContentType.JSON).body("""
                {"cardId":"%s","applications":[{"aid":"%s","purseLimit":100000,"balance":1000,
                 "pin":"1234","pinTryLimit":3}]}""".formatted(Api.randomCardId(), TestTerminal.AID_HEX))
                .post("/api/admin/cards").then().statusCode(201).extract().asString();
        String code = JsonPath.from(file).getString("activationCode");
        TestTerminal card = TestTerminal.personalise(file);
        for (int i = 0; i < SIGNED_PER_APPLICATION; i++) {
            assertThat(post("10.23.0.1", "info", card.cardInfo()).statusCode()).isEqualTo(200);
        }
        String challenge = challenge("10.23.0.2").then().statusCode(200).extract().jsonPath().getString("challenge");
        String proof = card.cardRequest(TransactionType.AUTHENTICATE, 0, Hex.decode(challenge));
        Response r = Api.as("alice").contentType(ContentType.JSON).body("""
                {"cardId":"%s","aid":"%s","message":"%s","activationCode":"%s"}""".formatted(card.cardId,
                TestTerminal.AID_HEX, proof, code)).post("/api/portal/cards/link");
        // the holder is told to wait, not that the card or the code is wrong
        assertRefused(r, "CARD_TOO_BUSY");
        Api.as("alice").get("/api/portal/cards").then().body("cardId", not(hasItem(card.cardId)));
    }

    private static long audit(long applicationId) {
        return QuarkusTransaction.requiringNew().call(() -> AuditEvent.count("applicationId", applicationId));
    }

    private static long lastAtc(long applicationId) {
        return QuarkusTransaction.requiringNew().call(() -> CardApplication.<CardApplication>findById(applicationId).lastAtc);
    }
}
