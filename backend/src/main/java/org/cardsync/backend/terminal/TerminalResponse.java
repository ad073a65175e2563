package org.cardsync.backend.terminal;

import java.util.List;
import org.cardsync.backend.script.IssuedScript;
import org.cardsync.backend.settlement.SettlementRecord;
import org.cardsync.backend.transaction.TransactionDecision.Decision;
import org.cardsync.protocol.ActionType;
import org.cardsync.protocol.MessageType;
import org.cardsync.protocol.TransactionType;
import org.cardsync.protocol.UpstreamMessage;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What the terminal API answers for an accepted upstream message. The {@code @Schema} annotations make the
 * OpenAPI document (docs/openapi.json) say which fields are always present and which may be null: the web UI
 * generates its types from it. The closed code sets (message, transaction and action types) are protocol's
 * enums, written as their names, so that the document lists their values.
 */
public record TerminalResponse(
        @Schema(required = true) MessageType messageType,
        @Schema(required = true) long atc,
        @Schema(required = true) long ca,
        @Schema(required = true, nullable = true) Settlement settlement,
        @Schema(required = true, nullable = true) Transaction transaction,
        @Schema(required = true, nullable = true) ScriptView script) {

    /** The answer to an ACK or INFO: what it settled, no transaction, no script. */
    static TerminalResponse of(UpstreamMessage m, SettlementRecord.Settled settled) {
        return new TerminalResponse(m.type(), m.atc(), m.ca(), Settlement.of(settled), null,
                new ScriptView(null, 0, settled.confirmedCa(), List.of(), false));
    }

    /** The answer to a REQUEST: what it settled, its transaction and the script for its session. */
    static TerminalResponse of(UpstreamMessage m, SettlementRecord.Settled settled, Decision decision,
                               IssuedScript issued) {
        return new TerminalResponse(m.type(), m.atc(), m.ca(), Settlement.of(settled),
                new Transaction(decision.type(), decision.approved(), decision.detail(), decision.amount(),
                        decision.balance()),
                new ScriptView(issued.script().map(s -> s.id).orElse(null), issued.sessionAtc(), issued.baseCa(),
                        issued.commands().stream().map(c -> new Command(c.action().id, c.action().sequenceNumber,
                                c.action().type, c.apdu())).toList(),
                        issued.morePending()));
    }

    /** What the signed counter settled. Action ids. */
    public record Settlement(
            @Schema(required = true) long confirmedCa,
            @Schema(required = true) List<Long> executed,
            @Schema(required = true) List<Long> requeued,
            @Schema(required = true) List<Long> cancelled,
            @Schema(required = true) List<Long> failed) {
        static Settlement of(SettlementRecord.Settled s) {
            return new Settlement(s.confirmedCa(), s.executed(), s.requeued(), s.cancelled(), s.failed());
        }
    }

    /** The REQUEST's transaction decision (null for ACK and INFO). */
    public record Transaction(
            @Schema(required = true) TransactionType type,
            @Schema(required = true) boolean approved,
            @Schema(required = true) String detail,
            @Schema(required = true) long amount,
            @Schema(required = true) long balance) {
    }

    /**
     * The script to run now: EXECUTE APDUs in order (empty when nothing is pending). {@code morePending}: more
     * actions wait beyond this script, so the terminal should run another session after this one's ACK.
     */
    @Schema(name = "TerminalScript")
    public record ScriptView(
            @Schema(required = true, nullable = true) Long scriptId,
            @Schema(required = true) long sessionAtc,
            @Schema(required = true) long baseCa,
            @Schema(required = true) List<Command> commands,
            @Schema(required = true) boolean morePending) {
    }

    @Schema(name = "ScriptCommand")
    public record Command(
            @Schema(required = true) long actionId,
            @Schema(required = true) long sequence,
            @Schema(required = true) ActionType type,
            @Schema(required = true, description = "the EXECUTE command, MACed by the server for this card: relayed as is")
            String apdu) {
    }
}
