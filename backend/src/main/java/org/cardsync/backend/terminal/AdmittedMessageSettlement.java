package org.cardsync.backend.terminal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.time.Instant;
import java.util.Optional;
import org.cardsync.backend.card.ApplicationChanged;
import org.cardsync.backend.card.ApplicationStatus;
import org.cardsync.backend.card.CardApplication;
import org.cardsync.backend.card.CardApplicationRows;
import org.cardsync.backend.card.CardStateMirror;
import org.cardsync.backend.error.ErrorCode;
import org.cardsync.backend.settlement.SettlementRecord;
import org.cardsync.backend.settlement.SettlementRecorder;
import org.cardsync.backend.terminal.TerminalOutcome.Rejected;
import org.cardsync.backend.terminal.admission.Admission;
import org.cardsync.backend.transaction.Purchase;
import org.cardsync.backend.transaction.PurchaseLedger;
import org.cardsync.protocol.UpstreamMessage;

/**
 * What happens to every admitted upstream message, whoever received it (the terminal API, the portal's card
 * linking): its purchase is recorded, it is settled against the confirmed counter and action chain (rule 6: an
 * anomaly, or a chain that does not match the record, freezes the application) and the server's mirror follows the
 * signed state. Shared so that no path can admit a signed message without the counter comparison: a clone's message
 * with a counter below the confirmed one must freeze the application wherever it arrives, never pass as proof. Runs
 * in the caller's transaction, under its row lock.
 */
@ApplicationScoped
public class AdmittedMessageSettlement {
    private final PurchaseLedger purchases;
    private final SettlementRecorder settlements;
    private final CardStateMirror signedState;
    private final TerminalAudit audit;
    private final Event<ApplicationChanged> changed;
    private final CardApplicationRows applications;

    public AdmittedMessageSettlement(PurchaseLedger purchases, SettlementRecorder settlements,
                                     CardStateMirror signedState, TerminalAudit audit,
                                     Event<ApplicationChanged> changed, CardApplicationRows applications) {
        this.purchases = purchases;
        this.settlements = settlements;
        this.signedState = signedState;
        this.audit = audit;
        this.changed = changed;
        this.applications = applications;
    }

    /** The outcome of settling: the settlement, or why nothing further may happen (frozen, counter anomaly). */
    public sealed interface Settling {
    }

    public record Settled(SettlementRecord.Settled record) implements Settling {
    }

    public record Refused(Rejected rejection) implements Settling {
    }

    /**
     * Settles an admitted message and writes what it changed on the card application (its ATC, the signed state, the
     * confirmed counter, a freeze) in one update, whatever the outcome.
     */
    public Settling settle(Admission.Admitted admitted) {
        Settling settling = settleInMemory(admitted);
        applications.update(admitted.application());
        return settling;
    }

    private Settling settleInMemory(Admission.Admitted admitted) {
        CardApplication app = admitted.application();
        UpstreamMessage m = admitted.message();
        // what the card signed, kept also while frozen: the helpdesk resyncs a frozen application to it
        app.signedCa = m.ca();
        app.signedAtc = m.atc();
        app.signedChain = m.chain();
        app.lastMessageAt = Instant.now();
        // an admitted message changes what the owner sees (balance, settled or issued actions, status); the
        // notice goes out only if this transaction commits
        changed.fire(ApplicationChanged.of(app));
        // The card debited a PURCHASE before it signed it: record it before anything below can refuse the rest,
        // or a frozen application would lose money the customer has already paid.
        Optional<Purchase> purchase = purchases.record(app, m);
        audit.admitted(app, m, purchase);
        if (app.status == ApplicationStatus.FROZEN) {
            audit.heldWhileFrozen(app, m);
            return new Refused(new Rejected(ErrorCode.APPLICATION_FROZEN, "the card application is frozen ("
                    + app.frozenReason + "); the message was verified and recorded"
                    + (purchase.isPresent() ? ", with its purchase" : "")
                    + ", nothing is settled or issued until the helpdesk unfreezes it"));
        }
        SettlementRecord settlement = settlements.settle(app, m);
        audit.settled(app, m, settlement);
        if (settlement instanceof SettlementRecord.CounterAnomaly anomaly) {
            return new Refused(new Rejected(ErrorCode.COUNTER_ANOMALY, "counter anomaly: " + anomaly.reason()
                    + "; the card application is frozen for the helpdesk"));
        }
        if (settlement instanceof SettlementRecord.ReportMismatch mismatch) {
            // the same coded answer as a counter anomaly: for the terminal and the customer both mean "frozen for a
            // check by the helpdesk"; the alert (REPORT_MISMATCH) tells the helpdesk which it is
            return new Refused(new Rejected(ErrorCode.COUNTER_ANOMALY, mismatch.reason()
                    + "; the card application is frozen for the helpdesk"));
        }
        SettlementRecord.Settled settled = (SettlementRecord.Settled) settlement;
        audit.stateFollowed(app, m, signedState.follow(app, m));
        return new Settled(settled);
    }
}
