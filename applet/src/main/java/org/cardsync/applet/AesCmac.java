package org.cardsync.applet;

import javacard.framework.JCSystem;
import javacard.framework.Util;
import javacard.security.AESKey;
import javacardx.crypto.Cipher;

/**
 * AES-CMAC (RFC 4493, NIST SP 800-38B), full 16-byte tags, fed in pieces: {@link #begin},
 * {@link #update} any number of times, then {@link #sign} or {@link #verify}.
 *
 * <p>Built on the raw AES block cipher ({@code ALG_AES_BLOCK_128_ECB_NOPAD}, in every Java Card since
 * 2.2) rather than {@code Signature.ALG_AES_CMAC_128}, which only Java Card 3.0.5 platforms offer, so
 * that the applet runs on any 3.0.x card with AES. Its tests check it against RFC 4493 and against an
 * independent implementation.
 *
 * <p>The last block of input is held back until the end, because CMAC treats it differently
 * (XOR with subkey K1 if complete, padding and subkey K2 if not).
 */
final class AesCmac {

    private static final short BLOCK = 16;
    // Layout of the transient work buffer.
    private static final short CHAIN = 0;
    private static final short PENDING = 16;
    private static final short SUBKEY = 32;
    private static final short PENDING_LENGTH = 48;
    private static final short WORK_SIZE = 49;

    private final Cipher aes;
    private final byte[] work;

    AesCmac() {
        aes = Cipher.getInstance(Cipher.ALG_AES_BLOCK_128_ECB_NOPAD, false);
        work = JCSystem.makeTransientByteArray(WORK_SIZE, JCSystem.CLEAR_ON_DESELECT);
    }

    /** Starts a MAC under {@code key}. */
    void begin(AESKey key) {
        aes.init(key, Cipher.MODE_ENCRYPT);
        Util.arrayFillNonAtomic(work, (short) 0, WORK_SIZE, (byte) 0);
    }

    /** Adds {@code length} bytes of input. */
    void update(byte[] input, short offset, short length) {
        while (length > 0) {
            short pending = work[PENDING_LENGTH];
            if (pending == BLOCK) {
                // More input follows, so the held block is not the last one: chain it.
                chainBlock(work, PENDING);
                pending = 0;
            }
            short take = (short) (BLOCK - pending);
            if (take > length) {
                take = length;
            }
            Util.arrayCopyNonAtomic(input, offset, work, (short) (PENDING + pending), take);
            work[PENDING_LENGTH] = (byte) (pending + take);
            offset = (short) (offset + take);
            length = (short) (length - take);
        }
    }

    /** Finishes the MAC and writes the 16-byte tag to {@code out}; returns the offset after it. */
    short sign(byte[] out, short offset) {
        finish();
        Util.arrayCopyNonAtomic(work, CHAIN, out, offset, BLOCK);
        Util.arrayFillNonAtomic(work, (short) 0, WORK_SIZE, (byte) 0);
        return (short) (offset + BLOCK);
    }

    /**
     * Finishes the MAC and compares it with the 16 bytes at {@code offset}, in constant time: the time
     * taken does not depend on where the tags differ, so an attacker cannot forge a tag byte by byte
     * by timing the card's refusals.
     */
    boolean verify(byte[] expected, short offset) {
        finish();
        byte difference = 0;
        for (short i = 0; i < BLOCK; i++) {
            difference |= (byte) (work[(short) (CHAIN + i)] ^ expected[(short) (offset + i)]);
        }
        Util.arrayFillNonAtomic(work, (short) 0, WORK_SIZE, (byte) 0);
        return difference == 0;
    }

    /** Processes the held last block; leaves the tag in CHAIN. */
    private void finish() {
        // L = AES(K, 0^128), K1 = dbl(L), K2 = dbl(K1) (RFC 4493 section 2.3).
        Util.arrayFillNonAtomic(work, SUBKEY, BLOCK, (byte) 0);
        aes.doFinal(work, SUBKEY, BLOCK, work, SUBKEY);
        doubleSubkey();
        short pending = work[PENDING_LENGTH];
        if (pending == BLOCK) {
            xorInto(work, PENDING, work, SUBKEY);
        } else {
            work[(short) (PENDING + pending)] = (byte) 0x80;
            Util.arrayFillNonAtomic(work, (short) (PENDING + pending + 1), (short) (BLOCK - pending - 1), (byte) 0);
            doubleSubkey();
            xorInto(work, PENDING, work, SUBKEY);
        }
        chainBlock(work, PENDING);
    }

    /** CHAIN = AES(K, CHAIN XOR block). */
    private void chainBlock(byte[] block, short offset) {
        xorInto(work, CHAIN, block, offset);
        aes.doFinal(work, CHAIN, BLOCK, work, CHAIN);
    }

    /** SUBKEY = SUBKEY &lt;&lt; 1, XOR 0x87 into the last byte if the bit shifted out was 1; no branch on the key. */
    private void doubleSubkey() {
        byte carry = 0;
        for (short i = (short) (SUBKEY + BLOCK - 1); i >= SUBKEY; i--) {
            byte b = work[i];
            work[i] = (byte) ((b << 1) | carry);
            carry = (byte) ((b >> 7) & 1);
        }
        // carry is 0 or 1; -carry is 0x00 or 0xFF.
        work[(short) (SUBKEY + BLOCK - 1)] ^= (byte) ((byte) -carry & (byte) 0x87);
    }

    private static void xorInto(byte[] target, short targetOffset, byte[] source, short sourceOffset) {
        for (short i = 0; i < BLOCK; i++) {
            target[(short) (targetOffset + i)] ^= source[(short) (sourceOffset + i)];
        }
    }
}
