package org.cardsync.backend.terminal.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import org.cardsync.backend.error.ApiError;
import org.cardsync.backend.challenge.Challenge;
import org.cardsync.backend.challenge.ChallengeService;
import org.cardsync.backend.terminal.TerminalOutcome;
import org.cardsync.backend.terminal.TerminalResponse;
import org.cardsync.backend.terminal.TerminalService;
import org.cardsync.protocol.MessageType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The terminal API: the browser relays the card's signed messages here, opaque to it. No user login: the
 * card's MAC and ATC are the authentication (rules 2 and 3), and an AUTHENTICATE REQUEST proves the card.
 */
@Path("/api/terminal")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
@Tag(name = "terminal", description = "Card messages relayed by the untrusted terminal")
public class TerminalResource {
    private final TerminalService service;
    private final ChallengeService challenges;

    public TerminalResource(TerminalService service, ChallengeService challenges) {
        this.service = service;
        this.challenges = challenges;
    }

    /** A card message as hex (the card's response data without its status word). */
    public record CardMessage(@NotNull(message = "is required") @Size(max = 600, message = "is too long") String message) {
    }

    public record ChallengeResponse(String challenge, Instant expiresAt) {
    }

    @POST
    @Path("/challenge")
    @Operation(summary = "A fresh one-time server challenge for an AUTHENTICATE REQUEST")
    public ChallengeResponse challenge() {
        Challenge c = challenges.issue();
        return new ChallengeResponse(c.challenge, c.expiresAt);
    }

    @POST
    @Path("/request")
    @Operation(summary = "A signed REQUEST: settles the counter and answers with the transaction and the next script")
    public Response request(@Valid @NotNull CardMessage body) {
        return respond(service.receive(MessageType.REQUEST, body.message()));
    }

    @POST
    @Path("/ack")
    @Operation(summary = "A signed ACK: settles the script of the session it closes")
    public Response ack(@Valid @NotNull CardMessage body) {
        return respond(service.receive(MessageType.ACK, body.message()));
    }

    @POST
    @Path("/info")
    @Operation(summary = "A signed INFO: settles whatever is in flight (deferred report)")
    public Response info(@Valid @NotNull CardMessage body) {
        return respond(service.receive(MessageType.INFO, body.message()));
    }

    private static Response respond(TerminalOutcome outcome) {
        if (outcome instanceof TerminalOutcome.Accepted accepted) {
            TerminalResponse r = accepted.response();
            return Response.ok(r).build();
        }
        TerminalOutcome.Rejected rejected = (TerminalOutcome.Rejected) outcome;
        return Response.status(rejected.code().status()).type(MediaType.APPLICATION_JSON)
                .entity(ApiError.of(rejected.code(), rejected.message())).build();
    }
}
