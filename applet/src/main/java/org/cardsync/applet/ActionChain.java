package org.cardsync.applet;

import javacard.framework.JCSystem;
import javacard.framework.Util;
import javacard.security.AESKey;

/**
 * The action chain H (protocol.md section 1.3): 16 persistent bytes, zero at install, moved over the MAC
 * of every script command the application executes, H' = AES-CMAC(K_UP, 0xCC || H || M). CA says how
 * many actions ran; H says which, in order, and every upstream message carries it under its MAC.
 *
 * <p>Like the purse, it changes in two steps so that EXECUTE can do all its work before its transaction:
 * {@link #prepareNext} computes H' into transient memory, changing nothing persistent; {@link
 * #applyPrepared()}, inside EXECUTE's transaction with the effect and CA + 1 (rule 5), writes it.
 */
final class ActionChain {

    static final short LENGTH = 16;
    /**
     * First byte of the chain's MAC input. Upstream messages, also MACed with K_UP, start with the version
     * 0x01: the tag stops a chain value from being passed off as a message MAC, or the reverse.
     */
    private static final byte TAG = (byte) 0xCC;

    // Layout of the transient scratch: the MAC input (tag, H, M), whose first 16 bytes then receive H'.
    private static final short INPUT_TAG = 0;
    private static final short INPUT_CHAIN = 1;
    private static final short INPUT_COMMAND_MAC = 17;
    private static final short INPUT_LENGTH = 33;
    private static final short PREPARED = 0;

    private final byte[] value;
    private final byte[] scratch;

    ActionChain() {
        value = new byte[LENGTH];
        scratch = JCSystem.makeTransientByteArray(INPUT_LENGTH, JCSystem.CLEAR_ON_DESELECT);
    }

    /** Copies H to {@code out}; returns the offset after it. */
    short copyTo(byte[] out, short offset) {
        return Util.arrayCopyNonAtomic(value, (short) 0, out, offset, LENGTH);
    }

    /**
     * Computes H' over the 16-byte command MAC at {@code macOffset} into transient memory. Changes nothing
     * persistent; {@code cmac} is free again when it returns.
     */
    void prepareNext(AesCmac cmac, AESKey upKey, byte[] commandMac, short macOffset) {
        scratch[INPUT_TAG] = TAG;
        Util.arrayCopyNonAtomic(value, (short) 0, scratch, INPUT_CHAIN, LENGTH);
        Util.arrayCopyNonAtomic(commandMac, macOffset, scratch, INPUT_COMMAND_MAC, LENGTH);
        cmac.begin(upKey);
        cmac.update(scratch, INPUT_TAG, INPUT_LENGTH);
        cmac.sign(scratch, PREPARED);
    }

    /**
     * Writes the H' of the last {@link #prepareNext}. Inside the caller's transaction only, with the
     * effect and CA + 1 it chains (rule 5): a plain {@code Util.arrayCopy}, journalled by the transaction,
     * so that power loss leaves the old H with the old CA or the new H with the new CA.
     */
    void applyPrepared() {
        Util.arrayCopy(scratch, PREPARED, value, (short) 0, LENGTH);
    }
}
