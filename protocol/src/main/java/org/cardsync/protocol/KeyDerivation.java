package org.cardsync.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Card application keys from the issuer master key: NIST SP 800-108r1 KDF in counter mode with
 * AES-CMAC as PRF, one iteration, L = 128 (protocol.md section 1.1). Per card application, so that one
 * card's keys, if extracted, open no other card (rule 10 of the architecture).
 */
public final class KeyDerivation {
    static final byte[] LABEL_UP = "CS-MAC-UP".getBytes(StandardCharsets.US_ASCII);
    static final byte[] LABEL_DOWN = "CS-MAC-DN".getBytes(StandardCharsets.US_ASCII);

    private KeyDerivation() {
    }

    /** The card-to-server MAC key K_UP. */
    public static byte[] deriveUpKey(byte[] masterKey, CardApplicationId id) {
        return derive(masterKey, LABEL_UP, id);
    }

    /** The server-to-card MAC key K_DN. */
    public static byte[] deriveDownKey(byte[] masterKey, CardApplicationId id) {
        return derive(masterKey, LABEL_DOWN, id);
    }

    /** K_UP for a card id and AID given as bytes. */
    public static byte[] deriveUpKey(byte[] masterKey, byte[] cardId, byte[] aid) {
        return deriveUpKey(masterKey, new CardApplicationId(cardId, aid));
    }

    /** K_DN for a card id and AID given as bytes. */
    public static byte[] deriveDownKey(byte[] masterKey, byte[] cardId, byte[] aid) {
        return deriveDownKey(masterKey, new CardApplicationId(cardId, aid));
    }

    /** K_UP through a master key wherever it lives: in a PKCS#11 token the KDF's CMAC runs inside it. */
    public static byte[] deriveUpKey(CmacKey masterKey, CardApplicationId id) {
        return masterKey.mac(prfInput(LABEL_UP, id));
    }

    /** K_DN through a master key wherever it lives: in a PKCS#11 token the KDF's CMAC runs inside it. */
    public static byte[] deriveDownKey(CmacKey masterKey, CardApplicationId id) {
        return masterKey.mac(prfInput(LABEL_DOWN, id));
    }

    static byte[] prfInput(byte[] label, CardApplicationId id) {
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        in.write(0x01); // [i]_8: the only iteration
        in.writeBytes(label);
        in.write(0x00); // separator
        in.writeBytes(id.encode()); // context: card id || AID length || AID
        in.write(0x00); // [L]_16 = 128
        in.write(0x80);
        return in.toByteArray();
    }

    private static byte[] derive(byte[] masterKey, byte[] label, CardApplicationId id) {
        return CmacKey.of(masterKey).mac(prfInput(label, id));
    }
}
