package org.cardsync.protocol;

/**
 * The action chain H of a card application (protocol.md section 4): a running MAC over the MACs of every script
 * command the card executed, in order, so that a signed message binds what ran, not only how many.
 */
public final class ActionChain {
    public static final int LENGTH = 16;
    /** Separates the chain's MAC input from every upstream message's, which starts with version 0x01. */
    private static final byte DOMAIN = (byte) 0xCC;

    private ActionChain() {
    }

    /** 16 zero bytes: the chain of a card application that has executed nothing. */
    public static byte[] initial() {
        return new byte[LENGTH];
    }

    /** H' = AES-CMAC(K_UP, 0xCC ‖ chain ‖ commandMac). */
    public static byte[] next(byte[] upKey, byte[] chain, byte[] commandMac) {
        if (chain.length != LENGTH || commandMac.length != AesCmac.MAC_LENGTH) {
            throw new IllegalArgumentException("a chain and a command MAC are 16 bytes each");
        }
        return AesCmac.mac(upKey, new Bytes.Writer().u8(DOMAIN & 0xFF).bytes(chain).bytes(commandMac).toByteArray());
    }
}
