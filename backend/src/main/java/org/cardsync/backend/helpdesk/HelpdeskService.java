package org.cardsync.backend.helpdesk;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Locale;
import org.cardsync.backend.action.Action;
import org.cardsync.backend.action.ActionService;
import org.cardsync.backend.action.ActionState;
import org.cardsync.backend.audit.Alert;
import org.cardsync.backend.audit.AuditEvent;
import org.cardsync.backend.audit.AuditKind;
import org.cardsync.backend.audit.AuditTrail;
import org.cardsync.backend.card.ApplicationChanged;
import org.cardsync.backend.card.ApplicationStatus;
import org.cardsync.backend.card.Card;
import org.cardsync.backend.card.CardApplication;
import org.cardsync.backend.error.ApiException;
import org.cardsync.backend.error.ErrorCode;
import org.cardsync.backend.script.Script;
import org.cardsync.backend.security.UserAccount;

/** Reads for the portal and the console, with the ownership rule: a customer sees only their own cards. */
@ApplicationScoped
public class HelpdeskService {
    /** A search answers at most this many cards; narrow the query for more. */
    static final int MAX_RESULTS = 200;

    private final AuditTrail audit;
    private final Event<ApplicationChanged> changed;

    public HelpdeskService(AuditTrail audit, Event<ApplicationChanged> changed) {
        this.audit = audit;
        this.changed = changed;
    }

    @Transactional
    public List<CardViews.CardSummary> search(SecurityIdentity who, String query) {
        List<Card> cards;
        if (isCustomer(who)) {
            cards = Card.findByOwner(who.getPrincipal().getName());
        } else if (query == null || query.isBlank()) {
            cards = Card.find("order by id").page(0, MAX_RESULTS).list();
        } else {
            String q = query.toLowerCase(Locale.ROOT).trim() + "%";
            cards = Card.find("lower(cardId) like ?1 or lower(owner) like ?1 order by id", q).page(0, MAX_RESULTS).list();
        }
        return cards.stream().map(this::summary).toList();
    }

    @Transactional
    public CardViews.CardSummary card(SecurityIdentity who, String cardId) {
        Card card = Card.findByCardId(cardId).orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "no card " + cardId));
        checkOwner(who, card);
        return summary(card);
    }

    @Transactional
    public CardViews.ApplicationDetail detail(SecurityIdentity who, long applicationId) {
        CardApplication app = visible(who, applicationId);
        List<Action> all = Action.ofApplication(app.id);
        java.util.function.Function<Action, CardViews.ActionView> view = a -> forViewer(who, view(a));
        CardViews.ScriptView inFlight = Script.inFlight(app.id).map(s -> new CardViews.ScriptView(s.id, s.baseCa,
                s.sessionAtc, s.actionCount, s.issuedAt,
                all.stream().filter(a -> s.id.equals(a.scriptId) && a.state == ActionState.IN_FLIGHT)
                        .map(view).toList())).orElse(null);
        return new CardViews.ApplicationDetail(app.id, app.card.cardId, app.card.owner, app.aid, app.status.name(),
                app.frozenReason, app.confirmedCa, app.lastAtc, app.lastBalance, app.keyVersion,
                all.stream().filter(a -> a.state == ActionState.QUEUED).map(view).toList(),
                inFlight,
                all.stream().filter(a -> a.state != ActionState.QUEUED && a.state != ActionState.IN_FLIGHT)
                        .map(view).toList(),
                Alert.ofApplication(app.id).stream()
                        .map(a -> new CardViews.AlertView(a.id, a.at, a.kind.name(), a.detail, a.acknowledged)).toList());
    }

    @Transactional
    public List<CardViews.AuditView> audit(SecurityIdentity who, long applicationId) {
        CardApplication app = visible(who, applicationId);
        boolean customer = isCustomer(who);
        String viewer = who.getPrincipal().getName();
        return AuditEvent.ofApplication(app.id).stream().map(e -> customer
                        ? new CardViews.AuditView(e.id, e.at, e.kind.name(), publicActor(e.actor, viewer), e.messageType,
                                e.atc, e.ca, e.actionId, isStaff(e.actor, viewer) ? null : e.detail)
                        : new CardViews.AuditView(e.id, e.at, e.kind.name(), e.actor, e.messageType, e.atc, e.ca,
                                e.actionId, e.detail))
                .toList();
    }

    /**
     * A customer sees that the issuer acted, not which employee: staff names stay inside the issuer (and so do the
     * free-text comments staff write into an event's detail, which may name colleagues).
     */
    private static String publicActor(String actor, String viewer) {
        return isStaff(actor, viewer) ? "issuer" : actor;
    }

    private static boolean isStaff(String actor, String viewer) {
        return actor != null && !"terminal".equals(actor) && !actor.equals(viewer);
    }

    /** A cancel reason names the staff member who cancelled; the customer reads that the issuer did. */
    private static String publicReason(String reason) {
        return reason != null && reason.startsWith(ActionService.CANCELLED_BY) ? ActionService.CANCELLED_BY + "the issuer" : reason;
    }

    private static CardViews.ActionView forViewer(SecurityIdentity who, CardViews.ActionView v) {
        if (!isCustomer(who)) {
            return v;
        }
        return new CardViews.ActionView(v.id(), v.type(), v.payload(), v.state(), v.sequence(), v.attempts(),
                v.meritFailures(), publicReason(v.reason()), v.cancelPending(),
                publicActor(v.requestedBy(), who.getPrincipal().getName()), v.createdAt(),
                v.updatedAt());
    }

    /** Lifts a freeze; the next signed message is settled again (and freezes again if still impossible). */
    @Transactional
    public CardViews.ApplicationDetail unfreeze(SecurityIdentity who, long applicationId, String comment) {
        CardApplication app = CardApplication.lockById(applicationId)
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "no card application " + applicationId));
        if (app.status != ApplicationStatus.FROZEN) {
            throw new ApiException(ErrorCode.INVALID_STATE, "the card application is not frozen");
        }
        app.status = ApplicationStatus.ACTIVE;
        audit.record(app.id, AuditKind.APPLICATION_UNFROZEN, who.getPrincipal().getName(),
                "was frozen for: " + app.frozenReason + "; comment: " + comment);
        app.frozenReason = null;
        changed.fire(ApplicationChanged.of(app));
        return detail(who, applicationId);
    }

    /** The application, if the caller may see it; a customer gets NOT_FOUND for another customer's card. */
    public CardApplication visible(SecurityIdentity who, long applicationId) {
        CardApplication app = CardApplication.findById(applicationId);
        if (app == null || (isCustomer(who) && !who.getPrincipal().getName().equals(app.card.owner))) {
            // the same answer whether it exists or not: a customer cannot probe other customers' cards
            throw new ApiException(ErrorCode.NOT_FOUND, "no card application " + applicationId);
        }
        return app;
    }

    private static void checkOwner(SecurityIdentity who, Card card) {
        if (isCustomer(who) && !who.getPrincipal().getName().equals(card.owner)) {
            throw new ApiException(ErrorCode.NOT_FOUND, "no card " + card.cardId);
        }
    }

    private static boolean isCustomer(SecurityIdentity who) {
        return !who.hasRole(UserAccount.HELPDESK) && !who.hasRole(UserAccount.ADMIN);
    }

    private CardViews.CardSummary summary(Card card) {
        return new CardViews.CardSummary(card.cardId, card.owner, CardApplication.findByCard(card).stream()
                .map(a -> new CardViews.ApplicationSummary(a.id, a.aid, a.status.name(), a.confirmedCa, a.lastAtc,
                        a.lastBalance, Action.count("applicationId = ?1 and state = ?2", a.id, ActionState.QUEUED),
                        Script.inFlight(a.id).isPresent()))
                .toList());
    }

    public static CardViews.ActionView view(Action a) {
        return new CardViews.ActionView(a.id, a.type.name(), a.payload, a.state.name(), a.sequenceNumber, a.attempts,
                a.meritFailures, a.reason, a.cancelRequested && a.state == ActionState.IN_FLIGHT, a.requestedBy,
                a.createdAt, a.updatedAt);
    }
}
