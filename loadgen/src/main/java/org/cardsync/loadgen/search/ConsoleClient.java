package org.cardsync.loadgen.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.cardsync.loadgen.http.BackendHttp;
import org.cardsync.loadgen.http.SignedIn;

/**
 * The console's side of the card search, over HTTP as the web UI calls it: one sign-in ({@link SignedIn}), then
 * GET /api/cards?q=...&size=25, one request at a time on one connection.
 */
final class ConsoleClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BackendHttp http;
    private final SignedIn user;

    private ConsoleClient(BackendHttp http, SignedIn user) {
        this.http = http;
        this.user = user;
    }

    /** Signs in as the console does. */
    static ConsoleClient signIn(URI backend, String username, String password) {
        BackendHttp http = new BackendHttp(backend, 1);
        try {
            return new ConsoleClient(http, SignedIn.signIn(http, username, password, "a helpdesk or admin user"));
        } catch (RuntimeException e) {
            http.close();
            throw e;
        }
    }

    /** One page of the search's answer: the total of the whole match and the page's card ids. */
    record Answer(long total, List<String> cardIds) {
    }

    /** The first page (25) of the cards matching q; throws unless the answer is 200 with a total. */
    Answer search(String q) throws IOException {
        BackendHttp.Answer response = user.get("/api/cards?size=25&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
        if (response.status() != 200) {
            throw new IllegalStateException("search '" + q + "' answered " + response.status() + ": " + response.body());
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

    @Override
    public void close() {
        http.close();
    }
}
