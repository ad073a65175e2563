package org.cardsync.backend.helpdesk;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import org.cardsync.backend.action.Action;
import org.cardsync.backend.action.ActionState;
import org.cardsync.backend.audit.Alert;
import org.cardsync.backend.audit.AuditEvent;
import org.cardsync.backend.audit.AuditKind;
import org.cardsync.backend.card.ApplicationStatus;
import org.cardsync.backend.card.CardApplication;
import org.cardsync.backend.error.ApiException;
import org.cardsync.backend.error.ErrorCode;
import org.cardsync.backend.portal.catalogue.Catalogue;
import org.cardsync.backend.script.Script;

/**
 * One card application as the console shows it, and its paged lists (actions, audit trail). The detail is bounded
 * whatever the application gathered: at most {@link #MAX_PENDING} pending actions, {@link #RECENT} finished ones and
 * {@link #MAX_ALERTS} open alerts, with the totals beside them.
 */
@ApplicationScoped
public class ApplicationDetails {
    static final int MAX_PENDING = 100;
    static final int RECENT = 10;
    static final int MAX_ALERTS = 20;

    private final Catalogue catalogue;

    public ApplicationDetails(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    @Transactional
    public ConsoleViews.ApplicationDetail detail(long applicationId) {
        CardApplication app = find(applicationId);
        Catalogue.Product product = catalogue.product(app.aid);
        ConsoleViews.ScriptView inFlight = Script.inFlight(app.id).map(s -> new ConsoleViews.ScriptView(s.id, s.baseCa,
                s.sessionAtc, s.actionCount, s.issuedAt,
                Action.ofScript(s.id).stream().map(ActionViews::view).toList())).orElse(null);
        List<ConsoleViews.ActionView> pending = Action.pendingHead(app.id, MAX_PENDING).stream()
                .map(ActionViews::view).toList();
        long pendingTotal = Action.count("applicationId = ?1 and state = ?2", app.id, ActionState.QUEUED);
        List<ConsoleViews.ActionView> recent = Action.<Action>find("applicationId = ?1 and state in ?2"
                        + " order by updatedAt desc, id desc", app.id,
                        List.of(ActionState.EXECUTED, ActionState.FAILED, ActionState.CANCELLED))
                .page(0, RECENT).list().stream().map(ActionViews::view).toList();
        List<ConsoleViews.AlertView> alerts = Alert.openOf(app.id, MAX_ALERTS).stream()
                .map(a -> AlertViews.view(a, app)).toList();
        return new ConsoleViews.ApplicationDetail(app.id, app.card.cardId, CardSearch.Customers.of(app.card.owner),
                app.aid, product.productName(), product.currency().code(), app.status.name(), freeze(app),
                app.confirmedCa, app.lastAtc, app.lastMessageAt, app.lastBalance, app.keyVersion, inFlight, pending,
                pendingTotal, recent, alerts, Alert.countOpen(app.id));
    }

    @Transactional
    public ConsoleViews.ActionPage actions(long applicationId, String state, Paging paging) {
        CardApplication app = find(applicationId);
        List<Action> items;
        long total;
        if (state == null || state.isBlank()) {
            items = Action.<Action>find("applicationId = ?1 order by createdAt desc, id desc", app.id)
                    .page(paging.page(), paging.size()).list();
            total = Action.count("applicationId", app.id);
        } else {
            ActionState s = parse(state);
            items = Action.<Action>find("applicationId = ?1 and state = ?2 order by createdAt desc, id desc", app.id, s)
                    .page(paging.page(), paging.size()).list();
            total = Action.count("applicationId = ?1 and state = ?2", app.id, s);
        }
        return new ConsoleViews.ActionPage(items.stream().map(ActionViews::view).toList(), paging.page(),
                paging.size(), total);
    }

    @Transactional
    public ConsoleViews.AuditPage audit(long applicationId, Paging paging) {
        CardApplication app = find(applicationId);
        List<ConsoleViews.AuditView> items = AuditEvent.pageOf(app.id, paging.page(), paging.size()).stream()
                .map(e -> new ConsoleViews.AuditView(e.id, e.at, e.kind, e.actor, e.messageType, e.atc, e.ca,
                        e.actionId, e.detail, e.comment)).toList();
        return new ConsoleViews.AuditPage(items, paging.page(), paging.size(), AuditEvent.count("applicationId", app.id));
    }

    /** Why and since when it is frozen, and what the card last signed (what a resync would set); null if not frozen. */
    static ConsoleViews.FreezeView freeze(CardApplication app) {
        if (app.status != ApplicationStatus.FROZEN) {
            return null;
        }
        return new ConsoleViews.FreezeView(app.frozenReason == null ? "" : app.frozenReason,
                freezingEvent(app.id).map(e -> e.at).orElse(null), app.signedCa, app.signedAtc);
    }

    /** The audit event that recorded the application's latest freeze. */
    static Optional<AuditEvent> freezingEvent(long applicationId) {
        return AuditEvent.<AuditEvent>find("applicationId = ?1 and kind = ?2 order by at desc, id desc", applicationId,
                AuditKind.APPLICATION_FROZEN).firstResultOptional();
    }

    static CardApplication find(long applicationId) {
        CardApplication app = CardApplication.findById(applicationId);
        if (app == null) {
            throw new ApiException(ErrorCode.NOT_FOUND, "no card application " + applicationId);
        }
        return app;
    }

    private static ActionState parse(String state) {
        try {
            return ActionState.valueOf(state.trim());
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "state must be one of QUEUED, IN_FLIGHT, EXECUTED, FAILED,"
                    + " CANCELLED");
        }
    }
}
