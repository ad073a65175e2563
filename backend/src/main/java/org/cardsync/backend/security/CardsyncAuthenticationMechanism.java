package org.cardsync.backend.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import org.cardsync.backend.error.ApiError;
import org.cardsync.backend.error.ErrorCode;
import org.cardsync.backend.security.session.SessionCookie;
import org.cardsync.backend.security.session.SessionTokenRequest;

/**
 * Who is calling: a browser by its session cookie (docs/api.md "Signing in"), an API client (scripts, the bench,
 * curl) by HTTP Basic on every request. One mechanism for both, replacing Quarkus' Basic mechanism, for one reason:
 * a 401 never carries {@code WWW-Authenticate: Basic}. That header makes a browser prompt for a password and then
 * send it by itself with every later request to the origin, including requests another site's page triggers,
 * which is how a cached helpdesk password once queued a CREDIT from a foreign page.
 */
@ApplicationScoped
public class CardsyncAuthenticationMechanism implements HttpAuthenticationMechanism {
    private static final String BASIC = "basic ";

    private final PasswordSignIn passwords;

    public CardsyncAuthenticationMechanism(PasswordSignIn passwords) {
        this.passwords = passwords;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String authorization = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            return basic(authorization.substring(BASIC.length()).trim(), context, identities);
        }
        if (SessionCookie.isDuplicated(context.request())) {
            // a second session cookie planted from another port or a sibling subdomain (see SessionCookie): not
            // signed in (NOT_SIGNED_IN where a sign-in is needed), and the browser drops its own copy
            context.response().addCookie(SessionCookie.cleared(context.request()));
            return Uni.createFrom().nullItem();
        }
        String token = SessionCookie.token(context.request());
        if (token == null) {
            return Uni.createFrom().nullItem();
        }
        SessionTokenRequest request = new SessionTokenRequest(token);
        HttpSecurityUtils.setRoutingContextAttribute(request, context);
        // A session that is over leaves the caller anonymous (GET /api/session answers NOT_SIGNED_IN), and the
        // browser is told to drop the dead cookie.
        return identities.authenticate(request).onFailure(AuthenticationFailedException.class).recoverWithItem(() -> {
            context.response().addCookie(SessionCookie.cleared(context.request()));
            return null;
        });
    }

    private Uni<SecurityIdentity> basic(String encoded, RoutingContext context, IdentityProviderManager identities) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(new AuthenticationFailedException("malformed Basic credentials"));
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return Uni.createFrom().failure(new AuthenticationFailedException("malformed Basic credentials"));
        }
        return passwords.authenticate(decoded.substring(0, colon), decoded.substring(colon + 1),
                ClientAddress.of(context.request()), identities);
    }

    /** 401 without {@code WWW-Authenticate} (see the class comment); the JSON body comes from the exception mappers. */
    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, null, null));
    }

    /**
     * The same 401 with our {@code {code, message}} body, where Quarkus itself refuses an anonymous client: the paths
     * guarded by HTTP permissions (the operations endpoints, application.properties). Resources refuse through the
     * exception mappers instead.
     */
    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        if (!context.response().ended()) {
            context.response().setStatusCode(ErrorCode.NOT_SIGNED_IN.status())
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end(Json.encode(ApiError.of(ErrorCode.NOT_SIGNED_IN, ErrorCode.NOT_SIGNED_IN.defaultMessage())));
        }
        return Uni.createFrom().item(true);
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(UsernamePasswordAuthenticationRequest.class, SessionTokenRequest.class);
    }
}
