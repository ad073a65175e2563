package org.cardsync.backend.security.rest;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.cardsync.backend.error.ApiException;
import org.cardsync.backend.error.ErrorCode;
import org.cardsync.backend.security.ClientAddress;
import org.cardsync.backend.security.PasswordSignIn;
import org.cardsync.backend.security.TooManyAttemptsException;
import org.cardsync.backend.security.UserAccount;
import org.cardsync.backend.security.session.SessionCookie;
import org.cardsync.backend.security.session.SessionStore;
import org.cardsync.backend.web.EmptyBody;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Browser sign-in (docs/api.md "Signing in"): a session cookie instead of HTTP Basic. Every answer also renews the
 * CSRF cookie {@code cardsync-csrf}, which the page echoes in {@code X-CSRF-Token} on every state-changing request,
 * the sign-in itself included (so another site cannot sign a browser in as the attacker either).
 */
@Path("/api/session")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
@Tag(name = "session", description = "Browser sign-in and sign-out")
public class SessionResource {
    private final PasswordSignIn passwords;
    private final SessionStore sessions;
    private final IdentityProviderManager identities;
    private final SecurityIdentity caller;

    public SessionResource(PasswordSignIn passwords, SessionStore sessions, IdentityProviderManager identities,
                           SecurityIdentity caller) {
        this.passwords = passwords;
        this.sessions = sessions;
        this.identities = identities;
        this.caller = caller;
    }

    public record Credentials(
            @NotNull(message = "is required") @Size(max = 64, message = "is too long") String username,
            @NotNull(message = "is required") @Size(max = 200, message = "is too long") String password) {
    }

    /** The signed-in user. {@code role} is one of customer, helpdesk, admin. */
    public record SessionView(@Schema(required = true) String username,
                              @Schema(required = true, enumeration = {"customer", "helpdesk", "admin"}) String role,
                              @Schema(required = true, nullable = true, description = "the name to show, e.g. Hana Desk")
                              String displayName) {
    }

    @GET
    @Operation(summary = "Who is signed in (401 NOT_SIGNED_IN if nobody); sets the CSRF cookie if it is missing")
    public SessionView current() {
        if (caller.isAnonymous()) {
            throw new ApiException(ErrorCode.NOT_SIGNED_IN);
        }
        return view(caller);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Sign in with user name and password; answers with the session cookie")
    public Response signIn(@Valid @NotNull Credentials credentials, @Context HttpServerRequest request) {
        SecurityIdentity who;
        try {
            who = passwords.authenticate(credentials.username(), credentials.password(), ClientAddress.of(request),
                    identities).await().indefinitely();
        } catch (AuthenticationFailedException e) {
            // one answer for an unknown name and a wrong password: the sign-in does not reveal which accounts exist
            throw e.getCause() instanceof TooManyAttemptsException tooMany ? tooMany : new ApiException(ErrorCode.SIGN_IN_FAILED);
        }
        String previous = SessionCookie.token(request);
        if (previous != null) {
            // a session the browser held before (perhaps planted by someone else) is not carried over: fixation
            sessions.close(previous);
        }
        String token = sessions.open(who.getPrincipal().getName());
        HttpServerResponse response = request.response();
        response.addCookie(SessionCookie.of(token, request));
        return Response.ok(view(who)).build();
    }

    @POST
    @Path("/sign-out")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Sign out: ends the session on the server and clears its cookie")
    public Response signOut(@NotNull EmptyBody body, @Context HttpServerRequest request) {
        String token = SessionCookie.token(request);
        if (token != null) {
            sessions.close(token);
        }
        request.response().addCookie(SessionCookie.cleared(request));
        return Response.noContent().build();
    }

    private static SessionView view(SecurityIdentity who) {
        String username = who.getPrincipal().getName();
        return new SessionView(username, who.getRoles().stream().findFirst().orElse(""),
                UserAccount.findByUsername(username).map(u -> u.displayName).orElse(null));
    }
}
