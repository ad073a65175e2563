package org.cardsync.backend.challenge.rest;

import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.cardsync.backend.challenge.Challenge;
import org.cardsync.backend.challenge.ChallengeService;
import org.cardsync.backend.error.ApiError;
import org.cardsync.backend.security.ClientAddress;
import org.cardsync.backend.terminal.TerminalRateLimit;
import org.cardsync.backend.web.EmptyBody;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * One-time server challenges for an AUTHENTICATE REQUEST, part of the terminal API. No login: the challenge
 * proves nothing by itself; the card's MAC over it does (rule 2), and it is consumed once.
 */
@Path("/api/terminal/challenge")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
@Tag(name = "terminal", description = "Card messages relayed by the untrusted terminal")
public class ChallengeResource {
    private final ChallengeService challenges;
    private final TerminalRateLimit limits;

    public ChallengeResource(ChallengeService challenges, TerminalRateLimit limits) {
        this.challenges = challenges;
        this.limits = limits;
    }

    public record ChallengeResponse(
            @Schema(required = true, description = "16 bytes as hex, for the REQUEST's server challenge field") String challenge,
            @Schema(required = true) Instant expiresAt) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "A fresh one-time server challenge for an AUTHENTICATE REQUEST (body {})")
    @APIResponse(responseCode = "200", description = "A fresh challenge",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ChallengeResponse.class)))
    @APIResponse(responseCode = "429", description = "TOO_MANY_REQUESTS: the client asked for too many challenges, or "
            + "holds too many unused ones; CHALLENGES_EXHAUSTED: all clients together hold too many unused ones; "
            + "Retry-After says how many seconds to wait",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    public ChallengeResponse challenge(@NotNull(message = "is required: send {}") EmptyBody body,
                                       @Context HttpServerRequest request) {
        // the rate is checked before any database work, the live challenges when one is written: nobody can fill the table
        String client = ClientAddress.of(request);
        limits.takeChallenge(client);
        Challenge c = challenges.issue(client);
        return new ChallengeResponse(c.challenge, c.expiresAt);
    }
}
