package org.cardsync.loadgen.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The console's side of the card search, over HTTP as the web UI calls it: one sign-in (POST /api/session, the
 * session cookie kept), then GET /api/cards?q=...&size=25. The JDK's client: one request at a time, and this
 * benchmark's own CPU is not what it measures.
 */
final class ConsoleClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** The page's CSRF cookie, echoed in this header on a state-changing request (backend RequestPolicy). */
    private static final String CSRF_COOKIE = "cardsync-csrf";
    private static final String CSRF_HEADER = "X-CSRF-Token";

    private final CookieManager cookies = new CookieManager();
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI backend;

    ConsoleClient(URI backend) {
        this.backend = backend;
    }

    /** Signs in as the console does: GET /api/session first (it sets the CSRF cookie), then POST it with the token. */
    void signIn(String username, String password) throws IOException, InterruptedException {
        http.send(HttpRequest.newBuilder(backend.resolve("/api/session")).timeout(TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.discarding());
        String csrf = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(CSRF_COOKIE))
                .map(java.net.HttpCookie::getValue).findFirst()
                .orElseThrow(() -> new IllegalStateException("GET /api/session set no " + CSRF_COOKIE + " cookie"));
        String body = JSON.createObjectNode().put("username", username).put("password", password).toString();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(backend.resolve("/api/session"))
                .timeout(TIMEOUT).header("Content-Type", "application/json").header(CSRF_HEADER, csrf)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("sign-in as " + username + " answered " + response.statusCode() + ": "
                    + response.body());
        }
    }

    /** One page of the search's answer: the total of the whole match and the page's card ids. */
    record Answer(long total, List<String> cardIds) {
    }

    /** The first page (25) of the cards matching q; throws unless the answer is 200 with a total. */
    Answer search(String q) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(backend.resolve("/api/cards?size=25&q="
                + URLEncoder.encode(q, StandardCharsets.UTF_8))).timeout(TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("search '" + q + "' answered " + response.statusCode() + ": "
                    + response.body());
        }
        JsonNode page = JSON.readTree(response.body());
        JsonNode total = page.get("total");
        if (total == null || !total.canConvertToLong()) {
            throw new IllegalStateException("search '" + q + "' answered without a total: " + response.body());
        }
        List<String> cardIds = new ArrayList<>();
        page.path("items").forEach(item -> cardIds.add(item.path("cardId").asText()));
        return new Answer(total.asLong(), cardIds);
    }
}
