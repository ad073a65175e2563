package org.cardsync.backend.helpdesk.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.cardsync.backend.helpdesk.ApplicationDetails;
import org.cardsync.backend.helpdesk.ConsoleViews;
import org.cardsync.backend.helpdesk.Paging;
import org.cardsync.backend.security.UserAccount;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What the console reads of one card application; staff only. The acts are in {@link StaffActResource}. */
@Path("/api/applications/{id}")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({UserAccount.HELPDESK, UserAccount.ADMIN})
@Tag(name = "staff")
public class ApplicationResource {
    private final ApplicationDetails details;

    public ApplicationResource(ApplicationDetails details) {
        this.details = details;
    }

    @GET
    @Operation(summary = "A card application: counters, freeze, script in flight, pending head (100), last 10 finished"
            + " actions, open alerts (20), with totals")
    public ConsoleViews.ApplicationDetail application(@PathParam("id") long id) {
        return details.detail(id);
    }

    @GET
    @Path("/actions")
    @Operation(summary = "Every action of the application, newest first, optionally of one state; paged")
    public ConsoleViews.ActionPage actions(@PathParam("id") long id, @QueryParam("state") String state,
                                           @QueryParam("page") String page, @QueryParam("size") String size) {
        return details.actions(id, state, Paging.of(page, size));
    }

    @GET
    @Path("/audit")
    @Operation(summary = "The audit timeline of the application, newest first; paged")
    public ConsoleViews.AuditPage audit(@PathParam("id") long id, @QueryParam("page") String page,
                                        @QueryParam("size") String size) {
        return details.audit(id, Paging.of(page, size));
    }
}
