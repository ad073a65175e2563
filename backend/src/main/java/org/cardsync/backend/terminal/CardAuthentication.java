package org.cardsync.backend.terminal;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.cardsync.backend.card.ApplicationStatus;
import org.cardsync.backend.card.CardApplication;
import org.cardsync.backend.error.ApiException;
import org.cardsync.backend.terminal.admission.Admission;
import org.cardsync.backend.terminal.admission.UpstreamMessageAdmission;
import org.cardsync.backend.transaction.TransactionDecision;
import org.cardsync.backend.transaction.TransactionDecision.Decision;
import org.cardsync.protocol.Hex;
import org.cardsync.protocol.MessageType;
import org.cardsync.protocol.ProtocolException;
import org.cardsync.protocol.TransactionType;
import org.cardsync.protocol.UpstreamMessage;

/**
 * Proves to the portal that a card application is at hand: its signed AUTHENTICATE REQUEST goes through the
 * terminal API's own steps, admission (MAC, rule 2; ATC newer than the last accepted, rule 3; under the row lock,
 * rule 7, with the ATC recorded so that the card's next message settles as usual) and the transaction decision
 * (the server challenge issued here, unexpired and consumed once). Nothing is settled and no script is issued:
 * the card's next message settles whatever was in flight. Runs in the caller's transaction and audits like the
 * terminal API.
 */
@ApplicationScoped
public class CardAuthentication {
    private final UpstreamMessageAdmission admission;
    private final TransactionDecision transactions;
    private final TerminalAudit audit;

    public CardAuthentication(UpstreamMessageAdmission admission, TransactionDecision transactions, TerminalAudit audit) {
        this.admission = admission;
        this.transactions = transactions;
        this.audit = audit;
    }

    /** The row-locked card application that signed this AUTHENTICATE over a fresh challenge; empty otherwise. */
    public Optional<CardApplication> authenticate(String hex) {
        // Only an AUTHENTICATE is taken here: a PURCHASE or SYNC would be admitted without its purchase recorded
        // or its script settled, so it is refused before admission records anything.
        try {
            UpstreamMessage m = UpstreamMessage.parse(Hex.decode(hex));
            if (m.type() != MessageType.REQUEST || m.request().transactionType() != TransactionType.AUTHENTICATE) {
                return Optional.empty();
            }
        } catch (ProtocolException e) {
            return Optional.empty();
        }
        Admission result;
        try {
            result = admission.admit(MessageType.REQUEST, hex);
        } catch (ApiException | ProtocolException e) {
            return Optional.empty(); // names no registered card application
        }
        if (!(result instanceof Admission.Admitted admitted)) {
            audit.refused((Admission.Refused) result);
            return Optional.empty();
        }
        CardApplication app = admitted.application();
        UpstreamMessage m = admitted.message();
        audit.admitted(app, m, Optional.empty());
        Decision decision = transactions.decide(m);
        audit.decided(app, m, decision);
        // a frozen application may be a cloned card (a counter anomaly): it proves nothing until the helpdesk looked
        return decision.approved() && app.status != ApplicationStatus.FROZEN ? Optional.of(app) : Optional.empty();
    }
}
