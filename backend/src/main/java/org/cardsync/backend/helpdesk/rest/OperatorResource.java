package org.cardsync.backend.helpdesk.rest;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.cardsync.backend.action.ActionRequest;
import org.cardsync.backend.action.ActionService;
import org.cardsync.backend.helpdesk.CardViews;
import org.cardsync.backend.helpdesk.HelpdeskService;
import org.cardsync.backend.security.UserAccount;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The operator API of the portal (customers, own cards, read only) and the console (helpdesk, admin). */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "operator", description = "Cards, applications, actions, audit")
public class OperatorResource {
    private final HelpdeskService helpdesk;
    private final ActionService actions;
    private final SecurityIdentity identity;

    public OperatorResource(HelpdeskService helpdesk, ActionService actions, SecurityIdentity identity) {
        this.helpdesk = helpdesk;
        this.actions = actions;
        this.identity = identity;
    }

    public record UnfreezeRequest(@NotBlank(message = "is required") @Size(max = 400) String comment) {
    }

    /**
     * The body of cancel and retry (may be {@code {}}). Requiring a JSON body stops cross-site request forgery:
     * a hostile page cannot send application/json cross-origin without a CORS preflight, which is refused.
     */
    public record OperatorAct(@Size(max = 400) String comment) {
    }

    @GET
    @Path("/cards")
    @RolesAllowed({UserAccount.CUSTOMER, UserAccount.HELPDESK, UserAccount.ADMIN})
    @Operation(summary = "List or search cards (a customer sees their own only)")
    public List<CardViews.CardSummary> cards(@QueryParam("q") String query) {
        return helpdesk.search(identity, query);
    }

    @GET
    @Path("/cards/{cardId}")
    @RolesAllowed({UserAccount.CUSTOMER, UserAccount.HELPDESK, UserAccount.ADMIN})
    @Operation(summary = "One card and its applications")
    public CardViews.CardSummary card(@PathParam("cardId") String cardId) {
        return helpdesk.card(identity, cardId);
    }

    @GET
    @Path("/applications/{id}")
    @RolesAllowed({UserAccount.CUSTOMER, UserAccount.HELPDESK, UserAccount.ADMIN})
    @Operation(summary = "Card application detail: counters, pending list, in-flight script, history, alerts")
    public CardViews.ApplicationDetail application(@PathParam("id") long id) {
        return helpdesk.detail(identity, id);
    }

    @GET
    @Path("/applications/{id}/audit")
    @RolesAllowed({UserAccount.CUSTOMER, UserAccount.HELPDESK, UserAccount.ADMIN})
    @Operation(summary = "The audit timeline of a card application")
    public List<CardViews.AuditView> audit(@PathParam("id") long id) {
        return helpdesk.audit(identity, id);
    }

    @POST
    @Path("/applications/{id}/actions")
    @RolesAllowed({UserAccount.HELPDESK, UserAccount.ADMIN})
    @Operation(summary = "Queue an action (LOAD_APPLICATION becomes several: its blocks and an activation)")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response queue(@PathParam("id") long id, @Valid @NotNull ActionRequest request) {
        List<CardViews.ActionView> queued = actions.queue(id, request, identity.getPrincipal().getName()).stream()
                .map(HelpdeskService::view).toList();
        return Response.status(201).entity(queued).build();
    }

    @POST
    @Path("/applications/{id}/actions/{actionId}/cancel")
    @RolesAllowed({UserAccount.HELPDESK, UserAccount.ADMIN})
    @Operation(summary = "Cancel: a QUEUED action at once, an IN_FLIGHT one when a later signed message settles it")
    @Consumes(MediaType.APPLICATION_JSON)
    public CardViews.ApplicationDetail cancel(@PathParam("id") long id, @PathParam("actionId") long actionId,
                                              @Valid @NotNull OperatorAct body) {
        actions.cancel(id, actionId, identity.getPrincipal().getName());
        return helpdesk.detail(identity, id);
    }

    @POST
    @Path("/applications/{id}/actions/{actionId}/retry")
    @RolesAllowed({UserAccount.HELPDESK, UserAccount.ADMIN})
    @Operation(summary = "Put a FAILED action back in the pending list")
    @Consumes(MediaType.APPLICATION_JSON)
    public CardViews.ApplicationDetail retry(@PathParam("id") long id, @PathParam("actionId") long actionId,
                                             @Valid @NotNull OperatorAct body) {
        actions.retry(id, actionId, identity.getPrincipal().getName());
        return helpdesk.detail(identity, id);
    }

    @POST
    @Path("/applications/{id}/unfreeze")
    @RolesAllowed({UserAccount.HELPDESK, UserAccount.ADMIN})
    @Operation(summary = "Lift a freeze, with a comment for the audit trail")
    @Consumes(MediaType.APPLICATION_JSON)
    public CardViews.ApplicationDetail unfreeze(@PathParam("id") long id, @Valid @NotNull UnfreezeRequest request) {
        return helpdesk.unfreeze(identity, id, request.comment());
    }
}
