package org.cardsync.backend.helpdesk;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.cardsync.backend.action.Action;
import org.cardsync.backend.action.ActionRequest;
import org.cardsync.backend.action.ActionService;
import org.cardsync.backend.action.ActionState;
import org.cardsync.backend.audit.AuditEvent;
import org.cardsync.backend.audit.AuditKind;
import org.cardsync.backend.audit.AuditTrail;
import org.cardsync.backend.audit.Comments;
import org.cardsync.backend.card.ApplicationChanged;
import org.cardsync.backend.card.ApplicationStatus;
import org.cardsync.backend.card.CardApplication;
import org.cardsync.backend.error.ApiException;
import org.cardsync.backend.error.ErrorCode;
import org.cardsync.backend.script.Script;
import org.cardsync.backend.script.ScriptStatus;

/**
 * The helpdesk's acts on one card application (docs/api.md "Staff API", docs/protocol.md "Freeze, unfreeze and
 * resync"). Each takes the application's row lock (rule 7), is audited with the staff member and their comment, and
 * fires {@link ApplicationChanged}.
 */
@ApplicationScoped
public class StaffActs {
    /** The reason of an action a resync ended: nobody knows whether the card ran it. */
    public static final String RESYNC_REASON = "outcome unknown after a counter resync: check the card before retrying";

    /** The reason of the customer's BLOCK a resync put back at the head of the pending list. */
    public static final String BLOCK_REQUEUED_REASON = "outcome unknown after a counter resync: the block the customer"
            + " asked for is sent again (harmless if the card already ran it)";

    private final ActionService actions;
    private final ApplicationDetails details;
    private final AuditTrail audit;
    private final UnrecordedActions unrecorded;
    private final Event<ApplicationChanged> changed;

    public StaffActs(ActionService actions, ApplicationDetails details, AuditTrail audit, UnrecordedActions unrecorded,
                     Event<ApplicationChanged> changed) {
        this.actions = actions;
        this.details = details;
        this.audit = audit;
        this.unrecorded = unrecorded;
        this.changed = changed;
    }

    public List<ConsoleViews.ActionView> queue(long applicationId, ActionRequest request, String actor) {
        return actions.queue(applicationId, request, actor).stream().map(ActionViews::view).toList();
    }

    @Transactional
    public ConsoleViews.ApplicationDetail cancel(long applicationId, long actionId, String actor, String comment) {
        actions.cancel(applicationId, actionId, actor, Comments.clean(comment));
        return details.detail(applicationId);
    }

    @Transactional
    public ConsoleViews.ApplicationDetail retry(long applicationId, long actionId, String actor, String comment) {
        actions.retry(applicationId, actionId, actor, Comments.clean(comment));
        return details.detail(applicationId);
    }

    /**
     * Lifts a freeze as it is: the next signed message is settled against the unchanged confirmed CA (and freezes
     * the application again if the anomaly lasts; {@link #resync} is the cure for that).
     */
    @Transactional
    public ConsoleViews.ApplicationDetail unfreeze(long applicationId, String actor, String comment) {
        CardApplication app = lockFrozen(applicationId);
        app.status = ApplicationStatus.ACTIVE;
        audit.act(app.id, AuditKind.APPLICATION_UNFROZEN, actor, null, "was frozen for: " + app.frozenReason,
                Comments.clean(comment));
        app.frozenReason = null;
        changed.fire(ApplicationChanged.of(app));
        return details.detail(applicationId);
    }

    /**
     * Resyncs a frozen application to what its card last signed: the confirmed CA and action chain become the CA and
     * chain of the last verified message (which must be the one that froze it or a later one), the last ATC at least
     * its ATC. The script in flight ends: its actions become FAILED, never resent by themselves, because the card may
     * have run them (rule 8 cannot tell any more), except the BLOCK a customer asked for, which goes back to the head
     * of the pending list. The QUEUED ones stay and are issued from the new CA, unless the card ran actions the
     * record cannot identify ({@link UnrecordedActions}: a restored database): then those queued before the freeze
     * are FAILED too, the customer's BLOCK excepted. The status becomes ACTIVE.
     */
    @Transactional
    public ConsoleViews.ApplicationDetail resync(long applicationId, String actor, String comment) {
        CardApplication app = lockFrozen(applicationId);
        // One rule (docs/api.md, docs/protocol.md): the card signed a message at or after the one that froze it. The
        // freezing message itself counts (it is settled as signed before it freezes); a freeze with no freezing
        // message on record gives nothing to compare with, so an older signature cannot pass for a fresh one.
        AuditEvent freezing = ApplicationDetails.freezingEvent(app.id).orElse(null);
        if (app.signedCa == null || app.signedAtc == null || freezing == null || freezing.atc == null
                || app.signedAtc < freezing.atc) {
            throw new ApiException(ErrorCode.INVALID_STATE, "the card has not signed a message since the freeze was"
                    + " recorded: let it report once (any sync or purchase), then resync");
        }
        // A signature from before the action chain was kept (signed_chain null, V7) gives no chain to confirm.
        if (app.signedChain == null) {
            throw new ApiException(ErrorCode.INVALID_STATE, "the card's last signed message predates the action chain"
                    + " (recorded before the V7 upgrade), so there is no chain to confirm: let the card report once"
                    + " (any sync or purchase), then resync");
        }
        // Recorded as run, but above what the card's signed counter says it ran (a clone, or damaged state): the
        // helpdesk is told in the audit, because the resync cannot make them true and reuses their sequence numbers.
        String contradicted = Action.executedAbove(app.id, app.signedCa).stream()
                .map(a -> "#" + a.id + " " + a.type + " s=" + a.sequenceNumber).collect(Collectors.joining(", "));
        long from = app.confirmedCa;
        Instant now = Instant.now();
        String clean = Comments.clean(comment);
        Optional<Script> inFlight = Script.inFlight(app.id);
        List<Action> inFlightActions = inFlight.map(s -> Action.ofScript(s.id)).orElse(List.of());
        // Rule 8: an action the card may already have run is never sent again by itself (nor recorded EXECUTED on a
        // guess). Compared before anything below changes the record.
        Optional<UnrecordedActions.Finding> finding = unrecorded.find(app, inFlight, inFlightActions);
        List<Action> ended = finding.map(f -> unrecorded.failQueued(app, f, freezing.at, actor, clean, now))
                .orElse(List.of());
        inFlight.ifPresent(script -> {
            for (Action a : inFlightActions) {
                if (a.id.equals(app.blockActionId)) {
                    // A thief holding a stolen card must not get the queued top-ups once the block's outcome is
                    // unknown: the customer's BLOCK goes back to the head of the pending list, so that ScriptIssuer
                    // still sends nothing but it. Sending it again is safe: a card that ran it refuses it (940A).
                    requeue(a, now);
                    audit.act(app.id, AuditKind.ACTION_REQUEUED, actor, a.id, BLOCK_REQUEUED_REASON, clean);
                    continue;
                }
                a.state = ActionState.FAILED;
                a.reason = RESYNC_REASON;
                a.updatedAt = now;
                audit.act(app.id, AuditKind.ACTION_FAILED, actor, a.id, RESYNC_REASON, clean);
            }
            script.status = ScriptStatus.SETTLED;
            script.settledAt = now;
            script.settledCa = app.signedCa;
        });
        app.confirmedCa = app.signedCa;
        // the chain the card signed with that CA: the next message is compared with what the card really ran
        app.confirmedChain = app.signedChain;
        app.lastAtc = Math.max(app.lastAtc, app.signedAtc);
        app.status = ApplicationStatus.ACTIVE;
        audit.act(app.id, AuditKind.APPLICATION_RESYNCED, actor, null, "CA " + from + " → "
                + app.confirmedCa + " (signed at ATC " + app.signedAtc + ")" + unrecordedDetail(finding, ended)
                + "; was frozen for: " + app.frozenReason
                + (contradicted.isEmpty() ? "" : "; recorded EXECUTED above the card's signed CA, now contradicted by"
                + " it: " + contradicted), clean);
        app.frozenReason = null;
        changed.fire(ApplicationChanged.of(app));
        return details.detail(applicationId);
    }

    /** What the audit of a resync says about the actions the card ran unknown to the record, and the ones it ended. */
    private static String unrecordedDetail(Optional<UnrecordedActions.Finding> finding, List<Action> ended) {
        return finding.map(f -> "; " + f.what() + "; queued before the freeze, now FAILED: "
                + (ended.isEmpty() ? "none" : ended.stream().map(a -> "#" + a.id + " " + a.type)
                .collect(Collectors.joining(", ")))).orElse("");
    }

    /** Back to the head of the pending list: the customer asked for the block after what was queued before it. */
    private static void requeue(Action a, Instant now) {
        Action.pendingHead(a.applicationId, 1).stream().findFirst().filter(head -> head.position < a.position)
                .ifPresent(head -> a.position = head.position - 1);
        a.state = ActionState.QUEUED;
        a.reason = BLOCK_REQUEUED_REASON;
        a.sequenceNumber = null;
        a.scriptId = null;
        a.updatedAt = now;
    }

    private static CardApplication lockFrozen(long applicationId) {
        CardApplication app = CardApplication.lockById(applicationId)
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "no card application " + applicationId));
        if (app.status != ApplicationStatus.FROZEN) {
            throw new ApiException(ErrorCode.INVALID_STATE, "the card application is not frozen");
        }
        return app;
    }
}
