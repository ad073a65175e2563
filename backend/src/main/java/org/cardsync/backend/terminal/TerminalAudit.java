package org.cardsync.backend.terminal;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.util.Optional;
import java.util.StringJoiner;
import org.cardsync.backend.action.Action;
import org.cardsync.backend.audit.AlertKind;
import org.cardsync.backend.audit.AuditBatch;
import org.cardsync.backend.audit.AuditKind;
import org.cardsync.backend.audit.AuditTrail;
import org.cardsync.backend.card.ApplicationChanged;
import org.cardsync.backend.card.CardApplication;
import org.cardsync.backend.card.CardStateMirror.StatusChange;
import org.cardsync.backend.script.IssuedScript;
import org.cardsync.backend.script.Script;
import org.cardsync.backend.settlement.CounterSettlement.Fate;
import org.cardsync.backend.settlement.SettlementRecord;
import org.cardsync.backend.terminal.admission.Admission;
import org.cardsync.backend.transaction.Purchase;
import org.cardsync.backend.transaction.TransactionDecision.Decision;
import org.cardsync.protocol.UpstreamMessage;

/**
 * Writes the audit trail, the alerts and the message metrics of the message path, from what each of its
 * steps returned (architecture section 4: every transition is audited with the upstream message that caused
 * it). In the caller's transaction; it never holds a key or a MAC (rule 10). The events go in one statement when the
 * transaction commits ({@link AuditBatch}); alerts, rare, are upserted at once ({@link AuditTrail#alert}).
 */
@ApplicationScoped
public class TerminalAudit {
    /** The actor of everything the terminal API causes. */
    static final String TERMINAL = "terminal";

    private final AuditBatch audit;
    private final AuditTrail alerts;
    private final MeterRegistry meters;
    private final Event<ApplicationChanged> changed;

    public TerminalAudit(AuditBatch audit, AuditTrail alerts, MeterRegistry meters, Event<ApplicationChanged> changed) {
        this.audit = audit;
        this.alerts = alerts;
        this.meters = meters;
        this.changed = changed;
    }

    /**
     * Rule 3: a rejected message changes no state; it is audited and counted in an alert, and the console is told (its
     * audit and alerts grew) once the caller's transaction commits: TerminalService answers a refusal as an outcome,
     * not an exception, so that transaction commits. The caller writes it only within the named application's
     * allowance of rejections ({@link TerminalRateLimit#chargeRejection}).
     */
    void refused(Admission.Refused refused) {
        if (refused instanceof Admission.CheckFailed f) {
            UpstreamMessage m = f.message();
            audit.record(f.applicationId(), AuditKind.MESSAGE_REJECTED, TERMINAL, m, null, f.code() + ": " + f.why());
            alerts.alert(f.applicationId(), f.alert(), m.type() + " ATC " + m.atc() + ": " + f.why());
            count(m, f.code().name());
            changed.fire(ApplicationChanged.forStaff(f.applicationId()));
        } else if (refused instanceof Admission.Unverified u) {
            // not verified: its ATC and CA are not recorded, only that something named this card application. Alerted
            // too (aggregated on one open alert per application), so that a terminal probing a card with malformed,
            // wrong-type or unknown-version messages shows on the alerts screen, not only deep in its timeline.
            u.namedApplicationId().ifPresent(appId -> {
                String detail = u.code() + " (unverified): " + u.why();
                audit.record(appId, AuditKind.MESSAGE_REJECTED, TERMINAL, detail);
                alerts.alert(appId, AlertKind.REJECTED_MESSAGE, "a message naming this card application was refused"
                        + " unread: " + detail);
                changed.fire(ApplicationChanged.forStaff(appId));
            });
        }
    }

    void admitted(CardApplication app, UpstreamMessage m, Optional<Purchase> purchase) {
        audit.record(app.id, AuditKind.MESSAGE_ACCEPTED, TERMINAL, m, null, null);
        count(m, "accepted");
        purchase.ifPresent(p -> audit.record(app.id, AuditKind.PURCHASE_RECORDED, TERMINAL, m, null,
                "amount " + p.amount + ", balance after " + p.balanceAfter));
    }

    void heldWhileFrozen(CardApplication app, UpstreamMessage m) {
        alerts.alert(app.id, AlertKind.MESSAGE_WHILE_FROZEN, m.type() + " ATC " + m.atc() + " while frozen: "
                + app.frozenReason);
    }

    void settled(CardApplication app, UpstreamMessage m, SettlementRecord record) {
        if (record instanceof SettlementRecord.CounterAnomaly anomaly) {
            frozen(app, m, AlertKind.COUNTER_ANOMALY, anomaly.reason());
        } else if (record instanceof SettlementRecord.ReportMismatch mismatch) {
            // audited as a counter anomaly (the signed counter report, CA and chain, contradicts the record); the
            // alert's own kind tells the helpdesk that the record, not the card, may be what is behind
            frozen(app, m, AlertKind.REPORT_MISMATCH, mismatch.reason());
        } else if (record instanceof SettlementRecord.Settled settled) {
            settled.applied().forEach(a -> applied(app, m, a));
            settled.groupEndings().forEach(e -> audit.record(app.id, e.fate() == Fate.FAILED
                    ? AuditKind.ACTION_FAILED : AuditKind.ACTION_CANCELLED, TERMINAL, m, e.action().id, e.action().reason));
            settled.script().ifPresent(s -> audit.record(app.id, AuditKind.SETTLED, TERMINAL, m, null, summary(s, settled)));
        }
    }

    private void frozen(CardApplication app, UpstreamMessage m, AlertKind kind, String reason) {
        audit.record(app.id, AuditKind.COUNTER_ANOMALY, TERMINAL, m, null, reason);
        audit.record(app.id, AuditKind.APPLICATION_FROZEN, TERMINAL, m, null, reason);
        alerts.alert(app.id, kind, reason);
    }

    private void applied(CardApplication app, UpstreamMessage m, SettlementRecord.Applied applied) {
        Action a = applied.action();
        String reason = applied.transition().reason();
        long s = applied.transition().sequence();
        switch (applied.transition().fate()) {
            case EXECUTED -> audit.record(app.id, AuditKind.ACTION_EXECUTED, TERMINAL, m, a.id, "s=" + s);
            case REQUEUED -> audit.record(app.id, AuditKind.ACTION_REQUEUED, TERMINAL, m, a.id, "s=" + s
                    + " did not run" + (reason == null ? "" : ": " + reason) + "; resent next session");
            case CANCELLED -> audit.record(app.id, AuditKind.ACTION_CANCELLED, TERMINAL, m, a.id, reason);
            case FAILED -> {
                audit.record(app.id, AuditKind.ACTION_FAILED, TERMINAL, m, a.id, reason + "; retries spent");
                alerts.alert(app.id, AlertKind.RETRIES_SPENT, "action " + a.id + " (" + a.type + "): " + reason);
            }
        }
    }

    private static String summary(Script s, SettlementRecord.Settled settled) {
        return "script " + s.id + " (base CA " + s.baseCa + ", " + s.actionCount + " actions) settled at CA "
                + settled.confirmedCa() + ": " + settled.executed().size() + " executed, " + settled.requeued().size()
                + " requeued, " + settled.cancelled().size() + " cancelled, " + settled.failed().size() + " failed";
    }

    void stateFollowed(CardApplication app, UpstreamMessage m, Optional<StatusChange> change) {
        change.ifPresent(c -> audit.record(app.id, AuditKind.APPLICATION_STATE_CHANGED, TERMINAL, m, null,
                c.from() + " -> " + c.to()));
    }

    void decided(CardApplication app, UpstreamMessage m, Decision decision) {
        decision.challenge().ifPresent(challenge -> audit.record(app.id, AuditKind.CARD_AUTHENTICATED, TERMINAL, m, null,
                (decision.approved() ? "approved" : "refused (unknown, used or expired)") + " for challenge " + challenge));
    }

    void issued(CardApplication app, UpstreamMessage m, IssuedScript issued) {
        issued.saturation().ifPresent(s -> alerts.alert(app.id, AlertKind.COUNTER_SATURATED, switch (s.counter()) {
            case ATC -> "ATC is at its maximum; the card signs nothing more, so no script is issued";
            case CA -> "CA is at its maximum; " + s.pendingActions()
                    + " pending actions can never run on this card application";
        }));
        issued.script().ifPresent(s -> {
            // one row for the script, naming every action it moved from QUEUED to IN_FLIGHT with the s it carries:
            // each action's transition is on the trail with the REQUEST that caused it (docs/architecture.md, "Audit")
            StringJoiner actions = new StringJoiner(", ");
            for (int i = 0; i < issued.commands().size(); i++) {
                actions.add("action " + issued.commands().get(i).action().id + " as s=" + (s.baseCa + 1 + i));
            }
            audit.record(app.id, AuditKind.SCRIPT_ISSUED, TERMINAL, m, null, "script " + s.id + ": " + s.actionCount
                    + " actions bound to ATC " + s.sessionAtc + ": " + actions);
            meters.counter("cardsync.scripts.issued").increment();
        });
    }

    private void count(UpstreamMessage m, String result) {
        meters.counter("cardsync.messages", "type", m.type().name(), "result", result).increment();
    }
}
