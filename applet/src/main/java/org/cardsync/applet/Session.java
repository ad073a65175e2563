package org.cardsync.applet;

import javacard.framework.JCSystem;
import javacard.framework.Util;

/**
 * The open session (protocol.md section 4): opened by a REQUEST, closed by the next REQUEST, ACK or
 * INFO, and lost on reset, power loss and deselection because it lives in CLEAR_ON_DESELECT memory
 * (rule 4: a script command is bound to its session's ATC, so once the session is gone no command of
 * it can run any more).
 */
final class Session {

    // Layout of the transient state.
    private static final short OPEN = 0;
    private static final short SESSION_ATC = 1;
    private static final short CA_AT_START = 5;
    private static final short EXECUTED = 9;
    private static final short REFUSED_SEQUENCE = 11;
    private static final short REFUSAL_CODE = 15;
    private static final short HALTED = 16;
    private static final short SIZE = 17;

    private final byte[] state;

    Session() {
        state = JCSystem.makeTransientByteArray(SIZE, JCSystem.CLEAR_ON_DESELECT);
    }

    boolean isOpen() {
        return state[OPEN] != 0;
    }

    /** Whether a session is open and its ATC equals the four bytes at {@code offset}. */
    boolean isOpenWithAtc(byte[] atc, short offset) {
        return isOpen() && Util.arrayCompare(state, SESSION_ATC, atc, offset, Uint32.LENGTH) == 0;
    }

    /** Opens a new session, replacing any open one: session ATC and CA at start as given, nothing else. */
    void open(SaturatingCounter atc, SaturatingCounter ca) {
        close();
        atc.copyTo(state, SESSION_ATC);
        ca.copyTo(state, CA_AT_START);
        state[OPEN] = 1;
    }

    void close() {
        Util.arrayFillNonAtomic(state, (short) 0, SIZE, (byte) 0);
    }

    boolean isHalted() {
        return state[HALTED] != 0;
    }

    /** A command of this session failed on its merits: every later one is refused (rule 5). */
    void halt() {
        state[HALTED] = 1;
    }

    /**
     * Records a refused command (protocol.md section 5.3) if it is the session's first refusal; later
     * refusals do not overwrite it.
     */
    void recordRefusal(byte[] sequence, short offset, byte code) {
        if (state[REFUSAL_CODE] == ProtocolConstants.REFUSAL_NONE) {
            Util.arrayCopyNonAtomic(sequence, offset, state, REFUSED_SEQUENCE, Uint32.LENGTH);
            state[REFUSAL_CODE] = code;
        }
    }

    /**
     * Whether the executed count is at 0xFFFF: one more executed action could not be reported, and CA =
     * CA at start + executed would no longer hold, so the card executes nothing more in this session.
     */
    boolean isExecutedCountSaturated() {
        return Util.getShort(state, EXECUTED) == (short) 0xFFFF;
    }

    void countExecuted() {
        Util.setShort(state, EXECUTED, (short) (Util.getShort(state, EXECUTED) + 1));
    }

    /**
     * Writes the session part of an ACK or INFO body (protocol.md section 5.2): session ATC, CA at
     * start, executed, first refused s, its code. With no open session, the empty report: 0, the
     * current CA, 0, 0, 0. Returns the offset after it.
     */
    short writeReport(byte[] out, short offset, SaturatingCounter ca) {
        if (isOpen()) {
            return Util.arrayCopyNonAtomic(state, SESSION_ATC, out, offset, ProtocolConstants.SESSION_REPORT_LENGTH);
        }
        Util.arrayFillNonAtomic(out, offset, ProtocolConstants.SESSION_REPORT_LENGTH, (byte) 0);
        ca.copyTo(out, (short) (offset + Uint32.LENGTH));
        return (short) (offset + ProtocolConstants.SESSION_REPORT_LENGTH);
    }
}
