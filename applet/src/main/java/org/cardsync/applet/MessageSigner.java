package org.cardsync.applet;

import javacard.framework.Util;
import javacard.security.AESKey;

/**
 * Frames and signs the card's upstream messages, REQUEST, ACK and INFO (protocol.md section 5, rule 2):
 * version, type, card id, AID, ATC, CA, action chain H and body, under AES-CMAC with K_UP.
 *
 * <p>The caller increments ATC (in its transaction) before sealing, so each message carries the ATC
 * that the card counted for it (rule 3), and the CA and H as they stand when signed (settled values:
 * protocol.md section 4; H binds which actions the CA counts, section 1.3).
 */
final class MessageSigner {

    private static final short VERSION = 0;
    private static final short TYPE = 1;
    private static final short CARD_ID = 2;

    private final byte[] cardId;
    private final AESKey upKey;
    private final SaturatingCounter transactionCounter;
    private final SaturatingCounter actionCounter;
    private final ActionChain actionChain;
    private final AesCmac cmac;

    MessageSigner(byte[] cardId, AESKey upKey, SaturatingCounter transactionCounter,
                  SaturatingCounter actionCounter, ActionChain actionChain, AesCmac cmac) {
        this.cardId = cardId;
        this.upKey = upKey;
        this.transactionCounter = transactionCounter;
        this.actionCounter = actionCounter;
        this.actionChain = actionChain;
        this.cmac = cmac;
    }

    /** Where the body of a message starts, for an AID of {@code aidLength} bytes. */
    static short bodyOffset(short aidLength) {
        return (short) (ProtocolConstants.MSG_AID_LENGTH + 1 + aidLength + ProtocolConstants.MSG_COUNTERS_AND_CHAIN_LENGTH);
    }

    /**
     * Writes the header in front of a body that is already at {@link #bodyOffset}, then the MAC after
     * it. {@code aidRecord} is the AID's length byte followed by the AID. Returns the length of the whole
     * message, which starts at offset 0 of {@code buffer}.
     */
    short seal(byte[] buffer, byte type, byte[] aidRecord, short bodyLength) {
        buffer[VERSION] = ProtocolConstants.VERSION;
        buffer[TYPE] = type;
        short offset = Util.arrayCopyNonAtomic(cardId, (short) 0, buffer, CARD_ID, ProtocolConstants.CARD_ID_LENGTH);
        offset = Util.arrayCopyNonAtomic(aidRecord, (short) 0, buffer, offset, (short) (1 + aidRecord[0]));
        offset = transactionCounter.copyTo(buffer, offset);
        offset = actionCounter.copyTo(buffer, offset);
        offset = actionChain.copyTo(buffer, offset);
        buffer[offset] = (byte) bodyLength;
        short macOffset = (short) (offset + 1 + bodyLength);
        cmac.begin(upKey);
        cmac.update(buffer, (short) 0, macOffset);
        return cmac.sign(buffer, macOffset);
    }
}
