package org.cardsync.backend.portal;

import java.time.Instant;
import java.util.List;
import org.cardsync.backend.card.ApplicationStatus;
import org.cardsync.backend.portal.catalogue.Catalogue.Currency;
import org.cardsync.backend.portal.catalogue.ParameterSpec;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What the portal shows a customer (docs/api.md, "Portal API"): their cards in the issuer's words, amounts in
 * minor units with their currency. Never a staff name. The {@code @Schema} annotations give the web UI precise
 * generated types.
 */
public final class PortalViews {
    private PortalViews() {
    }

    @Schema(name = "PortalCard")
    public record PortalCard(
            @Schema(required = true) String cardId,
            @Schema(required = true) List<PortalApplication> applications) {
    }

    @Schema(name = "PortalApplication")
    public record PortalApplication(
            @Schema(required = true) long id,
            @Schema(required = true) String cardId,
            @Schema(required = true) String aid,
            @Schema(required = true) String productName,
            @Schema(required = true) ApplicationStatus status,
            @Schema(required = true, description = "the customer blocked it: only the BLOCK is sent to the card")
            boolean blockRequested,
            @Schema(required = true) Currency currency,
            @Schema(required = true, nullable = true, description = "minor units, as the card last signed it") Long balance,
            @Schema(required = true, nullable = true) Instant balanceSeenAt,
            @Schema(required = true) long purseLimit,
            @Schema(required = true, description = "top-ups queued or being applied") long pendingTopUps,
            @Schema(required = true, description = "the most a top-up may be now") long maxTopUp,
            @Schema(required = true) List<Parameter> parameters,
            @Schema(required = true) List<Service> services,
            @Schema(required = true, description = "every change not settled, then the last 20 settled; newest first")
            List<Change> changes,
            @Schema(required = true) Support support) {
    }

    @Schema(name = "PortalParameter")
    public record Parameter(
            @Schema(required = true) int slot,
            @Schema(required = true) String name,
            @Schema(required = true) String description,
            @Schema(required = true) ParameterSpec.Type type,
            @Schema(required = true, nullable = true, description = "AMOUNT: minor units as a decimal string; CHOICE: the key; TEXT: the text")
            String value,
            @Schema(required = true, nullable = true, description = "the value of a change not yet on the card") String pendingValue,
            @Schema(required = true) boolean customerMayChange,
            @Schema(required = true, nullable = true) List<Choice> choices,
            @Schema(required = true, nullable = true) Long min,
            @Schema(required = true, nullable = true) Long max,
            @Schema(required = true, nullable = true) Integer maxLength) {
    }

    @Schema(name = "PortalChoice")
    public record Choice(@Schema(required = true) String key, @Schema(required = true) String label) {
    }

    public enum ServiceState { ACTIVE, BEING_ADDED }

    @Schema(name = "PortalService")
    public record Service(
            @Schema(required = true) String serviceId,
            @Schema(required = true) String name,
            @Schema(required = true) String description,
            @Schema(required = true) ServiceState state) {
    }

    /** A product of the catalogue, so that the page can link a card of any of them. */
    @Schema(name = "PortalProduct")
    public record ProductOffer(
            @Schema(required = true) String aid,
            @Schema(required = true) String productName,
            @Schema(required = true, description = "the purse's currency: what issuance's amounts and the limits are in")
            Currency currency) {
    }

    @Schema(name = "PortalServiceOffer")
    public record ServiceOffer(
            @Schema(required = true) String serviceId,
            @Schema(required = true) String name,
            @Schema(required = true) String description) {
    }

    public enum ChangeKind { TOP_UP, SET_PARAMETER, ADD_SERVICE, BLOCK, UNBLOCK, RESET_PIN_TRIES }

    public enum ChangeState { WAITING, BEING_APPLIED, APPLIED, REFUSED, CANCELLED, ON_HOLD }

    @Schema(name = "PortalChange")
    public record Change(
            @Schema(required = true, description = "the action id; for an added service the id of its last action") long id,
            @Schema(required = true) ChangeKind kind,
            @Schema(required = true, nullable = true) Long amount,
            @Schema(required = true, nullable = true) String parameterName,
            @Schema(required = true, nullable = true, description = "raw, as in PortalParameter.value") String newValue,
            @Schema(required = true, nullable = true) String serviceName,
            @Schema(required = true) ChangeState state,
            @Schema(required = true, nullable = true, description = "a MeritReason name, or CANCELLED_BY_ISSUER")
            String reason,
            @Schema(required = true) Instant requestedAt,
            @Schema(required = true, nullable = true) Instant settledAt,
            @Schema(required = true, description = "every action of the change, for the sync progress") List<Long> actionIds) {
    }

    @Schema(name = "PortalSupport")
    public record Support(
            @Schema(required = true) long confirmedCa,
            @Schema(required = true) long lastAtc,
            @Schema(required = true) int keyVersion,
            @Schema(required = true, nullable = true) String frozenReason) {
    }

    public enum PaymentState { PENDING, PAID, DECLINED }

    @Schema(name = "PortalTopUp")
    public record TopUp(
            @Schema(required = true) long paymentId,
            @Schema(required = true) long amount,
            @Schema(required = true) Currency currency,
            @Schema(required = true, description = "the payment page: /pay.html?payment=<id>") String paymentUrl) {
    }

    @Schema(name = "PortalPayment")
    public record PaymentView(
            @Schema(required = true) long paymentId,
            @Schema(required = true) long applicationId,
            @Schema(required = true) long amount,
            @Schema(required = true) Currency currency,
            @Schema(required = true) PaymentState state,
            @Schema(required = true, nullable = true, description = "the top-up change (CREDIT action) once paid") Long changeId) {
    }

    @Schema(name = "PortalAgent")
    public record AgentInfo(
            @Schema(required = true, nullable = true, description = "null when this server offers no download")
            String downloadUrl,
            @Schema(required = true) String version,
            @Schema(required = true) String startCommand,
            @Schema(required = true) int defaultPort,
            @Schema(required = true, description = "the installable packages offered (docs/agent.md); empty when none")
            List<AgentPackages.AgentPackage> packages) {
    }
}
