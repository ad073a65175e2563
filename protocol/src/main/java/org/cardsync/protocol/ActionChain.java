package org.cardsync.protocol;

/**
 * The action chain H of a card application (protocol.md section 1.3): a MAC under K_UP over the MACs of
 * every script command the application executed, in order. CA says how many actions ran; H says which,
 * so a report on a script can be told from a report on any other script with the same count.
 */
public final class ActionChain {
    public static final int LENGTH = 16;
    /**
     * The first byte of the chain's MAC input. Every upstream message, also MACed with K_UP, starts with
     * the version 0x01 instead, so no chain value can be passed off as a message MAC or the reverse.
     */
    public static final int TAG = 0xCC;

    private ActionChain() {
    }

    /** 16 zero bytes: the chain of a card application that has executed nothing. */
    public static byte[] initial() {
        return new byte[LENGTH];
    }

    /** H' = AES-CMAC(K_UP, 0xCC ‖ chain ‖ commandMac): the chain once the command with that MAC has run. */
    public static byte[] next(byte[] upKey, byte[] chain, byte[] commandMac) {
        return next(CmacKey.of(upKey), chain, commandMac);
    }

    /** {@link #next(byte[], byte[], byte[])} with K_UP wherever it lives (e.g. in the backend's PKCS#11 token). */
    public static byte[] next(CmacKey upKey, byte[] chain, byte[] commandMac) {
        if (chain.length != LENGTH || commandMac.length != AesCmac.MAC_LENGTH) {
            throw new IllegalArgumentException("the chain and the command MAC are 16 bytes each");
        }
        return upKey.mac(new Bytes.Writer().u8(TAG).bytes(chain).bytes(commandMac).toByteArray());
    }
}
