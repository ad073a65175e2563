package org.cardsync.cardsim;

import javacard.framework.APDU;
import javacard.framework.Applet;
import javacard.framework.ISO7816;
import javacard.framework.ISOException;
import javacard.framework.JCSystem;
import javacard.framework.Util;
import javacard.security.MessageDigest;

/**
 * A test-only applet that knows nothing of cardsync, to show what the host does for any applet: a
 * persistent counter written in a transaction, a digest computed with the card's crypto, a transient
 * flag, and a command with a defect (it leaves a transaction open). The counter starts at the first byte
 * of the application parameters of its install parameters, if any.
 */
public final class CounterApplet extends Applet {

    /** Counter + 1 in a transaction; answers the new counter (2 bytes) and SHA-256(counter | data). */
    static final byte INS_INCREMENT = 0x01;
    /** Answers the counter (2 bytes) and the transient flag (1 byte). */
    static final byte INS_READ = 0x02;
    /** Sets the transient flag, cleared by a reset. */
    static final byte INS_SET_FLAG = 0x03;
    /** Begins a transaction and returns without committing it: a defect the host must report. */
    static final byte INS_LEAVE_TRANSACTION_OPEN = 0x04;

    private short counter;
    private final byte[] flag = JCSystem.makeTransientByteArray((short) 1, JCSystem.CLEAR_ON_RESET);
    private final MessageDigest sha256 = MessageDigest.getInstance(MessageDigest.ALG_SHA_256, false);

    private CounterApplet(short initialCounter) {
        counter = initialCounter;
    }

    /** GlobalPlatform install parameters: LV instance AID, LV privileges, LV application parameters. */
    public static void install(byte[] parameters, short offset, byte length) {
        short aidLength = parameters[offset];
        short privilegesAt = (short) (offset + 1 + aidLength);
        short applicationAt = (short) (privilegesAt + 1 + parameters[privilegesAt]);
        short initial = parameters[applicationAt] > 0 ? (short) (parameters[(short) (applicationAt + 1)] & 0xFF) : 0;
        new CounterApplet(initial).register(parameters, (short) (offset + 1), (byte) aidLength);
    }

    @Override
    public void process(APDU apdu) {
        if (selectingApplet()) {
            return;
        }
        byte[] buf = apdu.getBuffer();
        switch (buf[ISO7816.OFFSET_INS]) {
            case INS_INCREMENT:
                increment(apdu, buf);
                break;
            case INS_READ:
                Util.setShort(buf, (short) 0, counter);
                buf[2] = flag[0];
                apdu.setOutgoingAndSend((short) 0, (short) 3);
                break;
            case INS_SET_FLAG:
                flag[0] = 1;
                break;
            case INS_LEAVE_TRANSACTION_OPEN:
                JCSystem.beginTransaction();
                break;
            default:
                ISOException.throwIt(ISO7816.SW_INS_NOT_SUPPORTED);
        }
    }

    private void increment(APDU apdu, byte[] buf) {
        short length = apdu.setIncomingAndReceive();
        JCSystem.beginTransaction();
        counter++;
        JCSystem.commitTransaction();
        // The data moves up by 2 so that the digest input is counter | data, in place.
        Util.arrayCopyNonAtomic(buf, ISO7816.OFFSET_CDATA, buf, (short) 2, length);
        Util.setShort(buf, (short) 0, counter);
        short digestLength = sha256.doFinal(buf, (short) 0, (short) (2 + length), buf, (short) 2);
        apdu.setOutgoingAndSend((short) 0, (short) (2 + digestLength));
    }
}
