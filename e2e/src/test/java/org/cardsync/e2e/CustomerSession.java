package org.cardsync.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.APIRequestContext;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.options.Cookie;
import com.microsoft.playwright.options.RequestOptions;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The portal's API (PORTAL-CONTRACT, docs/api.md) with the cookies of one browser context: what the customer's
 * signed-in browser can do, for setting a test up quickly and for checking what the server holds. Every POST
 * sends the CSRF token from the {@code cardsync-csrf} cookie in {@code X-CSRF-Token}, unless a test leaves it out
 * on purpose.
 */
final class CustomerSession {

    static final String CSRF_COOKIE = "cardsync-csrf";
    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BrowserContext context;
    private final String baseUrl;

    CustomerSession(BrowserContext context, String baseUrl) {
        this.context = context;
        this.baseUrl = baseUrl;
    }

    private APIRequestContext http() {
        return context.request();
    }

    /** Signs in as the demo user {@code user} (password {@code <user>-demo}) and returns the session's answer. */
    JsonNode signIn(String user) {
        http().get(baseUrl + "/api/session"); // sets the CSRF cookie; 401 before sign-in
        APIResponse response = post("/api/session", "{\"username\":\"" + user + "\",\"password\":\"" + user + "-demo\"}");
        return expect(response, 200, "sign-in");
    }

    /** The CSRF token the backend gave this browser (the cookie a page of its origin reads). */
    String csrfToken() {
        for (Cookie cookie : context.cookies(baseUrl)) {
            if (CSRF_COOKIE.equals(cookie.name)) {
                return cookie.value;
            }
        }
        throw new AssertionError("no " + CSRF_COOKIE + " cookie for " + baseUrl + ": " + context.cookies(baseUrl));
    }

    JsonNode get(String path) {
        return expect(http().get(baseUrl + path), 200, "GET " + path);
    }

    /** A JSON POST as the portal page sends it: JSON body, Content-Type application/json, the CSRF token. */
    APIResponse post(String path, String json) {
        return http().post(baseUrl + path, RequestOptions.create()
                .setHeader("Content-Type", "application/json")
                .setHeader(CSRF_HEADER, csrfToken())
                .setData(json));
    }

    /** A POST with exactly these headers (null: the header is left out) and body, for the refusal tests. */
    APIResponse rawPost(String path, String contentType, String csrfToken, String body) {
        RequestOptions options = RequestOptions.create().setData(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (contentType != null) {
            options.setHeader("Content-Type", contentType);
        }
        if (csrfToken != null) {
            options.setHeader(CSRF_HEADER, csrfToken);
        }
        return http().post(baseUrl + path, options);
    }

    JsonNode cards() {
        return get("/api/portal/cards");
    }

    /** The PortalApplication {@code applicationId} as GET /api/portal/cards gives it. */
    JsonNode application(long applicationId) {
        for (JsonNode card : cards()) {
            for (JsonNode app : card.path("applications")) {
                if (app.path("id").asLong() == applicationId) {
                    return app;
                }
            }
        }
        throw new AssertionError("the customer's cards do not list application " + applicationId + ": " + cards());
    }

    /** The id of the customer's application {@code aid} on card {@code cardId}. */
    long applicationId(String cardId, String aid) {
        for (JsonNode card : cards()) {
            if (card.path("cardId").asText().equalsIgnoreCase(cardId)) {
                for (JsonNode app : card.path("applications")) {
                    if (app.path("aid").asText().equalsIgnoreCase(aid)) {
                        return app.path("id").asLong();
                    }
                }
            }
        }
        throw new AssertionError("the customer's cards do not list " + cardId + "/" + aid + ": " + cards());
    }

    static JsonNode json(APIResponse response) {
        try {
            return JSON.readTree(response.text());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.text(), e);
        }
    }

    /** A JSON file, such as one the browser downloaded. */
    static JsonNode json(java.nio.file.Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + file, e);
        }
    }

    static JsonNode expect(APIResponse response, int status, String what) {
        if (response.status() != status) {
            throw new AssertionError(what + " answered " + response.status() + " (expected " + status + "): "
                    + response.text());
        }
        String body = response.text();
        return body.isEmpty() ? JSON.nullNode() : json(response);
    }
}
