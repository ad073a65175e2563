package org.cardsync.backend.security.session;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

/** The session cookie's name and attributes, in one place for the sign-in resource and the authentication. */
public final class SessionCookie {
    public static final String NAME = "cardsync-session";
    /**
     * The name over https. A browser takes a {@code __Host-} cookie only from this very host, Secure, with Path=/ and
     * no Domain: a sibling subdomain cannot plant one (session fixation, login CSRF). Plain http cannot have it.
     */
    public static final String SECURE_NAME = "__Host-" + NAME;

    private SessionCookie() {
    }

    /** The session cookie's name for this request: {@link #SECURE_NAME} over https, else {@link #NAME}. */
    public static String name(HttpServerRequest request) {
        return isHttps(request) ? SECURE_NAME : NAME;
    }

    /** The session token the request carries, or null. */
    public static String token(HttpServerRequest request) {
        Cookie cookie = request.getCookie(name(request));
        return cookie == null || cookie.getValue().isEmpty() ? null : cookie.getValue();
    }

    /**
     * Whether the request carries the session cookie more than once. Only a cookie set by someone else does that
     * (another port of this host, or a parent domain's cookie from a sibling subdomain): which one is the browser's
     * own cannot be told, so such a request is not signed in at all, rather than perhaps signed in as the attacker
     * (login CSRF: the victim's actions would land in the attacker's account).
     */
    public static boolean isDuplicated(HttpServerRequest request) {
        String name = name(request);
        int seen = 0;
        for (String header : request.headers().getAll(HttpHeaders.COOKIE)) {
            for (String pair : header.split(";")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).trim().equals(name) && ++seen > 1) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The cookie that carries a new session. HttpOnly: a script injected into the page cannot read it.
     * SameSite=Strict: no other site's page makes the browser send it. Secure whenever the request came over https
     * (directly, or through a trusted proxy's X-Forwarded-Proto), so it never travels in clear afterwards. No
     * Max-Age: the browser forgets it when it closes; the server's idle and absolute timeouts end it before that.
     */
    public static Cookie of(String token, HttpServerRequest request) {
        return Cookie.cookie(name(request), token).setPath("/").setHttpOnly(true).setSameSite(CookieSameSite.STRICT)
                .setSecure(isHttps(request));
    }

    /** The cookie that makes the browser forget its session (sign-out, or a session that is over). */
    public static Cookie cleared(HttpServerRequest request) {
        return of("", request).setMaxAge(0);
    }

    private static boolean isHttps(HttpServerRequest request) {
        return request.isSSL() || "https".equalsIgnoreCase(request.scheme());
    }
}
