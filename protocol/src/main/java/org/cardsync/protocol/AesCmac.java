package org.cardsync.protocol;

import java.security.MessageDigest;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.macs.CMac;
import org.bouncycastle.crypto.params.KeyParameter;

/** AES-CMAC (RFC 4493) with a 16-byte key and the full 16-byte tag, as protocol.md section 1.2 requires. */
public final class AesCmac {
    public static final int KEY_LENGTH = 16;
    public static final int MAC_LENGTH = 16;

    private AesCmac() {
    }

    public static byte[] mac(byte[] key, byte[] message) {
        return mac(key, message, 0, message.length);
    }

    public static byte[] mac(byte[] key, byte[] message, int offset, int length) {
        if (key.length != KEY_LENGTH) {
            throw new IllegalArgumentException("AES-128 key must be 16 bytes");
        }
        CMac cmac = new CMac(AESEngine.newInstance());
        cmac.init(new KeyParameter(key));
        cmac.update(message, offset, length);
        byte[] out = new byte[MAC_LENGTH];
        cmac.doFinal(out, 0);
        return out;
    }

    /**
     * Constant-time tag comparison: stops an attacker who can time the server from learning a valid
     * MAC byte by byte.
     */
    public static boolean matches(byte[] expected, byte[] actual) {
        return MessageDigest.isEqual(expected, actual);
    }
}
