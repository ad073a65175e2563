package org.cardsync.backend.terminal;

import java.util.List;
import org.cardsync.backend.script.IssuedScript;
import org.cardsync.backend.settlement.SettlementRecord;
import org.cardsync.backend.transaction.TransactionDecision.Decision;
import org.cardsync.protocol.UpstreamMessage;

/** What the terminal API answers for an accepted upstream message. */
public record TerminalResponse(
        String messageType,
        long atc,
        long ca,
        Settlement settlement,
        Transaction transaction,
        ScriptView script) {

    /** The answer to an ACK or INFO: what it settled, no transaction, no script. */
    static TerminalResponse of(UpstreamMessage m, SettlementRecord.Settled settled) {
        return new TerminalResponse(m.type().name(), m.atc(), m.ca(), Settlement.of(settled), null,
                new ScriptView(null, 0, settled.confirmedCa(), List.of(), false));
    }

    /** The answer to a REQUEST: what it settled, its transaction and the script for its session. */
    static TerminalResponse of(UpstreamMessage m, SettlementRecord.Settled settled, Decision decision,
                               IssuedScript issued) {
        return new TerminalResponse(m.type().name(), m.atc(), m.ca(), Settlement.of(settled),
                new Transaction(decision.type().name(), decision.approved(), decision.detail(), decision.amount(),
                        decision.balance()),
                new ScriptView(issued.script().map(s -> s.id).orElse(null), issued.sessionAtc(), issued.baseCa(),
                        issued.commands().stream().map(c -> new Command(c.action().id, c.action().sequenceNumber,
                                c.action().type.name(), c.apdu())).toList(),
                        issued.morePending()));
    }

    /** What the signed counter settled. Action ids. */
    public record Settlement(long confirmedCa, List<Long> executed, List<Long> requeued, List<Long> cancelled,
                             List<Long> failed) {
        static Settlement of(SettlementRecord.Settled s) {
            return new Settlement(s.confirmedCa(), s.executed(), s.requeued(), s.cancelled(), s.failed());
        }
    }

    /** The REQUEST's transaction decision (null for ACK and INFO). */
    public record Transaction(String type, boolean approved, String detail, long amount, long balance) {
    }

    /**
     * The script to run now: EXECUTE APDUs in order (empty when nothing is pending). {@code morePending}: more
     * actions wait beyond this script, so the terminal should run another session after this one's ACK.
     */
    public record ScriptView(Long scriptId, long sessionAtc, long baseCa, List<Command> commands, boolean morePending) {
    }

    public record Command(long actionId, long sequence, String type, String apdu) {
    }
}
