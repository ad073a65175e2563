package org.cardsync.loadgen.sessions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import org.cardsync.loadgen.http.BackendHttp;

/**
 * Issues the terminals' cards through the admin API (docs/api.md "Issuance"), as the demo admin, signed in once
 * (a session cookie: HTTP Basic would run bcrypt on every call), with a CSRF token of its own in both the cookie
 * and the header (docs/api.md "Signing in"). Set-up only: nothing measured goes this way.
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

    private final BackendHttp http;
    private final String csrfToken = randomToken();
    private final String cookies;

    private CardIssuer(BackendHttp http, String sessionCookie) {
        this.http = http;
        this.cookies = sessionCookie + "; cardsync-csrf=" + csrfToken;
    }

    /** Signs in as the demo admin (password admin-demo: the demo profile's published one). */
    static CardIssuer signIn(BackendHttp http) {
        String token = randomToken();
        BackendHttp.Answer answer = http.post("/api/session", "{\"username\":\"admin\",\"password\":\"admin-demo\"}",
                "Cookie", "cardsync-csrf=" + token, "X-CSRF-Token", token);
        expect(answer, 200, "signing in as admin (is the backend on the demo profile?)");
        String session = answer.cookies().stream().map(c -> c.split(";", 2)[0].trim())
                .filter(c -> c.startsWith("cardsync-session=")).findFirst()
                .orElseThrow(() -> new IllegalStateException("signing in answered no cardsync-session cookie"));
        return new CardIssuer(http, session);
    }

    /** Issues one card with one application (owner bob, balance 1000) and personalises a simulated card with it. */
    IssuedCard issue() throws java.io.IOException {
        String cardId = HexFormat.of().formatHex(randomBytes(8));
        String body = """
                {"cardId":"%s","owner":"%s","applications":[
                  {"aid":"%s","purseLimit":%d,"balance":1000,"pin":"1234","pinTryLimit":3}]}"""
                .formatted(cardId, OWNER, SimulatedCard.AID_HEX, PURSE_LIMIT);
        BackendHttp.Answer issued = http.post("/api/admin/cards", body, headers());
        expect(issued, 201, "issuing a card");
        String apdu = JSON.readTree(issued.body()).path("applications").path(0).path("apdus").path(0).asText();
        SimulatedCard card = new SimulatedCard(apdu);
        BackendHttp.Answer detail = http.get("/api/cards/" + cardId, headers());
        expect(detail, 200, "reading the card issued");
        JsonNode application = JSON.readTree(detail.body()).path("applications").path(0);
        return new IssuedCard(cardId, application.path("id").asLong(), card);
    }

    private String[] headers() {
        return new String[] {"Cookie", cookies, "X-CSRF-Token", csrfToken, "Accept", "application/json"};
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

    /** 16 random bytes, base64url without padding: the form the backend's CSRF check expects. */
    private static String randomToken() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(16));
    }
}
