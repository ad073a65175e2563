package org.cardsync.applet;

import javacard.framework.JCSystem;
import javacard.framework.Util;

/**
 * The electronic purse: a balance and its upper limit, 32-bit unsigned, with balance &le; limit always.
 *
 * <p>Every change goes in two steps so that the caller can validate everything before its
 * transaction: {@code prepareCredit} / {@code prepareDebit} check the amount and compute the new
 * balance into a transient buffer, changing nothing persistent; {@link #applyPrepared()}, inside the
 * caller's transaction, writes it.
 */
final class Purse {

    private static final short BALANCE = 0;
    private static final short LIMIT = 4;

    /** Balance (0..3) and limit (4..7). */
    private final byte[] amounts;
    /** The balance computed by the last prepare call. */
    private final byte[] prepared;

    Purse() {
        amounts = new byte[8];
        prepared = JCSystem.makeTransientByteArray(Uint32.LENGTH, JCSystem.CLEAR_ON_DESELECT);
    }

    /** Whether a personalisation's balance is within its limit (protocol.md section 3). */
    static boolean isValidPersonalisation(byte[] buffer, short limitOffset, short balanceOffset) {
        return Uint32.compare(buffer, balanceOffset, buffer, limitOffset) <= 0;
    }

    /** Sets limit and balance (personalisation). Inside a transaction only. */
    void personalise(byte[] buffer, short limitOffset, short balanceOffset) {
        Util.arrayCopy(buffer, limitOffset, amounts, LIMIT, Uint32.LENGTH);
        Util.arrayCopy(buffer, balanceOffset, amounts, BALANCE, Uint32.LENGTH);
    }

    /**
     * Checks a credit and prepares balance + amount. Returns {@link ProtocolConstants#REASON_NONE} or
     * {@link ProtocolConstants#REASON_PURSE_LIMIT_EXCEEDED}. Changes nothing persistent.
     */
    byte prepareCredit(byte[] amount, short offset) {
        boolean overflow = Uint32.add(amounts, BALANCE, amount, offset, prepared, (short) 0);
        if (overflow || Uint32.compare(prepared, (short) 0, amounts, LIMIT) > 0) {
            return ProtocolConstants.REASON_PURSE_LIMIT_EXCEEDED;
        }
        return ProtocolConstants.REASON_NONE;
    }

    /** Checks a debit and prepares balance − amount; false if amount &gt; balance. Changes nothing persistent. */
    boolean prepareDebit(byte[] amount, short offset) {
        return !Uint32.subtract(amounts, BALANCE, amount, offset, prepared, (short) 0);
    }

    /** Writes the balance prepared by the last successful prepare call. Inside a transaction only. */
    void applyPrepared() {
        Util.arrayCopy(prepared, (short) 0, amounts, BALANCE, Uint32.LENGTH);
    }

    /** Copies the balance to {@code out}; returns the offset after it. */
    short copyBalanceTo(byte[] out, short offset) {
        return Util.arrayCopyNonAtomic(amounts, BALANCE, out, offset, Uint32.LENGTH);
    }

    /** Copies the limit to {@code out}; returns the offset after it. */
    short copyLimitTo(byte[] out, short offset) {
        return Util.arrayCopyNonAtomic(amounts, LIMIT, out, offset, Uint32.LENGTH);
    }
}
