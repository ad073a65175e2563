package org.cardsync.applet;

import javacard.framework.JCSystem;
import javacard.framework.Util;

/**
 * The cardholder PIN: 4 to 8 bytes, a try limit of 1 to 15 set at personalisation, a persistent try
 * counter and a transient validated flag.
 *
 * <p>Not {@code javacard.framework.OwnerPIN}, for two reasons. OwnerPIN fixes its try limit in its
 * constructor, but the limit arrives with PERSONALISE, after install, and this applet allocates
 * nothing after install. And the Java Card API lets OwnerPIN keep its try counter out of transactions,
 * while RESET_PIN_TRIES must change the counter and CA in one transaction (rule 5). The semantics are
 * OwnerPIN's: a failed check costs a try, a good one restores the limit, no tries left blocks.
 */
final class CardholderPin {

    private final byte[] value;
    private byte length;
    private byte tryLimit;
    private byte triesRemaining;
    /** Validated since the last selection, REQUEST or failed check. */
    private final boolean[] validated;

    CardholderPin() {
        value = new byte[ProtocolConstants.PIN_MAX_LENGTH];
        validated = JCSystem.makeTransientBooleanArray((short) 1, JCSystem.CLEAR_ON_DESELECT);
    }

    /** Whether a PIN length and try limit are acceptable at personalisation (protocol.md section 3). */
    static boolean isValidPersonalisation(short pinLength, byte limit) {
        return pinLength >= ProtocolConstants.PIN_MIN_LENGTH && pinLength <= ProtocolConstants.PIN_MAX_LENGTH
                && limit >= 1 && limit <= ProtocolConstants.PIN_TRY_LIMIT_MAX;
    }

    /** Sets PIN, try limit and tries (personalisation). Inside a transaction only. */
    void personalise(byte[] source, short offset, short pinLength, byte limit) {
        Util.arrayCopy(source, offset, value, (short) 0, pinLength);
        length = (byte) pinLength;
        tryLimit = limit;
        triesRemaining = limit;
    }

    byte triesRemaining() {
        return triesRemaining;
    }

    boolean isBlocked() {
        return triesRemaining == 0;
    }

    boolean isValidated() {
        return validated[0];
    }

    void clearValidated() {
        validated[0] = false;
    }

    /**
     * Checks a candidate PIN (the caller has checked that tries remain). Stops a tearing attack (cut the
     * power once the card has compared, before it counts the failure): the try is spent first, by a
     * single-byte write that is atomic without a transaction and that no abort can roll back, and given
     * back only after a match. The comparison takes the same time whatever the PIN's bytes are.
     */
    boolean check(byte[] candidate, short offset, short candidateLength) {
        validated[0] = false;
        triesRemaining = (byte) (triesRemaining - 1);
        byte difference = candidateLength == length ? (byte) 0 : (byte) 1;
        short compared = candidateLength < length ? candidateLength : length;
        for (short i = 0; i < compared; i++) {
            difference |= (byte) (candidate[(short) (offset + i)] ^ value[i]);
        }
        if (difference != 0) {
            return false;
        }
        triesRemaining = tryLimit;
        validated[0] = true;
        return true;
    }

    /** Gives back every try (action RESET_PIN_TRIES). Inside a transaction only. */
    void resetTries() {
        triesRemaining = tryLimit;
    }
}
