package org.cardsync.backend.portal.rest;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.cardsync.backend.error.ApiException;
import org.cardsync.backend.error.ErrorCode;
import org.cardsync.backend.portal.CardLinking;
import org.cardsync.backend.portal.PortalChanges;
import org.cardsync.backend.portal.PortalReads;
import org.cardsync.backend.portal.PortalViews.Change;
import org.cardsync.backend.portal.PortalViews.PaymentView;
import org.cardsync.backend.portal.PortalViews.PortalCard;
import org.cardsync.backend.portal.PortalViews.ProductOffer;
import org.cardsync.backend.portal.PortalViews.ServiceOffer;
import org.cardsync.backend.portal.PortalViews.TopUp;
import org.cardsync.backend.portal.TopUps;
import org.cardsync.backend.security.UserAccount;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The customer portal's API: a customer's own cards only (another customer's answer NOT_FOUND). */
@Path("/api/portal")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(UserAccount.CUSTOMER)
@Tag(name = "portal", description = "The customer portal: own cards, top-ups, changes, linking")
public class PortalResource {
    private final PortalReads reads;
    private final PortalChanges changes;
    private final TopUps topUps;
    private final CardLinking linking;
    private final SecurityIdentity identity;

    public PortalResource(PortalReads reads, PortalChanges changes, TopUps topUps, CardLinking linking,
                          SecurityIdentity identity) {
        this.reads = reads;
        this.changes = changes;
        this.topUps = topUps;
        this.linking = linking;
        this.identity = identity;
    }

    public record TopUpRequest(
            @Schema(required = true, description = "minor units") @NotNull(message = "is required")
            @Min(value = 1, message = "must be more than 0") @Max(value = 0xFFFFFFFFL, message = "is too large") Long amount) {
    }

    public record ParameterChange(
            @Schema(required = true, description = "as in PortalParameter.value") @NotNull(message = "is required")
            @Size(max = 64, message = "is too long") String value) {
    }

    public record ServiceRequest(@Schema(required = true) @NotBlank(message = "is required") @Size(max = 40) String serviceId) {
    }

    public record BlockRequest(
            @Schema(required = true, enumeration = {"LOST", "STOLEN"}) @NotNull(message = "is required")
            @Pattern(regexp = "LOST|STOLEN", message = "must be LOST or STOLEN") String reason) {
    }

    public record LinkRequest(
            @Schema(required = true) @NotNull(message = "is required")
            @Pattern(regexp = "[0-9a-fA-F]{16}", message = "must be 16 hex digits") String cardId,
            @Schema(required = true) @NotNull(message = "is required")
            @Pattern(regexp = "([0-9a-fA-F]{2}){5,16}", message = "must be 5 to 16 bytes of hex") String aid,
            @Schema(required = true, description = "the card's signed AUTHENTICATE REQUEST, hex, as for /api/terminal/request")
            @NotNull(message = "is required") @Size(max = 600, message = "is too long") String message,
            @Schema(required = true, description = "XXXX-XXXX-XXXX, from the card's letter")
            @NotNull(message = "is required") @Size(max = 40, message = "is too long") String activationCode) {
    }

    @GET
    @Path("/cards")
    @Operation(summary = "The customer's cards and their applications, in the issuer's words")
    public List<PortalCard> cards() {
        return reads.cards(customer());
    }

    @GET
    @Path("/products")
    @RolesAllowed({UserAccount.CUSTOMER, UserAccount.HELPDESK, UserAccount.ADMIN})
    @Operation(summary = "The catalogue's products: the card applications a customer may link (staff read it too)")
    public List<ProductOffer> products() {
        return reads.products();
    }

    @GET
    @Path("/services")
    @Operation(summary = "The services a customer may add to a card application")
    public List<ServiceOffer> services() {
        return reads.services();
    }

    @POST
    @Path("/applications/{id}/top-ups")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start a top-up: checks the amount against the card's limit and opens a payment; nothing is queued yet")
    public Response topUp(@PathParam("id") long id, @Valid @NotNull TopUpRequest request) {
        TopUp topUp = topUps.start(customer(), id, request.amount());
        return Response.status(201).entity(topUp).build();
    }

    @GET
    @Path("/payments/{paymentId}")
    @Operation(summary = "A payment of the customer's")
    public PaymentView payment(@PathParam("paymentId") long paymentId) {
        return topUps.payment(customer(), paymentId);
    }

    @POST
    @Path("/applications/{id}/parameters/{slot}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a parameter the catalogue lets the customer change")
    public Response setParameter(@PathParam("id") long id, @PathParam("slot") int slot,
                                 @Valid @NotNull ParameterChange request) {
        Change change = changes.setParameter(customer(), id, slot, request.value());
        return Response.status(201).entity(change).build();
    }

    @POST
    @Path("/applications/{id}/services")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a service from the catalogue (a LOAD_APPLICATION)")
    public Response addService(@PathParam("id") long id, @Valid @NotNull ServiceRequest request) {
        Change change = changes.addService(customer(), id, request.serviceId());
        return Response.status(201).entity(change).build();
    }

    @POST
    @Path("/applications/{id}/block")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Block a lost or stolen card: from now on nothing but the BLOCK is sent to it")
    public Response block(@PathParam("id") long id, @Valid @NotNull BlockRequest request) {
        Change change = changes.block(customer(), id, request.reason());
        return Response.status(201).entity(change).build();
    }

    @POST
    @Path("/cards/link")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Link an unowned card: the card's AUTHENTICATE over a fresh challenge plus its activation code")
    public PortalCard link(@Valid @NotNull LinkRequest request) {
        return linking.link(customer(), request.cardId(), request.aid(), request.message(), request.activationCode())
                .orElseThrow(() -> new ApiException(ErrorCode.ACTIVATION_FAILED, ErrorCode.ACTIVATION_FAILED.defaultMessage()));
    }

    private String customer() {
        return identity.getPrincipal().getName();
    }
}
