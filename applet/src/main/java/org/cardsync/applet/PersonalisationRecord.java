package org.cardsync.applet;

import javacard.framework.ISOException;

/**
 * The PERSONALISE record (protocol.md section 3): its validation, all of it before any write, and the
 * walk over its parameter list.
 */
final class PersonalisationRecord {

    /** Bytes before the PIN: version .. PIN length. */
    private static final short FIXED_LENGTH = ProtocolConstants.PERSO_PIN;

    private PersonalisationRecord() {
    }

    /**
     * Checks every field of a record of {@code length} bytes at {@code offset}, in order, and throws
     * at the first problem: 6700 when the fields do not add up to the length, 6A80 for a field value
     * outside its range (version, balance above limit, PIN try limit, PIN length, parameter count,
     * slot numbers, duplicate slots, value lengths). Changes nothing.
     */
    static void validate(byte[] buffer, short offset, short length) {
        if (length < (short) (FIXED_LENGTH + 1)) {
            ISOException.throwIt(ProtocolConstants.SW_WRONG_LENGTH);
        }
        if (buffer[(short) (offset + ProtocolConstants.PERSO_VERSION)] != ProtocolConstants.VERSION
                || !Purse.isValidPersonalisation(buffer, (short) (offset + ProtocolConstants.PERSO_PURSE_LIMIT),
                        (short) (offset + ProtocolConstants.PERSO_BALANCE))
                || !CardholderPin.isValidPersonalisation(pinLength(buffer, offset), pinTryLimit(buffer, offset))) {
            ISOException.throwIt(ProtocolConstants.SW_WRONG_DATA);
        }
        short end = (short) (offset + length);
        short cursor = parameterCountOffset(buffer, offset);
        if (cursor >= end) {
            ISOException.throwIt(ProtocolConstants.SW_WRONG_LENGTH);
        }
        short count = (short) (buffer[cursor] & 0xFF);
        if (count > ProtocolConstants.PARAMETER_SLOTS) {
            ISOException.throwIt(ProtocolConstants.SW_WRONG_DATA);
        }
        cursor++;
        short seenSlots = 0;
        for (short i = 0; i < count; i++) {
            if ((short) (end - cursor) < 2) {
                ISOException.throwIt(ProtocolConstants.SW_WRONG_LENGTH);
            }
            short slot = (short) (buffer[cursor] & 0xFF);
            short valueLength = (short) (buffer[(short) (cursor + 1)] & 0xFF);
            if (!ParameterStore.isSlot(slot) || (seenSlots & (short) (1 << slot)) != 0
                    || valueLength > ProtocolConstants.PARAMETER_MAX_LENGTH) {
                ISOException.throwIt(ProtocolConstants.SW_WRONG_DATA);
            }
            seenSlots = (short) (seenSlots | (short) (1 << slot));
            cursor = (short) (cursor + 2);
            if ((short) (end - cursor) < valueLength) {
                ISOException.throwIt(ProtocolConstants.SW_WRONG_LENGTH);
            }
            cursor = (short) (cursor + valueLength);
        }
        if (cursor != end) {
            ISOException.throwIt(ProtocolConstants.SW_WRONG_LENGTH);
        }
    }

    static short pinLength(byte[] buffer, short offset) {
        return (short) (buffer[(short) (offset + ProtocolConstants.PERSO_PIN_LENGTH)] & 0xFF);
    }

    static byte pinTryLimit(byte[] buffer, short offset) {
        return buffer[(short) (offset + ProtocolConstants.PERSO_PIN_TRY_LIMIT)];
    }

    /**
     * Writes every parameter of a validated record into the store. Inside the PERSONALISE transaction
     * only; it neither checks nor throws.
     */
    static void writeParameters(byte[] buffer, short offset, ParameterStore parameters) {
        short cursor = parameterCountOffset(buffer, offset);
        short count = (short) (buffer[cursor] & 0xFF);
        cursor++;
        for (short i = 0; i < count; i++) {
            short slot = (short) (buffer[cursor] & 0xFF);
            short valueLength = (short) (buffer[(short) (cursor + 1)] & 0xFF);
            parameters.personalise(slot, buffer, (short) (cursor + 2), valueLength);
            cursor = (short) (cursor + 2 + valueLength);
        }
    }

    private static short parameterCountOffset(byte[] buffer, short offset) {
        return (short) (offset + FIXED_LENGTH + pinLength(buffer, offset));
    }
}
