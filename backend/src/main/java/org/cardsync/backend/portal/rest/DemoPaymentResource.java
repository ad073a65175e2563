package org.cardsync.backend.portal.rest;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.cardsync.backend.config.CardsyncConfig;
import org.cardsync.backend.error.ApiException;
import org.cardsync.backend.error.ErrorCode;
import org.cardsync.backend.portal.PortalViews.PaymentState;
import org.cardsync.backend.portal.PortalViews.PaymentView;
import org.cardsync.backend.portal.TopUps;
import org.cardsync.backend.security.UserAccount;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The demo payment provider: the payment page of the demo (pay.html) says how a payment ended, and no money moves.
 * Served only where {@code cardsync.portal.demo-payments} is true (dev, test, demo); elsewhere it is NOT_FOUND, so
 * nobody can mark a real payment paid.
 */
@Path("/api/demo-payments")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(UserAccount.CUSTOMER)
@Tag(name = "portal", description = "The customer portal: own cards, top-ups, changes, linking")
public class DemoPaymentResource {
    private final TopUps topUps;
    private final CardsyncConfig.Portal config;
    private final SecurityIdentity identity;

    public DemoPaymentResource(TopUps topUps, CardsyncConfig.Portal config, SecurityIdentity identity) {
        this.topUps = topUps;
        this.config = config;
        this.identity = identity;
    }

    public record PaymentOutcome(
            @Schema(required = true, enumeration = {"PAID", "DECLINED"}) @NotNull(message = "is required")
            @Pattern(regexp = "PAID|DECLINED", message = "must be PAID or DECLINED") String outcome) {
    }

    @POST
    @Path("/{paymentId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Demo only: complete a payment as PAID (queues the top-up) or DECLINED")
    public PaymentView complete(@PathParam("paymentId") long paymentId, @Valid @NotNull PaymentOutcome body) {
        if (!config.demoPayments()) {
            throw new ApiException(ErrorCode.NOT_FOUND, ErrorCode.NOT_FOUND.defaultMessage());
        }
        return topUps.complete(identity.getPrincipal().getName(), paymentId, PaymentState.valueOf(body.outcome()));
    }
}
