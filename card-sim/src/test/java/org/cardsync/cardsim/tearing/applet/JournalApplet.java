package org.cardsync.cardsim.tearing.applet;

import javacard.framework.APDU;
import javacard.framework.Applet;
import javacard.framework.ISO7816;
import javacard.framework.ISOException;
import javacard.framework.JCSystem;
import javacard.framework.Util;

/**
 * A test-only applet for TearingCard's own tests, in a package of its own (the harness instruments a
 * whole package): one command per kind of persistent write, with the writes of each counted in its
 * comment, so that a test can cut power before each of them. Persistent: a short counter (a field) and
 * a 4-byte record (an array). Transient: one CLEAR_ON_RESET and one CLEAR_ON_DESELECT byte.
 */
public final class JournalApplet extends Applet {

    /** In one transaction: counter + 1, record[0] = 1, setShort(record, 2, counter). Writes: 3 + the commit. */
    public static final byte INS_COMMIT = 0x10;
    /** In one transaction: counter + 1, record[0] = AA, then abortTransaction. Writes: 2. */
    public static final byte INS_ABORT = 0x11;
    /** Util.arrayCopyNonAtomic of the 4 data bytes into the record, outside a transaction. Writes: 4 (one a byte). */
    public static final byte INS_COPY_NON_ATOMIC = 0x12;
    /** Util.arrayCopy of the 4 data bytes into the record, outside a transaction. Writes: 1. */
    public static final byte INS_COPY_ATOMIC = 0x13;
    /** Answers counter (2), record (4), the CLEAR_ON_RESET byte, the CLEAR_ON_DESELECT byte. */
    public static final byte INS_READ = 0x14;
    /** Sets both transient bytes to 1. Writes: 0. */
    public static final byte INS_SET_TRANSIENT = 0x15;
    /** Begins a transaction, counter + 1, and returns with it open. Writes: 1. */
    public static final byte INS_LEAVE_OPEN = 0x16;
    /** Outside a transaction: counter + 1, then record[1] = 7. Writes: 2. */
    public static final byte INS_TWO_PLAIN_WRITES = 0x17;

    private short counter;
    private final byte[] record = new byte[4];
    private final byte[] onReset = JCSystem.makeTransientByteArray((short) 1, JCSystem.CLEAR_ON_RESET);
    private final byte[] onDeselect = JCSystem.makeTransientByteArray((short) 1, JCSystem.CLEAR_ON_DESELECT);

    public static void install(byte[] parameters, short offset, byte length) {
        new JournalApplet().register(parameters, (short) (offset + 1), parameters[offset]);
    }

    @Override
    public void process(APDU apdu) {
        if (selectingApplet()) {
            return;
        }
        byte[] buffer = apdu.getBuffer();
        switch (buffer[ISO7816.OFFSET_INS]) {
            case INS_COMMIT:
                JCSystem.beginTransaction();
                counter++;
                record[0] = 1;
                Util.setShort(record, (short) 2, counter);
                JCSystem.commitTransaction();
                break;
            case INS_ABORT:
                JCSystem.beginTransaction();
                counter++;
                record[0] = (byte) 0xAA;
                JCSystem.abortTransaction();
                break;
            case INS_COPY_NON_ATOMIC:
                apdu.setIncomingAndReceive();
                Util.arrayCopyNonAtomic(buffer, ISO7816.OFFSET_CDATA, record, (short) 0, (short) 4);
                break;
            case INS_COPY_ATOMIC:
                apdu.setIncomingAndReceive();
                Util.arrayCopy(buffer, ISO7816.OFFSET_CDATA, record, (short) 0, (short) 4);
                break;
            case INS_READ:
                Util.setShort(buffer, (short) 0, counter);
                Util.arrayCopyNonAtomic(record, (short) 0, buffer, (short) 2, (short) 4);
                buffer[6] = onReset[0];
                buffer[7] = onDeselect[0];
                apdu.setOutgoingAndSend((short) 0, (short) 8);
                break;
            case INS_SET_TRANSIENT:
                onReset[0] = 1;
                onDeselect[0] = 1;
                break;
            case INS_LEAVE_OPEN:
                JCSystem.beginTransaction();
                counter++;
                break;
            case INS_TWO_PLAIN_WRITES:
                counter++;
                record[1] = 7;
                break;
            default:
                ISOException.throwIt(ISO7816.SW_INS_NOT_SUPPORTED);
        }
    }
}
