package org.cardsync.protocol;

/**
 * An AES-CMAC key (RFC 4493, protocol.md 1.2) seen only through the tags it computes, wherever it lives: in
 * memory, or as a non-extractable object in a PKCS#11 token (the backend's issuer keys). Code that MACs or derives
 * through this type never needs the key's bytes.
 */
@FunctionalInterface
public interface CmacKey {
    /** The 16-byte AES-CMAC tag of {@code length} bytes of {@code message} from {@code offset}. */
    byte[] mac(byte[] message, int offset, int length);

    /** The 16-byte AES-CMAC tag of the whole message. */
    default byte[] mac(byte[] message) {
        return mac(message, 0, message.length);
    }

    /** A key held in memory (a copy of {@code key}, which must be 16 bytes). */
    static CmacKey of(byte[] key) {
        if (key.length != AesCmac.KEY_LENGTH) {
            throw new IllegalArgumentException("AES-128 key must be 16 bytes");
        }
        byte[] copy = key.clone();
        return (message, offset, length) -> AesCmac.mac(copy, message, offset, length);
    }
}
