package org.cardsync.backend.terminal;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.cardsync.backend.card.CardApplication;
import org.cardsync.backend.error.ApiException;
import org.cardsync.backend.error.TooManyRequestsException;
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
 * (the server challenge issued here, unexpired and consumed once), with the settlement every admitted message
 * gets in between ({@link AdmittedMessageSettlement}: rule 6's counter comparison, the signed state followed). No
 * script is issued. Runs in the caller's transaction and audits like the terminal API.
 */
@ApplicationScoped
public class CardAuthentication {
    private final UpstreamMessageAdmission admission;
    private final AdmittedMessageSettlement settlement;
    private final TransactionDecision transactions;
    private final TerminalAudit audit;

    public CardAuthentication(UpstreamMessageAdmission admission, AdmittedMessageSettlement settlement,
                              TransactionDecision transactions, TerminalAudit audit) {
        this.admission = admission;
        this.settlement = settlement;
        this.transactions = transactions;
        this.audit = audit;
    }

    /**
     * The row-locked card application that signed this AUTHENTICATE over a fresh challenge; empty otherwise. Call it
     * before loading that application as an entity in the same transaction: the message path writes the row in plain
     * SQL, and the entity returned is read afterwards, but one loaded before would be returned from the persistence
     * context as it was (old version and counters), and its next flush would fail on the version.
     */
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
        } catch (TooManyRequestsException e) {
            // over the card's signed allowance (CARD_TOO_BUSY) or a client rate: the holder is told to wait (429 with
            // Retry-After), not that the card or the code is wrong
            throw e;
        } catch (ApiException | ProtocolException e) {
            return Optional.empty(); // names no registered card application
        }
        if (!(result instanceof Admission.Admitted admitted)) {
            audit.refused((Admission.Refused) result);
            return Optional.empty();
        }
        // Settled like any message the terminal API admits (rule 6): a clone's AUTHENTICATE whose counter is below
        // the confirmed one is a counter anomaly, which freezes the application (this transaction commits it: the
        // caller answers rather than throws) and proves nothing. A frozen application proves nothing either.
        if (settlement.settle(admitted) instanceof AdmittedMessageSettlement.Refused) {
            return Optional.empty();
        }
        CardApplication app = admitted.application();
        UpstreamMessage m = admitted.message();
        Decision decision = transactions.decide(m);
        audit.decided(app, m, decision);
        // no script is issued here: the card's next message to the terminal API gets whatever is waiting. The caller gets
        // the application as a managed entity, read after the message path wrote it (still under its row lock).
        return decision.approved() ? Optional.of(CardApplication.<CardApplication>findById(app.id)) : Optional.empty();
    }
}
