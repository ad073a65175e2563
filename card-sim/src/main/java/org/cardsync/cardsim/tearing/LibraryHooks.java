package org.cardsync.cardsim.tearing;

import javacard.framework.AID;
import javacard.security.AESKey;
import javacard.security.KeyBuilder;
import javacard.security.MessageDigest;
import javacard.security.RandomData;
import javacard.security.Signature;
import javacardx.crypto.Cipher;

/**
 * What the instrumented applet calls instead of the Java Card library methods that write a key or write
 * into an array the applet passes ({@link LibraryCalls}). A key's data is journaled (below). For an
 * array output this model cannot say how such a write is torn or undone (the API
 * does not say whether it is atomic or uses the transaction), so each hook runs the method only into a
 * transient array (the APDU buffer or a {@code makeTransient...} array) and reports the applet otherwise
 * ({@link Journal#refuse}). Public only because the applet's classes must be able to call it.
 */
public final class LibraryHooks {

    private LibraryHooks() {
    }

    // --- keys ---------------------------------------------------------------------------------------

    /**
     * AESKey.setKey on a key with persistent key data (KeyBuilder.TYPE_AES): one atomic update of the
     * key object, conditional in a transaction like any update of a persistent object (RE spec 7.2).
     */
    public static void setKey(AESKey key, byte[] keyData, short offset) {
        byte type = key.getType();
        if (type == KeyBuilder.TYPE_AES_TRANSIENT_DESELECT || type == KeyBuilder.TYPE_AES_TRANSIENT_RESET) {
            key.setKey(keyData, offset);
            return;
        }
        Journal journal = Journal.current();
        journal.beforePersistentWrite();
        if (journal.inTransaction()) {
            if (key.isInitialized()) {
                byte[] old = new byte[key.getSize() / 8];
                key.getKey(old, (short) 0);
                journal.recordUndo(() -> key.setKey(old, (short) 0));
            } else {
                journal.recordUndo(key::clearKey);
            }
        }
        key.setKey(keyData, offset);
    }

    // --- outputs into the applet's arrays ------------------------------------------------------------

    public static byte getKey(AESKey key, byte[] keyData, short offset) {
        transientTarget(keyData, "AESKey.getKey");
        return key.getKey(keyData, offset);
    }

    public static short doFinal(Cipher cipher, byte[] in, short inOffset, short inLength, byte[] out, short outOffset) {
        transientTarget(out, "Cipher.doFinal");
        return cipher.doFinal(in, inOffset, inLength, out, outOffset);
    }

    public static short update(Cipher cipher, byte[] in, short inOffset, short inLength, byte[] out, short outOffset) {
        transientTarget(out, "Cipher.update");
        return cipher.update(in, inOffset, inLength, out, outOffset);
    }

    public static short doFinal(MessageDigest digest, byte[] in, short inOffset, short inLength, byte[] out,
                                short outOffset) {
        transientTarget(out, "MessageDigest.doFinal");
        return digest.doFinal(in, inOffset, inLength, out, outOffset);
    }

    public static short sign(Signature signature, byte[] in, short inOffset, short inLength, byte[] out,
                             short outOffset) {
        transientTarget(out, "Signature.sign");
        return signature.sign(in, inOffset, inLength, out, outOffset);
    }

    @SuppressWarnings("deprecation")
    public static void generateData(RandomData random, byte[] out, short offset, short length) {
        transientTarget(out, "RandomData.generateData");
        random.generateData(out, offset, length);
    }

    public static short nextBytes(RandomData random, byte[] out, short offset, short length) {
        transientTarget(out, "RandomData.nextBytes");
        return random.nextBytes(out, offset, length);
    }

    public static byte getBytes(AID aid, byte[] out, short offset) {
        transientTarget(out, "AID.getBytes");
        return aid.getBytes(out, offset);
    }

    private static void transientTarget(byte[] target, String call) {
        Journal journal = Journal.current();
        if (target != null && journal.isPersistent(target)) {
            journal.refuse(call + " into a persistent array: TearingCard cannot journal that write");
        }
    }
}
