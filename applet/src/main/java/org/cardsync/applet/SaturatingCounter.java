package org.cardsync.applet;

import javacard.framework.JCSystem;
import javacard.framework.Util;

/**
 * A persistent 32-bit counter that saturates at 0xFFFFFFFF and never wraps (rule 9). The card holds
 * two: the action counter CA (rule 5: number of actions executed) and the transaction counter ATC
 * (rule 3: +1 for every message the card signs).
 *
 * <p>Writers ({@link #set} and {@link #increment}) are called only inside the caller's Java Card
 * transaction, together with the effect they count, so that power loss leaves both or neither.
 */
final class SaturatingCounter {

    /** Where a script command's sequence number s stands against CA (protocol.md section 6.0, step 6). */
    static final byte SEQUENCE_ALREADY_APPLIED = (byte) -1;
    static final byte SEQUENCE_NEXT = (byte) 0;
    static final byte SEQUENCE_OUT_OF_ORDER = (byte) 1;

    private final byte[] value;
    /** s − value, computed by {@link #classifySequence}; transient, nothing to keep. */
    private final byte[] difference;

    SaturatingCounter() {
        value = new byte[Uint32.LENGTH];
        difference = JCSystem.makeTransientByteArray(Uint32.LENGTH, JCSystem.CLEAR_ON_DESELECT);
    }

    /** Whether the counter is at its maximum and can count nothing more. */
    boolean isSaturated() {
        return Uint32.isMax(value, (short) 0);
    }

    /** Copies the four bytes of the value to {@code out}; returns the offset after them. */
    short copyTo(byte[] out, short offset) {
        return Util.arrayCopyNonAtomic(value, (short) 0, out, offset, Uint32.LENGTH);
    }

    /**
     * Classifies a sequence number s (four bytes) against this counter: {@link #SEQUENCE_NEXT} when
     * s = value + 1, {@link #SEQUENCE_ALREADY_APPLIED} when s &le; value, else
     * {@link #SEQUENCE_OUT_OF_ORDER}. Changes nothing persistent.
     */
    byte classifySequence(byte[] sequence, short offset) {
        boolean below = Uint32.subtract(sequence, offset, value, (short) 0, difference, (short) 0);
        if (below || Uint32.isZero(difference, (short) 0)) {
            return SEQUENCE_ALREADY_APPLIED;
        }
        return Uint32.isOne(difference, (short) 0) ? SEQUENCE_NEXT : SEQUENCE_OUT_OF_ORDER;
    }

    /** Sets the value (personalisation). Inside a transaction only. */
    void set(byte[] source, short offset) {
        Util.arrayCopy(source, offset, value, (short) 0, Uint32.LENGTH);
    }

    /**
     * Adds one. Inside a transaction only, and only after {@link #isSaturated()} returned false: the
     * caller refuses the operation at the maximum (6A94) instead of calling this, so a saturated counter
     * is never written. If it were called at the maximum anyway, it would leave the value there.
     */
    void increment() {
        if (isSaturated()) {
            return;
        }
        for (short i = (short) (Uint32.LENGTH - 1); i >= 0; i--) {
            byte next = (byte) (value[i] + 1);
            value[i] = next;
            if (next != 0) {
                return;
            }
        }
    }
}
