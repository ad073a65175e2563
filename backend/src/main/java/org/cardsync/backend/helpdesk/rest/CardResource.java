package org.cardsync.backend.helpdesk.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.cardsync.backend.helpdesk.CardSearch;
import org.cardsync.backend.helpdesk.ConsoleViews;
import org.cardsync.backend.helpdesk.Paging;
import org.cardsync.backend.security.UserAccount;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Card search for the console; staff only (a customer reads their cards through /api/portal). */
@Path("/api/cards")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({UserAccount.HELPDESK, UserAccount.ADMIN})
@Tag(name = "staff", description = "The helpdesk console: cards, applications, acts, alerts, dashboard")
public class CardResource {
    private final CardSearch search;

    public CardResource(CardSearch search) {
        this.search = search;
    }

    @GET
    @Operation(summary = "Search cards: q matches a card id by prefix, or a customer's user name, display name or"
            + " e-mail by substring (case-insensitive); empty q lists every card by card id. Paged (page, size 1..100)")
    public ConsoleViews.CardPage search(@QueryParam("q") String q, @QueryParam("page") String page,
                                        @QueryParam("size") String size) {
        return search.search(q, Paging.of(page, size));
    }

    @GET
    @Path("/{cardId}")
    @Operation(summary = "One card, its customer and its applications")
    public ConsoleViews.CardSummary card(@PathParam("cardId") String cardId) {
        return search.card(cardId);
    }
}
