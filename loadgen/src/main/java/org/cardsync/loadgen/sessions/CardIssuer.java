package org.cardsync.loadgen.sessions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.cardsync.loadgen.http.BackendHttp;
import org.cardsync.loadgen.http.SignedIn;

/**
 * Issues the terminals' cards through the admin API (docs/api.md "Issuance"), as the demo admin signed in once
 * ({@link SignedIn}). Set-up only: nothing measured goes this way.
 */
final class CardIssuer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    static final String OWNER = "bob";
    /** The purse's limit: the balance (1000) plus every queued CREDIT of 1 must stay under it. */
    static final int PURSE_LIMIT = 100_000;

    /** A card issued and personalised: its id, its application's id, the card itself. */
    record IssuedCard(String cardId, long applicationId, SimulatedCard card) {
    }

    private final SignedIn admin;

    private CardIssuer(SignedIn admin) {
        this.admin = admin;
    }

    /** Signs in as the demo admin (password admin-demo: the demo profile's published one). */
    static CardIssuer signIn(BackendHttp http) {
        return new CardIssuer(SignedIn.signIn(http, "admin", "admin-demo", "is the backend on the demo profile?"));
    }

    /** Issues one card with one application (owner bob, balance 1000) and personalises a simulated card with it. */
    IssuedCard issue() throws java.io.IOException {
        String cardId = HexFormat.of().formatHex(randomBytes(8));
        String body = """
                {"cardId":"%s","owner":"%s","applications":[
                  {"aid":"%s","purseLimit":%d,"balance":1000,"pin":"1234","pinTryLimit":3}]}"""
                .formatted(cardId, OWNER, SimulatedCard.AID_HEX, PURSE_LIMIT);
        BackendHttp.Answer issued = admin.post("/api/admin/cards", body);
        expect(issued, 201, "issuing a card");
        String apdu = JSON.readTree(issued.body()).path("applications").path(0).path("apdus").path(0).asText();
        SimulatedCard card = new SimulatedCard(apdu);
        BackendHttp.Answer detail = admin.get("/api/cards/" + cardId);
        expect(detail, 200, "reading the card issued");
        JsonNode application = JSON.readTree(detail.body()).path("applications").path(0);
        return new IssuedCard(cardId, application.path("id").asLong(), card);
    }

    private static void expect(BackendHttp.Answer answer, int status, String what) {
        if (answer.status() != status) {
            throw new IllegalStateException(what + ": the backend answered " + answer.status() + " " + answer.body());
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
