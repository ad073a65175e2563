package org.cardsync.backend.helpdesk.rest;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.cardsync.backend.helpdesk.AlertDesk;
import org.cardsync.backend.helpdesk.ConsoleViews;
import org.cardsync.backend.helpdesk.Dashboard;
import org.cardsync.backend.helpdesk.DashboardView;
import org.cardsync.backend.helpdesk.Paging;
import org.cardsync.backend.security.UserAccount;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The alerts across all cards, and the dashboard; staff only. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({UserAccount.HELPDESK, UserAccount.ADMIN})
@Tag(name = "staff")
public class AlertResource {
    private final AlertDesk alerts;
    private final Dashboard dashboard;
    private final SecurityIdentity identity;

    public AlertResource(AlertDesk alerts, Dashboard dashboard, SecurityIdentity identity) {
        this.alerts = alerts;
        this.dashboard = dashboard;
        this.identity = identity;
    }

    @GET
    @Path("/alerts")
    @Operation(summary = "Alerts, most recently seen first: one row per (application, kind) while open, with its"
            + " count. state: open (default), acknowledged, all; kind: an AlertKind; q: a card id prefix. Paged")
    public ConsoleViews.AlertPage alerts(@QueryParam("kind") String kind, @QueryParam("state") String state,
                                         @QueryParam("q") String q, @QueryParam("page") String page,
                                         @QueryParam("size") String size) {
        return alerts.list(kind, state, q, Paging.of(page, size));
    }

    @POST
    @Path("/alerts/{alertId}/acknowledge")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Acknowledge (close) an open alert; the next occurrence opens a new one")
    public ConsoleViews.AlertView acknowledge(@PathParam("alertId") long alertId, @Valid @NotNull StaffAct body) {
        return alerts.acknowledge(alertId, identity.getPrincipal().getName(), body.comment());
    }

    @GET
    @Path("/dashboard")
    @Operation(summary = "Counts now (queued, in flight, failed, frozen, open alerts) and hourly activity over the"
            + " last 'hours' (1..168, default 24): executed actions, resends, refused messages")
    public DashboardView dashboard(@QueryParam("hours") String hours) {
        return dashboard.dashboard(hours);
    }
}
