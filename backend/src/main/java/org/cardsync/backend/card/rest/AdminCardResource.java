package org.cardsync.backend.card.rest;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.cardsync.backend.card.CardIssuance;
import org.cardsync.backend.card.IssuanceRequest;
import org.cardsync.backend.card.PersonalisationFile;
import org.cardsync.backend.security.UserAccount;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Issuance: registers a card and answers with its personalisation file. */
@Path("/api/admin/cards")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(UserAccount.ADMIN)
@Tag(name = "admin", description = "Card issuance")
public class AdminCardResource {
    private final CardIssuance issuance;
    private final SecurityIdentity identity;

    public AdminCardResource(CardIssuance issuance, SecurityIdentity identity) {
        this.issuance = issuance;
        this.identity = identity;
    }

    @POST
    @Operation(summary = "Register a card with its applications; returns the personalisation file (secret: it holds the card keys)")
    public Response issue(@Valid @NotNull IssuanceRequest request) {
        PersonalisationFile file = issuance.issue(request, identity.getPrincipal().getName());
        return Response.status(201).entity(file).build();
    }
}
