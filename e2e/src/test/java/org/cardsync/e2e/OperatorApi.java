package org.cardsync.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * The backend's operator API (docs/api.md) as one demo user, over HTTP Basic, as an API client uses it: with a CSRF
 * token of its own, sent as both the {@code cardsync-csrf} cookie and the {@code X-CSRF-Token} header (docs/api.md
 * "Signing in").
 */
public final class OperatorApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final String authorization;
    private final String csrfToken = newCsrfToken();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** As the demo user {@code user}, whose password is {@code <user>-demo}. */
    public OperatorApi(String baseUrl, String user) {
        this.baseUrl = baseUrl;
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + user + "-demo").getBytes(StandardCharsets.UTF_8));
    }

    /** The id of the card application {@code aid} of card {@code cardId} (GET /api/cards/{cardId}). */
    public long applicationId(String cardId, String aid) throws IOException, InterruptedException {
        return application(cardId, aid).path("id").asLong();
    }

    /**
     * What the server last accepted from the card application {@code aid} of card {@code cardId}, from the card's
     * signed messages (GET /api/cards/{cardId}): {@code confirmedCa}, {@code lastAtc}, {@code lastBalance} (null
     * until the card's first signed message).
     */
    JsonNode application(String cardId, String aid) throws IOException, InterruptedException {
        JsonNode card = send(HttpRequest.newBuilder(uri("/api/cards/" + cardId)).GET(), 200);
        for (JsonNode app : card.path("applications")) {
            if (aid.equalsIgnoreCase(app.path("aid").asText())) {
                return app;
            }
        }
        throw new AssertionError("card " + cardId + " has no application " + aid + ": " + card);
    }

    /** Queues a CREDIT and returns the new action's id. */
    public long queueCredit(long applicationId, long amount) throws IOException, InterruptedException {
        String body = JSON.createObjectNode().put("type", "CREDIT").put("amount", amount).toString();
        JsonNode queued = send(HttpRequest.newBuilder(uri("/api/applications/" + applicationId + "/actions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), 201);
        return queued.get(0).path("id").asLong();
    }

    /**
     * Queues a CREDIT like {@link #queueCredit}, but returns the answer whatever it is: a fault test counts only the
     * 201s as promises the backend made.
     */
    public HttpResponse<String> tryQueueCredit(long applicationId, long amount) throws IOException, InterruptedException {
        String body = JSON.createObjectNode().put("type", "CREDIT").put("amount", amount).toString();
        return exchange(HttpRequest.newBuilder(uri("/api/applications/" + applicationId + "/actions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** GET {@code path} as this user; the answer whatever it is. */
    public HttpResponse<String> tryGet(String path) throws IOException, InterruptedException {
        return exchange(HttpRequest.newBuilder(uri(path)).GET());
    }

    /** The state of one action of an application (pending list or history), e.g. QUEUED, EXECUTED. */
    public String actionState(long applicationId, long actionId) throws IOException, InterruptedException {
        JsonNode detail = application(applicationId);
        for (JsonNode list : new JsonNode[] {detail.path("pending"), detail.path("inFlight").path("actions"),
                detail.path("recent"), detail.path("history")}) {
            for (JsonNode action : list) {
                if (action.path("id").asLong() == actionId) {
                    return action.path("state").asText();
                }
            }
        }
        // Older ones: every action, newest first and paged (CONSOLE-CONTRACT section 2); the application's own
        // answer lists only the pending ones, the script in flight and the 10 last finished.
        JsonNode page = send(HttpRequest.newBuilder(uri("/api/applications/" + applicationId + "/actions?size=100")).GET(), 200);
        for (JsonNode action : page.path("items")) {
            if (action.path("id").asLong() == actionId) {
                return action.path("state").asText();
            }
        }
        throw new AssertionError("application " + applicationId + " does not list action " + actionId + ": " + page);
    }

    /** Cancels every QUEUED action of the application (a test's clean start). */
    public void cancelQueued(long applicationId) throws IOException, InterruptedException {
        for (JsonNode action : application(applicationId).path("pending")) {
            if ("QUEUED".equals(action.path("state").asText())) {
                send(HttpRequest.newBuilder(uri("/api/applications/" + applicationId + "/actions/"
                        + action.path("id").asLong() + "/cancel"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"comment\":\"e2e: a clean start\"}")), 200);
            }
        }
    }

    /** Waits up to 45 s until action {@code actionId} is in {@code state}. */
    void awaitActionState(long applicationId, long actionId, String state) throws IOException, InterruptedException {
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(45);
        String now;
        while (!state.equals(now = actionState(applicationId, actionId))) {
            if (java.time.Instant.now().isAfter(deadline)) {
                throw new AssertionError("action " + actionId + " is " + now + ", not " + state);
            }
            Thread.sleep(250);
        }
    }

    /**
     * Issues a new card (as admin) with one application, balance 1000, and returns the personalisation file:
     * {@code {"cardId": ..., "applications": [{"aid": ..., "apdus": [...]}]}}.
     */
    public JsonNode issueCard(String cardId, String owner) throws IOException, InterruptedException {
        String body = """
                {"cardId":"%s","owner":"%s","applications":[
                  {"aid":"f04341524453594e4301","purseLimit":100000,"balance":1000,"pin":"1234","pinTryLimit":3}]}"""
                .formatted(cardId, owner);
        return send(HttpRequest.newBuilder(uri("/api/admin/cards"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), 201);
    }

    /**
     * Issues a new card without owner (as admin), one application, and returns the personalisation file with the
     * card's one-time {@code activationCode}.
     */
    JsonNode issueUnownedCard() throws IOException, InterruptedException {
        String body = """
                {"applications":[
                  {"aid":"f04341524453594e4301","purseLimit":100000,"balance":500,"pin":"1234","pinTryLimit":3}]}""";
        return send(HttpRequest.newBuilder(uri("/api/admin/cards"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), 201);
    }

    /** GET /api/applications/{id}: counters, pending actions, the script in flight, history. */
    public JsonNode application(long applicationId) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri("/api/applications/" + applicationId)).GET(), 200);
    }

    private HttpResponse<String> exchange(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request
                .header("Authorization", authorization)
                .header("Cookie", "cardsync-csrf=" + csrfToken)
                .header("X-CSRF-Token", csrfToken)
                .header("Accept", "application/json")
                .timeout(Duration.ofSeconds(15))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** 16 random bytes, base64url without padding: the form the backend's CSRF check expects. */
    private static String newCsrfToken() {
        byte[] bytes = new byte[16];
        new java.security.SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    private JsonNode send(HttpRequest.Builder request, int expectedStatus) throws IOException, InterruptedException {
        HttpResponse<String> response = exchange(request);
        if (response.statusCode() != expectedStatus) {
            throw new AssertionError(response.request().method() + " " + response.uri() + " answered "
                    + response.statusCode() + " (expected " + expectedStatus + "): " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
