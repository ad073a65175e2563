package org.cardsync.applet;

import javacard.framework.JCSystem;
import javacard.framework.Util;

/**
 * The issuer parameters: 8 slots of 0 to 32 bytes (protocol.md section 1, action WRITE_PARAMETER).
 *
 * <p>A write replaces the whole 32-byte slot image, value then zeros, so that nothing of the old value
 * survives ("slot erased, then value written"). The image is staged in a transient buffer first so
 * that the transactional part is one {@code Util.arrayCopy} and one byte: a small, fixed share of the
 * card's commit buffer.
 */
final class ParameterStore {

    /** Slot i occupies values[32 i .. 32 i + 31]. */
    private final byte[] values;
    private final byte[] lengths;
    /** The next slot image, value then zeros. */
    private final byte[] staged;

    ParameterStore() {
        values = new byte[(short) (ProtocolConstants.PARAMETER_SLOTS * ProtocolConstants.PARAMETER_MAX_LENGTH)];
        lengths = new byte[ProtocolConstants.PARAMETER_SLOTS];
        staged = JCSystem.makeTransientByteArray(ProtocolConstants.PARAMETER_MAX_LENGTH, JCSystem.CLEAR_ON_DESELECT);
    }

    /** Whether a slot number names a slot (0 to 7). */
    static boolean isSlot(short slot) {
        return slot >= 0 && slot < ProtocolConstants.PARAMETER_SLOTS;
    }

    /** Copies a slot's value to {@code out}; returns its length. */
    short read(short slot, byte[] out, short offset) {
        short length = lengths[slot];
        Util.arrayCopyNonAtomic(values, slotOffset(slot), out, offset, length);
        return length;
    }

    /**
     * Stages a slot image: {@code length} (0 to 32, checked by the caller) bytes of value, then zeros.
     * Changes nothing persistent.
     */
    void stage(byte[] source, short offset, short length) {
        Util.arrayFillNonAtomic(staged, (short) 0, ProtocolConstants.PARAMETER_MAX_LENGTH, (byte) 0);
        Util.arrayCopyNonAtomic(source, offset, staged, (short) 0, length);
    }

    /**
     * Writes a slot's first value at personalisation. Every slot is still empty (zeros, length 0) in
     * state NEW, so only the value is written: the commit buffer holds at most 8 × 32 value bytes.
     * Inside a transaction only.
     */
    void personalise(short slot, byte[] source, short offset, short length) {
        Util.arrayCopy(source, offset, values, slotOffset(slot), length);
        lengths[slot] = (byte) length;
    }

    /** Writes the staged image into a slot with the given value length. Inside a transaction only. */
    void writeStaged(short slot, short length) {
        Util.arrayCopy(staged, (short) 0, values, slotOffset(slot), ProtocolConstants.PARAMETER_MAX_LENGTH);
        lengths[slot] = (byte) length;
    }

    private static short slotOffset(short slot) {
        return (short) (slot * ProtocolConstants.PARAMETER_MAX_LENGTH);
    }
}
