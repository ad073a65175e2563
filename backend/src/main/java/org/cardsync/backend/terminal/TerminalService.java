package org.cardsync.backend.terminal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.cardsync.backend.card.CardApplication;
import org.cardsync.backend.script.IssuedScript;
import org.cardsync.backend.script.ScriptIssuer;
import org.cardsync.backend.settlement.SettlementRecord;
import org.cardsync.backend.terminal.TerminalOutcome.Accepted;
import org.cardsync.backend.terminal.TerminalOutcome.Rejected;
import org.cardsync.backend.terminal.admission.Admission;
import org.cardsync.backend.terminal.admission.UpstreamMessageAdmission;
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
    private final AdmittedMessageSettlement settlement;
    private final TransactionDecision transactions;
    private final ScriptIssuer scripts;
    private final TerminalAudit audit;
    private final TerminalRateLimit limits;

    public TerminalService(UpstreamMessageAdmission admission, AdmittedMessageSettlement settlement,
                           TransactionDecision transactions, ScriptIssuer scripts, TerminalAudit audit,
                           TerminalRateLimit limits) {
        this.admission = admission;
        this.settlement = settlement;
        this.transactions = transactions;
        this.scripts = scripts;
        this.audit = audit;
        this.limits = limits;
    }

    /**
     * Receives one upstream message of the expected type, as hex. A rejection is an outcome, not an
     * exception, so that its audit entry and alert commit while the card application's state stays as it was.
     * Rejections are written within the named application's allowance ({@link TerminalRateLimit#chargeRejection}).
     *
     * @throws org.cardsync.backend.error.ApiException or {@link org.cardsync.protocol.ProtocolException} for
     *         input that is not hex or names no known card application (nothing is written then)
     */
    @Transactional
    public TerminalOutcome receive(MessageType expected, String hex, String client) {
        Admission result = admission.admit(expected, hex);
        if (!(result instanceof Admission.Admitted admitted)) {
            Admission.Refused refused = (Admission.Refused) result;
            // Every refusal that names a card application, unverified ones included, is charged to that application's
            // allowance before anything is written: this stops a flood of forged, garbled or wrong-type messages naming
            // a card from writing an audit row, an alert upsert and a console notice each (a cheap write-amplification
            // attack on the database and the helpdesk). Over the allowance they are answered but summed up in one
            // RATE_LIMITED alert; the genuine card's verified messages are never charged.
            if (refused.namedApplicationId().map(id -> limits.chargeRejection(id, client)).orElse(false)) {
                audit.refused(refused);
            }
            return new Rejected(refused.code(), refused.why());
        }
        AdmittedMessageSettlement.Settling settling = settlement.settle(admitted);
        if (settling instanceof AdmittedMessageSettlement.Refused refused) {
            return refused.rejection();
        }
        SettlementRecord.Settled settled = ((AdmittedMessageSettlement.Settled) settling).record();
        CardApplication app = admitted.application();
        UpstreamMessage m = admitted.message();
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
