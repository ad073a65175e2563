package org.cardsync.backend.challenge.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.cardsync.backend.challenge.Challenge;
import org.cardsync.backend.challenge.ChallengeService;
import org.cardsync.backend.web.EmptyBody;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
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

    public ChallengeResource(ChallengeService challenges) {
        this.challenges = challenges;
    }

    public record ChallengeResponse(
            @Schema(required = true, description = "16 bytes as hex, for the REQUEST's server challenge field") String challenge,
            @Schema(required = true) Instant expiresAt) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "A fresh one-time server challenge for an AUTHENTICATE REQUEST (body {})")
    public ChallengeResponse challenge(@NotNull(message = "is required: send {}") EmptyBody body) {
        Challenge c = challenges.issue();
        return new ChallengeResponse(c.challenge, c.expiresAt);
    }
}
