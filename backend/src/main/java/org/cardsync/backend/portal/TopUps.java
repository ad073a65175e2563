package org.cardsync.backend.portal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import org.cardsync.backend.action.Action;
import org.cardsync.backend.action.ActionRequest;
import org.cardsync.backend.action.ActionService;
import org.cardsync.backend.audit.AuditKind;
import org.cardsync.backend.audit.AuditTrail;
import org.cardsync.backend.card.CardApplication;
import org.cardsync.backend.error.ApiException;
import org.cardsync.backend.error.ErrorCode;
import org.cardsync.backend.portal.PortalViews.PaymentState;
import org.cardsync.backend.portal.PortalViews.PaymentView;
import org.cardsync.backend.portal.PortalViews.TopUp;
import org.cardsync.backend.portal.catalogue.Catalogue;

/**
 * Top-ups: an amount checked against the card's limit before anything is queued, a payment, and the CREDIT
 * queued in the same transaction as the payment's completion, once. Both checks run under the application's row
 * lock (rule 7), so two payments completed at once cannot together take the card over its purse limit.
 */
@ApplicationScoped
public class TopUps {
    private final ActionService actions;
    private final Catalogue catalogue;
    private final AuditTrail audit;

    public TopUps(ActionService actions, Catalogue catalogue, AuditTrail audit) {
        this.actions = actions;
        this.catalogue = catalogue;
        this.audit = audit;
    }

    /** Starts a payment for a top-up; nothing is queued until it is paid. */
    @Transactional
    public TopUp start(String customer, long applicationId, long amount) {
        CardApplication app = PortalAccess.lockOwn(customer, applicationId);
        PortalAccess.requireNotBlocked(app);
        requireWithinLimit(app, amount);
        Payment p = new Payment();
        p.applicationId = app.id;
        p.customer = customer;
        p.amount = amount;
        p.state = PaymentState.PENDING;
        p.createdAt = Instant.now();
        p.persist();
        return new TopUp(p.id, p.amount, currency(app), "/pay.html?payment=" + p.id);
    }

    @Transactional
    public PaymentView payment(String customer, long paymentId) {
        Payment p = Payment.findOwn(paymentId, customer).orElseThrow(() -> notFound(paymentId));
        return view(p, CardApplication.<CardApplication>findById(p.applicationId));
    }

    /**
     * Completes a payment as the payment provider reports it. PAID queues the CREDIT in this transaction, after
     * checking the limit again (other top-ups may have been queued since the payment started); a payment is
     * completed once: a second completion is PAYMENT_NOT_PENDING and changes nothing, so a replayed provider
     * callback cannot credit the card twice.
     */
    @Transactional
    public PaymentView complete(String customer, long paymentId, PaymentState outcome) {
        long applicationId = Payment.getEntityManager().createQuery(
                        "select p.applicationId from Payment p where p.id = :id and p.customer = :customer", Long.class)
                .setParameter("id", paymentId).setParameter("customer", customer).getResultStream().findFirst()
                .orElseThrow(() -> notFound(paymentId));
        CardApplication app = PortalAccess.lockOwn(customer, applicationId);
        // read under the application's lock: every completion of this payment waits for it, so one of them wins
        Payment p = Payment.getEntityManager().find(Payment.class, paymentId, LockModeType.PESSIMISTIC_WRITE);
        if (p.state != PaymentState.PENDING) {
            throw new ApiException(ErrorCode.PAYMENT_NOT_PENDING, "This payment is already " + p.state.name().toLowerCase()
                    + ".");
        }
        if (outcome == PaymentState.PAID) {
            PortalAccess.requireNotBlocked(app);
            requireWithinLimit(app, p.amount);
            List<Action> credit = actions.queue(app.id, new ActionRequest("CREDIT", p.amount, null, null, null, null),
                    customer);
            p.actionId = credit.get(0).id;
        }
        p.state = outcome;
        p.completedAt = Instant.now();
        audit.record(app.id, AuditKind.PAYMENT_COMPLETED, customer, null, p.actionId,
                "payment " + p.id + " of " + currency(app).format(p.amount) + " " + outcome.name().toLowerCase());
        return view(p, app);
    }

    private void requireWithinLimit(CardApplication app, long amount) {
        long max = PortalApplicationViews.maxTopUp(app, PortalApplicationViews.pendingTopUps(Action.ofApplication(app.id)));
        if (amount > max) {
            throw new ApiException(ErrorCode.AMOUNT_OVER_LIMIT, max == 0
                    ? "This card cannot take more money now: it is at its limit."
                    : "You can add at most " + currency(app).format(max) + " to this card now.");
        }
    }

    private Catalogue.Currency currency(CardApplication app) {
        return catalogue.product(app.aid).currency();
    }

    private PaymentView view(Payment p, CardApplication app) {
        return new PaymentView(p.id, p.applicationId, p.amount, currency(app), p.state, p.actionId);
    }

    private static ApiException notFound(long paymentId) {
        return new ApiException(ErrorCode.NOT_FOUND, "You have no payment " + paymentId + ".");
    }
}
