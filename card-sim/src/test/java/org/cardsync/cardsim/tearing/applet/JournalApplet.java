package org.cardsync.cardsim.tearing.applet;

import javacard.framework.APDU;
import javacard.framework.Applet;
import javacard.framework.ISO7816;
import javacard.framework.ISOException;
import javacard.framework.JCSystem;
import javacard.framework.Util;
import javacard.security.AESKey;
import javacard.security.KeyBuilder;
import javacard.security.MessageDigest;

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

    /**
     * In one transaction, one store of each other kind: shorts[0] (SASTORE), ints[0] (IASTORE),
     * objects[0] (AASTORE), flag (a boolean field), flags[0] (a boolean BASTORE), staticCounter + 1
     * (PUTSTATIC), key.setKey(the 16 data bytes); and, not counted, one store into each transient array
     * (short, boolean, Object). Then P1 00 commits, P1 01 aborts. Writes: 7 (+ the commit for P1 00).
     */
    public static final byte INS_KINDS = 0x18;
    /**
     * Answers shorts[0] (2), ints[0] (4), objects[0] set (1), flag (1), flags[0] (1), staticCounter (2),
     * the transient short (2), boolean (1) and Object (1) set, whether the key is initialised (1) and, if
     * so, its 16 bytes (AESKey.getKey into the APDU buffer).
     */
    public static final byte INS_READ_KINDS = 0x19;
    /** Util.arrayFillNonAtomic of EE into the 4 bytes of the record, outside a transaction. Writes: 4 (one a byte). */
    public static final byte INS_FILL_NON_ATOMIC = 0x1A;
    /**
     * Inside a transaction: P1 00 arrayCopyNonAtomic into the record, P1 01 arrayFillNonAtomic into it
     * (both applet defects), P1 02 arrayCopyNonAtomic into the APDU buffer (allowed); then commits.
     */
    public static final byte INS_NON_ATOMIC_IN_TRANSACTION = 0x1B;
    /** Allocates a byte[2] and keeps it in a field (an applet defect during a command). */
    public static final byte INS_ALLOCATE = 0x1C;
    /** SHA-256 of the data into P1 00 a persistent array (an applet defect), P1 01 the APDU buffer (allowed). */
    public static final byte INS_DIGEST = 0x1D;

    /**
     * In one transaction: record[0] = 1, then {@link #incrementCounter} (which a CallMovedAfterCommit
     * variant moves after the commit). Writes: 2 + the commit.
     */
    public static final byte INS_MOVED_INCREMENT = 0x1E;

    private static short staticCounter;

    private short counter;
    private final byte[] record = new byte[4];
    private final short[] shorts = new short[1];
    private final int[] ints = new int[1];
    private final Object[] objects = new Object[1];
    private boolean flag;
    private final boolean[] flags = new boolean[1];
    private final byte[] digestOut = new byte[32];
    private byte[] allocated;
    private final short[] transientShorts = JCSystem.makeTransientShortArray((short) 1, JCSystem.CLEAR_ON_RESET);
    private final boolean[] transientBooleans = JCSystem.makeTransientBooleanArray((short) 1, JCSystem.CLEAR_ON_RESET);
    private final Object[] transientObjects = JCSystem.makeTransientObjectArray((short) 1, JCSystem.CLEAR_ON_RESET);
    private final AESKey key = (AESKey) KeyBuilder.buildKey(KeyBuilder.TYPE_AES, KeyBuilder.LENGTH_AES_128, false);
    private final MessageDigest sha256 = MessageDigest.getInstance(MessageDigest.ALG_SHA_256, false);
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
            case INS_KINDS:
                apdu.setIncomingAndReceive();
                writeEveryKind(buffer);
                break;
            case INS_READ_KINDS:
                apdu.setOutgoingAndSend((short) 0, readEveryKind(buffer));
                break;
            case INS_FILL_NON_ATOMIC:
                Util.arrayFillNonAtomic(record, (short) 0, (short) 4, (byte) 0xEE);
                break;
            case INS_NON_ATOMIC_IN_TRANSACTION:
                JCSystem.beginTransaction();
                if (buffer[ISO7816.OFFSET_P1] == 0) {
                    Util.arrayCopyNonAtomic(buffer, (short) 0, record, (short) 0, (short) 4);
                } else if (buffer[ISO7816.OFFSET_P1] == 1) {
                    Util.arrayFillNonAtomic(record, (short) 0, (short) 4, (byte) 0xEE);
                } else {
                    Util.arrayCopyNonAtomic(record, (short) 0, buffer, (short) 0, (short) 4);
                }
                JCSystem.commitTransaction();
                break;
            case INS_MOVED_INCREMENT:
                JCSystem.beginTransaction();
                record[0] = 1;
                incrementCounter();
                JCSystem.commitTransaction();
                break;
            case INS_ALLOCATE:
                allocated = new byte[2];
                break;
            case INS_DIGEST:
                short length = apdu.setIncomingAndReceive();
                sha256.doFinal(buffer, ISO7816.OFFSET_CDATA, length,
                        buffer[ISO7816.OFFSET_P1] == 0 ? digestOut : buffer, (short) 0);
                break;
            default:
                ISOException.throwIt(ISO7816.SW_INS_NOT_SUPPORTED);
        }
    }

    private void incrementCounter() {
        counter++;
    }

    private void writeEveryKind(byte[] buffer) {
        JCSystem.beginTransaction();
        shorts[0] = 0x1234;
        ints[0] = 0x01020304;
        objects[0] = record;
        flag = true;
        flags[0] = true;
        staticCounter++;
        key.setKey(buffer, ISO7816.OFFSET_CDATA);
        transientShorts[0] = 0x5678;
        transientBooleans[0] = true;
        transientObjects[0] = record;
        if (buffer[ISO7816.OFFSET_P1] == 0) {
            JCSystem.commitTransaction();
        } else {
            JCSystem.abortTransaction();
        }
    }

    private short readEveryKind(byte[] buffer) {
        Util.setShort(buffer, (short) 0, shorts[0]);
        Util.setShort(buffer, (short) 2, (short) (ints[0] >>> 16));
        Util.setShort(buffer, (short) 4, (short) ints[0]);
        buffer[6] = (byte) (objects[0] == null ? 0 : 1);
        buffer[7] = (byte) (flag ? 1 : 0);
        buffer[8] = (byte) (flags[0] ? 1 : 0);
        Util.setShort(buffer, (short) 9, staticCounter);
        Util.setShort(buffer, (short) 11, transientShorts[0]);
        buffer[13] = (byte) (transientBooleans[0] ? 1 : 0);
        buffer[14] = (byte) (transientObjects[0] == null ? 0 : 1);
        buffer[15] = (byte) (key.isInitialized() ? 1 : 0);
        if (!key.isInitialized()) {
            return 16;
        }
        key.getKey(buffer, (short) 16);
        return 32;
    }
}
