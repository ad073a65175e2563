package org.cardsync.applet;

import java.util.Arrays;

import com.licel.jcardsim.smartcardio.CardSimulator;
import javacard.security.AESKey;
import javacard.security.KeyBuilder;

/**
 * Runs the applet's {@link AesCmac} outside an applet, for the tests that check it directly. Its
 * transient buffer needs a jcardsim runtime on the calling thread, which creating a simulator sets up.
 */
final class AppletCrypto {

    private AppletCrypto() {
    }

    /**
     * The applet's CMAC of {@code message}, fed to {@link AesCmac#update} in pieces cut at the given
     * ascending positions, to exercise the held-back last block across every kind of boundary.
     */
    static byte[] cmac(byte[] key, byte[] message, int[] cuts) {
        new CardSimulator();
        AESKey aesKey = (AESKey) KeyBuilder.buildKey(KeyBuilder.TYPE_AES, KeyBuilder.LENGTH_AES_128, false);
        aesKey.setKey(key, (short) 0);
        AesCmac cmac = new AesCmac();
        cmac.begin(aesKey);
        int start = 0;
        for (int cut : cuts) {
            cmac.update(message, (short) start, (short) (cut - start));
            start = cut;
        }
        cmac.update(message, (short) start, (short) (message.length - start));
        byte[] out = new byte[20];
        short end = cmac.sign(out, (short) 2);
        if (end != 18) {
            throw new AssertionError("sign returned offset " + end);
        }
        return Arrays.copyOfRange(out, 2, 18);
    }

    /** The applet's verdict on a tag, with {@link AesCmac#verify}. */
    static boolean verify(byte[] key, byte[] message, byte[] tag) {
        new CardSimulator();
        AESKey aesKey = (AESKey) KeyBuilder.buildKey(KeyBuilder.TYPE_AES, KeyBuilder.LENGTH_AES_128, false);
        aesKey.setKey(key, (short) 0);
        AesCmac cmac = new AesCmac();
        cmac.begin(aesKey);
        cmac.update(message, (short) 0, (short) message.length);
        return cmac.verify(tag, (short) 0);
    }
}
