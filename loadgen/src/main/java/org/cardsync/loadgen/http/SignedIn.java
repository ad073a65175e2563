package org.cardsync.loadgen.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A user signed in to the backend through {@link BackendHttp}, as the web pages do (docs/api.md "Signing in"): one
 * POST /api/session, then the session cookie on every call (HTTP Basic would run bcrypt on each), with a CSRF token
 * of its own in both the {@value #CSRF_COOKIE} cookie and the {@value #CSRF_HEADER} header (the double-submit check
 * of backend RequestPolicy).
 */
public final class SignedIn {
    private static final String CSRF_COOKIE = "cardsync-csrf";
    private static final String CSRF_HEADER = "X-CSRF-Token";
    private static final String SESSION_COOKIE = "cardsync-session";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final BackendHttp http;
    private final String[] headers;

    private SignedIn(BackendHttp http, String sessionCookie, String csrfToken) {
        this.http = http;
        this.headers = new String[] {"Cookie", sessionCookie + "; " + CSRF_COOKIE + "=" + csrfToken, CSRF_HEADER,
                csrfToken, "Accept", "application/json"};
    }

    /**
     * Signs in; {@code hint} says what a refusal most likely means (e.g. that the backend is not on the demo profile).
     *
     * @throws IllegalStateException when the backend refuses or sets no session cookie
     */
    public static SignedIn signIn(BackendHttp http, String username, String password, String hint) {
        String token = randomToken();
        String body = JSON.createObjectNode().put("username", username).put("password", password).toString();
        BackendHttp.Answer answer = http.post("/api/session", body, "Cookie", CSRF_COOKIE + "=" + token, CSRF_HEADER,
                token);
        if (answer.status() != 200) {
            throw new IllegalStateException("signing in as " + username + " (" + hint + "): the backend answered "
                    + answer.status() + " " + answer.body());
        }
        String session = answer.cookies().stream().map(c -> c.split(";", 2)[0].trim())
                .filter(c -> c.startsWith(SESSION_COOKIE + "=")).findFirst()
                .orElseThrow(() -> new IllegalStateException("signing in answered no " + SESSION_COOKIE + " cookie"));
        return new SignedIn(http, session, token);
    }

    public BackendHttp.Answer get(String path) {
        return http.get(path, headers);
    }

    public BackendHttp.Answer post(String path, String json) {
        return http.post(path, json, headers);
    }

    /** 16 random bytes, base64url without padding: the form the backend's CSRF check expects. */
    private static String randomToken() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
