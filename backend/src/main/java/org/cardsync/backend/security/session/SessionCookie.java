package org.cardsync.backend.security.session;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;

/** The session cookie's name and attributes, in one place for the sign-in resource and the authentication. */
public final class SessionCookie {
    public static final String NAME = "cardsync-session";

    private SessionCookie() {
    }

    /**
     * The cookie that carries a new session. HttpOnly: a script injected into the page cannot read it.
     * SameSite=Strict: no other site's page makes the browser send it. Secure whenever the request came over https
     * (directly, or through a trusted proxy's X-Forwarded-Proto), so it never travels in clear afterwards.
     */
    public static Cookie of(String token, Duration maxAge, HttpServerRequest request) {
        return Cookie.cookie(NAME, token).setPath("/").setHttpOnly(true).setSameSite(CookieSameSite.STRICT)
                .setSecure(isHttps(request)).setMaxAge(maxAge.toSeconds());
    }

    /** The cookie that makes the browser forget its session (sign-out, or a session that is over). */
    public static Cookie cleared(HttpServerRequest request) {
        return of("", Duration.ZERO, request);
    }

    private static boolean isHttps(HttpServerRequest request) {
        return request.isSSL() || "https".equalsIgnoreCase(request.scheme());
    }
}
