package org.cardsync.backend.terminal.rest;

import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.cardsync.backend.error.ApiError;
import org.cardsync.backend.security.ClientAddress;
import org.cardsync.backend.terminal.TerminalOutcome;
import org.cardsync.backend.terminal.TerminalRateLimit;
import org.cardsync.backend.terminal.TerminalResponse;
import org.cardsync.backend.terminal.TerminalService;
import org.cardsync.protocol.MessageType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The terminal API: the browser relays the card's signed messages here, opaque to it. No user login: the
 * card's MAC and ATC are the authentication (rules 2 and 3), and an AUTHENTICATE REQUEST proves the card.
 */
@Path("/api/terminal")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
@Tag(name = "terminal", description = "Card messages relayed by the untrusted terminal")
// Every message endpoint answers alike; the challenge endpoint lives in ChallengeResource for that reason.
@APIResponse(responseCode = "200", description = "Accepted: what the signed counter settled, and the next script",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TerminalResponse.class)))
@APIResponse(responseCode = "400", description = "MALFORMED_MESSAGE, UNSUPPORTED_VERSION, WRONG_MESSAGE_TYPE or INVALID_REQUEST",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
@APIResponse(responseCode = "403", description = "BAD_MAC",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
@APIResponse(responseCode = "404", description = "UNKNOWN_CARD",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
@APIResponse(responseCode = "409", description = "STALE_ATC or COUNTER_ANOMALY",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
@APIResponse(responseCode = "423", description = "APPLICATION_FROZEN",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
@APIResponse(responseCode = "429", description = "TOO_MANY_REQUESTS: over the client's rate limit (messages or "
        + "challenges); Retry-After says how many seconds to wait",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
public class TerminalResource {
    private final TerminalService service;
    private final TerminalRateLimit limits;

    public TerminalResource(TerminalService service, TerminalRateLimit limits) {
        this.service = service;
        this.limits = limits;
    }

    /** A card message as hex (the card's response data without its status word). */
    public record CardMessage(
            @Schema(description = "the card's REQUEST, ACK or INFO as hex (docs/protocol.md 5)")
            @NotNull(message = "is required") @Size(max = 600, message = "is too long") String message) {
    }

    @POST
    @Path("/request")
    @Operation(summary = "A signed REQUEST: settles the counter and answers with the transaction and the next script")
    public Response request(@Valid @NotNull CardMessage body, @Context HttpServerRequest request) {
        return receive(MessageType.REQUEST, body, request);
    }

    @POST
    @Path("/ack")
    @Operation(summary = "A signed ACK: settles the script of the session it closes")
    public Response ack(@Valid @NotNull CardMessage body, @Context HttpServerRequest request) {
        return receive(MessageType.ACK, body, request);
    }

    @POST
    @Path("/info")
    @Operation(summary = "A signed INFO: settles whatever is in flight (deferred report)")
    public Response info(@Valid @NotNull CardMessage body, @Context HttpServerRequest request) {
        return receive(MessageType.INFO, body, request);
    }

    /** The client's rate limit first (before any database work), then the message path. */
    private Response receive(MessageType type, CardMessage body, HttpServerRequest request) {
        String client = ClientAddress.of(request);
        limits.takeMessage(client);
        return respond(service.receive(type, body.message(), client));
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
