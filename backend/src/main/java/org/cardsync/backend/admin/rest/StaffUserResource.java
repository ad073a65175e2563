package org.cardsync.backend.admin.rest;

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
import jakarta.ws.rs.core.Response;
import org.cardsync.backend.admin.StaffUserViews;
import org.cardsync.backend.admin.StaffUsers;
import org.cardsync.backend.helpdesk.Paging;
import org.cardsync.backend.helpdesk.rest.StaffAct;
import org.cardsync.backend.security.UserAccount;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Staff accounts; admin only (a helpdesk user gets 403 FORBIDDEN). */
@Path("/api/admin/users")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(UserAccount.ADMIN)
@Tag(name = "admin")
public class StaffUserResource {
    private final StaffUsers users;
    private final SecurityIdentity identity;

    public StaffUserResource(StaffUsers users, SecurityIdentity identity) {
        this.users = users;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "The staff accounts (helpdesk, admin) by user name; paged")
    public StaffUserViews.StaffUserPage list(@QueryParam("page") String page, @QueryParam("size") String size) {
        return users.list(Paging.of(page, size));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a staff account (409 CONFLICT if any account has the name)")
    @APIResponse(responseCode = "201", description = "The new account",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = StaffUserViews.StaffUser.class)))
    public Response create(@Valid @NotNull StaffUserViews.NewStaffUser request) {
        return Response.status(201).entity(users.create(request, actor())).build();
    }

    @POST
    @Path("/{username}/disable")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Disable a staff account: its sessions end, its sign-in and HTTP Basic are refused")
    public StaffUserViews.StaffUser disable(@PathParam("username") String username, @Valid @NotNull StaffAct body) {
        return users.disable(username, actor(), body.comment());
    }

    @POST
    @Path("/{username}/enable")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Enable a disabled staff account again")
    public StaffUserViews.StaffUser enable(@PathParam("username") String username, @Valid @NotNull StaffAct body) {
        return users.enable(username, actor(), body.comment());
    }

    @POST
    @Path("/{username}/password")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set a staff account's password (at least 12 characters); its sessions end")
    public StaffUserViews.StaffUser password(@PathParam("username") String username,
                                             @Valid @NotNull StaffUserViews.NewPassword body) {
        return users.setPassword(username, body.password(), actor());
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }
}
