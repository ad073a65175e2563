package org.cardsync.backend.helpdesk.rest;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.cardsync.backend.action.ActionRequest;
import org.cardsync.backend.helpdesk.ConsoleViews;
import org.cardsync.backend.helpdesk.StaffActs;
import org.cardsync.backend.security.UserAccount;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The helpdesk's acts on a card application (docs/api.md "Staff API"); staff only. Each is audited with the staff
 * member and the body's optional comment.
 */
@Path("/api/applications/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({UserAccount.HELPDESK, UserAccount.ADMIN})
@Tag(name = "staff")
public class StaffActResource {
    private final StaffActs acts;
    private final SecurityIdentity identity;

    public StaffActResource(StaffActs acts, SecurityIdentity identity) {
        this.acts = acts;
        this.identity = identity;
    }

    @POST
    @Path("/actions")
    @Operation(summary = "Queue an action (LOAD_APPLICATION becomes several: its blocks and an activation)")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ActionRequest.class), examples = {
                    @ExampleObject(name = "CREDIT", summary = "Credit 20.00 (minor units)",
                            value = "{\"type\":\"CREDIT\",\"amount\":2000,\"comment\":\"goodwill refund, call 4711\"}"),
                    @ExampleObject(name = "WRITE_PARAMETER", summary = "Write slot 3",
                            value = "{\"type\":\"WRITE_PARAMETER\",\"slot\":3,\"value\":\"68656c6c6f\"}"),
                    @ExampleObject(name = "LOAD_APPLICATION", summary = "Load an application record",
                            value = "{\"type\":\"LOAD_APPLICATION\",\"appId\":1,\"record\":\"0102030405\"}"),
                    @ExampleObject(name = "BLOCK", value = "{\"type\":\"BLOCK\",\"comment\":\"reported stolen\"}"),
                    @ExampleObject(name = "UNBLOCK", value = "{\"type\":\"UNBLOCK\"}"),
                    @ExampleObject(name = "RESET_PIN_TRIES", value = "{\"type\":\"RESET_PIN_TRIES\"}")}))
    @APIResponse(responseCode = "201", description = "The queued actions, in order",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = ConsoleViews.ActionView.class)))
    public Response queue(@PathParam("id") long id, @Valid @NotNull ActionRequest request) {
        return Response.status(201).entity(acts.queue(id, request, actor())).build();
    }

    @POST
    @Path("/actions/{actionId}/cancel")
    @Operation(summary = "Cancel: a QUEUED action at once, an IN_FLIGHT one when a later signed message settles it")
    public ConsoleViews.ApplicationDetail cancel(@PathParam("id") long id, @PathParam("actionId") long actionId,
                                                 @Valid @NotNull StaffAct body) {
        return acts.cancel(id, actionId, actor(), body.comment());
    }

    @POST
    @Path("/actions/{actionId}/retry")
    @Operation(summary = "Put a FAILED action back at the end of the pending list")
    public ConsoleViews.ApplicationDetail retry(@PathParam("id") long id, @PathParam("actionId") long actionId,
                                                @Valid @NotNull StaffAct body) {
        return acts.retry(id, actionId, actor(), body.comment());
    }

    @POST
    @Path("/unfreeze")
    @Operation(summary = "Lift a freeze as it is (the next signed message is settled against the unchanged confirmed CA)")
    public ConsoleViews.ApplicationDetail unfreeze(@PathParam("id") long id, @Valid @NotNull StaffAct body) {
        return acts.unfreeze(id, actor(), body.comment());
    }

    @POST
    @Path("/resync")
    @Operation(summary = "Resync a frozen application to the CA its card last signed: the script in flight ends (its"
            + " actions FAILED, outcome unknown), the queued actions are issued from the new CA; 409 INVALID_STATE if"
            + " not frozen or the card signed nothing since the freeze")
    public ConsoleViews.ApplicationDetail resync(@PathParam("id") long id, @Valid @NotNull StaffAct body) {
        return acts.resync(id, actor(), body.comment());
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }
}
