package org.cardsync.backend.terminal;

import java.util.List;

/** What the terminal API answers for an accepted upstream message. */
public record TerminalResponse(
        String messageType,
        long atc,
        long ca,
        Settlement settlement,
        Transaction transaction,
        ScriptView script) {

    /** What the signed counter settled. Action ids. */
    public record Settlement(long confirmedCa, List<Long> executed, List<Long> requeued, List<Long> cancelled,
                             List<Long> failed) {
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
