package org.cardsync.backend.keys;

import java.security.GeneralSecurityException;
import java.security.Provider;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.IvParameterSpec;
import org.cardsync.protocol.AesCmac;
import org.cardsync.protocol.CmacKey;

/**
 * AES-CMAC (RFC 4493) with a key inside a PKCS#11 token. SunPKCS11 (JDK 17 to 25) maps no CMAC {@code Mac}, so the
 * token's AES does every block cipher call and this class only pads and XORs the subkey in (RFC 4493 section 2.4):
 * the tag is the last block of AES-CBC with a zero IV over the message whose last block was XORed with K1 (complete)
 * or padded and XORed with K2. The subkeys come from L = AES_K(0^128); they let nobody compute a tag without the
 * token (every tag needs AES_K), and keeping them saves a token call per tag.
 */
final class TokenCmac implements CmacKey {
    private static final int BLOCK = 16;

    private final ThreadLocal<Cipher> cbc;
    private final SecretKey key;
    private final byte[] k1;
    private final byte[] k2;

    /** {@code cbc}: the token's AES/CBC/NoPadding, one per thread (a Cipher is not thread-safe; getting one costs more than the tag). */
    TokenCmac(ThreadLocal<Cipher> cbc, SecretKey key) {
        this.cbc = cbc;
        this.key = key;
        byte[] l = cbc(new byte[BLOCK]);
        this.k1 = doubled(l);
        this.k2 = doubled(k1);
        Arrays.fill(l, (byte) 0);
    }

    @Override
    public byte[] mac(byte[] message, int offset, int length) {
        int blocks = Math.max(1, (length + BLOCK - 1) / BLOCK);
        boolean complete = length > 0 && length % BLOCK == 0;
        byte[] input = new byte[blocks * BLOCK];
        System.arraycopy(message, offset, input, 0, length);
        if (!complete) {
            input[length] = (byte) 0x80;
        }
        byte[] subkey = complete ? k1 : k2;
        int last = (blocks - 1) * BLOCK;
        for (int i = 0; i < BLOCK; i++) {
            input[last + i] ^= subkey[i];
        }
        byte[] out = cbc(input);
        Arrays.fill(input, (byte) 0);
        try {
            return Arrays.copyOfRange(out, out.length - AesCmac.MAC_LENGTH, out.length);
        } finally {
            // the CBC chain's blocks: when the KDF runs through the token, the last one is the derived card key
            Arrays.fill(out, (byte) 0);
        }
    }

    /** The token's AES/CBC/NoPadding, for {@link #TokenCmac}'s per-thread cipher. */
    static Cipher tokenCbc(Provider token) {
        try {
            return Cipher.getInstance("AES/CBC/NoPadding", token);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the PKCS#11 token offers no AES/CBC: " + e.getMessage(), e);
        }
    }

    private byte[] cbc(byte[] input) {
        try {
            Cipher cipher = cbc.get();
            cipher.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(new byte[BLOCK]));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            // the message names the failing call only: a key never reaches an exception
            throw new IllegalStateException("the PKCS#11 token refused an AES operation: " + e.getMessage(), e);
        }
    }

    /** RFC 4493's subkey step: shift left by one bit, XOR 0x87 into the last byte if the top bit was set. */
    private static byte[] doubled(byte[] in) {
        byte[] out = new byte[BLOCK];
        for (int i = 0; i < BLOCK; i++) {
            int next = i + 1 < BLOCK ? (in[i + 1] & 0xFF) >>> 7 : 0;
            out[i] = (byte) ((in[i] << 1) | next);
        }
        if ((in[0] & 0x80) != 0) {
            out[BLOCK - 1] ^= (byte) 0x87;
        }
        return out;
    }
}
