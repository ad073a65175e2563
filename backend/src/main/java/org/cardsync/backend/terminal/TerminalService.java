package org.cardsync.backend.terminal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.util.Optional;
import org.cardsync.backend.card.ApplicationChanged;
import org.cardsync.backend.card.ApplicationStatus;
import org.cardsync.backend.card.CardApplication;
import org.cardsync.backend.card.CardStateMirror;
import org.cardsync.backend.error.ErrorCode;
import org.cardsync.backend.script.IssuedScript;
import org.cardsync.backend.script.ScriptIssuer;
import org.cardsync.backend.settlement.SettlementRecord;
import org.cardsync.backend.settlement.SettlementRecorder;
import org.cardsync.backend.terminal.TerminalOutcome.Accepted;
import org.cardsync.backend.terminal.TerminalOutcome.Rejected;
import org.cardsync.backend.terminal.admission.Admission;
import org.cardsync.backend.terminal.admission.UpstreamMessageAdmission;
import org.cardsync.backend.transaction.Purchase;
import org.cardsync.backend.transaction.PurchaseLedger;
import org.cardsync.backend.transaction.TransactionDecision;
import org.cardsync.backend.transaction.TransactionDecision.Decision;
import org.cardsync.protocol.MessageType;
import org.cardsync.protocol.UpstreamMessage;

/**
 * Receives the card's upstream messages relayed by the untrusted terminal, in the order of the rules: admit
 * (rules 2, 3), settle (rule 6), decide the REQUEST's transaction, issue the next script (rule 4). All of it
 * in one transaction under the card application's row lock (rule 7); {@link TerminalAudit} writes the audit
 * from what each step returned.
 */
@ApplicationScoped
public class TerminalService {
    private final UpstreamMessageAdmission admission;
    private final PurchaseLedger purchases;
    private final SettlementRecorder settlements;
    private final CardStateMirror signedState;
    private final TransactionDecision transactions;
    private final ScriptIssuer scripts;
    private final TerminalAudit audit;
    private final Event<ApplicationChanged> changed;

    public TerminalService(UpstreamMessageAdmission admission, PurchaseLedger purchases, SettlementRecorder settlements,
                           CardStateMirror signedState, TransactionDecision transactions, ScriptIssuer scripts,
                           TerminalAudit audit, Event<ApplicationChanged> changed) {
        this.admission = admission;
        this.purchases = purchases;
        this.settlements = settlements;
        this.signedState = signedState;
        this.transactions = transactions;
        this.scripts = scripts;
        this.audit = audit;
        this.changed = changed;
    }

    /**
     * Receives one upstream message of the expected type, as hex. A rejection is an outcome, not an
     * exception, so that its audit entry and alert commit while the card application's state stays as it was.
     *
     * @throws org.cardsync.backend.error.ApiException or {@link org.cardsync.protocol.ProtocolException} for
     *         input that is not hex or names no known card application (nothing is written then)
     */
    @Transactional
    public TerminalOutcome receive(MessageType expected, String hex) {
        Admission result = admission.admit(expected, hex);
        if (!(result instanceof Admission.Admitted admitted)) {
            Admission.Refused refused = (Admission.Refused) result;
            audit.refused(refused);
            return new Rejected(refused.code(), refused.why());
        }
        CardApplication app = admitted.application();
        UpstreamMessage m = admitted.message();
        // an admitted message changes what the owner sees (balance, settled or issued actions, status); the
        // notice goes out only if this transaction commits
        changed.fire(ApplicationChanged.of(app));
        // The card debited a PURCHASE before it signed it: record it before anything below can refuse the rest,
        // or a frozen application would lose money the customer has already paid.
        Optional<Purchase> purchase = purchases.record(app, m);
        audit.admitted(app, m, purchase);
        if (app.status == ApplicationStatus.FROZEN) {
            audit.heldWhileFrozen(app, m);
            return new Rejected(ErrorCode.APPLICATION_FROZEN, "the card application is frozen (" + app.frozenReason
                    + "); the message was verified and recorded" + (purchase.isPresent() ? ", with its purchase" : "")
                    + ", nothing is settled or issued until the helpdesk unfreezes it");
        }

        SettlementRecord settlement = settlements.settle(app, m);
        audit.settled(app, m, settlement);
        if (settlement instanceof SettlementRecord.CounterAnomaly anomaly) {
            return new Rejected(ErrorCode.COUNTER_ANOMALY, "counter anomaly: " + anomaly.reason()
                    + "; the card application is frozen for the helpdesk");
        }
        SettlementRecord.Settled settled = (SettlementRecord.Settled) settlement;
        audit.stateFollowed(app, m, signedState.follow(app, m));
        if (m.type() != MessageType.REQUEST) {
            return new Accepted(TerminalResponse.of(m, settled));
        }

        Decision decision = transactions.decide(m);
        audit.decided(app, m, decision);
        IssuedScript issued = scripts.issue(app, m);
        audit.issued(app, m, issued);
        return new Accepted(TerminalResponse.of(m, settled, decision, issued));
    }
}
