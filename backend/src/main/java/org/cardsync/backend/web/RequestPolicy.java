package org.cardsync.backend.web;

import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.Set;
import org.cardsync.backend.error.ApiError;
import org.cardsync.backend.error.ErrorCode;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * What every request must show before any resource sees it: a JSON body (415) and, on state-changing requests, the
 * CSRF token (403). The token itself (the {@code cardsync-csrf} cookie, its comparison with {@code X-CSRF-Token})
 * is Quarkus REST CSRF's (quarkus.rest-csrf.* in application.properties); this class decides where it is required
 * and gives its refusal our error shape. See docs/api.md "Signing in".
 */
public class RequestPolicy {
    /** The header the page echoes the CSRF cookie in; quarkus.rest-csrf.token-header-name has the same value. */
    public static final String CSRF_HEADER = "X-CSRF-Token";
    /** The CSRF cookie; quarkus.rest-csrf.cookie-name has the same value. */
    public static final String CSRF_COOKIE = "cardsync-csrf";
    private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH");
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    /**
     * Every POST, PUT and PATCH must say {@code Content-Type: application/json}, also when the header is missing.
     * Stops cross-site request forgery by "simple" requests: a page on another origin can send text/plain or a form
     * without asking, but a JSON request from it needs a CORS preflight, which this server never grants.
     */
    @ServerRequestFilter(preMatching = true, priority = Priorities.HEADER_DECORATOR)
    public Optional<Response> requireJson(ContainerRequestContext request) {
        if (!WITH_BODY.contains(request.getMethod())) {
            return Optional.empty();
        }
        MediaType type = request.getMediaType();
        if (type != null && "application".equals(type.getType()) && "json".equals(type.getSubtype())) {
            return Optional.empty();
        }
        return Optional.of(refuse(ErrorCode.UNSUPPORTED_MEDIA_TYPE));
    }

    /**
     * A state-changing request must carry the CSRF token in {@value #CSRF_HEADER}; Quarkus REST CSRF, which runs
     * next, compares it with the cookie. Needed here because with require-form-url-encoded=false (our bodies are JSON,
     * not forms) the extension lets a JSON request without the header through unchecked.
     *
     * <p>Not on the terminal API: it needs no login and reads no cookie, so a forged request has no authority to
     * borrow; the card's MAC over the message and the fresh ATC are its proof (docs/protocol.md). Quarkus REST CSRF
     * cannot exclude paths (quarkus issue 53715), which is why the header requirement is decided here.
     */
    @ServerRequestFilter(priority = Priorities.USER - 100)
    public Optional<Response> requireCsrfHeader(ContainerRequestContext request, RoutingContext routing) {
        if (SAFE.contains(request.getMethod()) || routing.normalizedPath().startsWith("/api/terminal/")) {
            return Optional.empty();
        }
        String header = request.getHeaderString(CSRF_HEADER);
        return header == null || header.isBlank() ? Optional.of(refuse(ErrorCode.CSRF_TOKEN_INVALID)) : Optional.empty();
    }

    /**
     * Quarkus REST CSRF refuses a missing cookie, a wrong token or a malformed cookie with a bare 400; nothing else
     * here answers without a body. Give that refusal its code, and delete the cookie: a malformed one (planted by a
     * page on another port of this host, since cookies are not separated by port) would otherwise make the extension
     * refuse every request, GET /api/session included, and lock the page out. Without it the next GET sets a fresh one.
     */
    @ServerResponseFilter
    public void explainCsrfRefusal(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() == 400 && !response.hasEntity()) {
            response.setStatus(ErrorCode.CSRF_TOKEN_INVALID.status());
            response.getHeaders().putSingle("Content-Type", MediaType.APPLICATION_JSON);
            response.getHeaders().add(HttpHeaders.SET_COOKIE, CSRF_COOKIE + "=; Path=/; Max-Age=0; SameSite=Strict"
                    + ("https".equals(request.getUriInfo().getRequestUri().getScheme()) ? "; Secure" : ""));
            response.setEntity(ApiError.of(ErrorCode.CSRF_TOKEN_INVALID, ErrorCode.CSRF_TOKEN_INVALID.defaultMessage()));
        }
    }

    private static Response refuse(ErrorCode code) {
        return Response.status(code.status()).type(MediaType.APPLICATION_JSON)
                .entity(ApiError.of(code, code.defaultMessage())).build();
    }
}
