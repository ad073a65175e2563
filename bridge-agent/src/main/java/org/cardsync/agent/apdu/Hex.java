package org.cardsync.agent.apdu;

import java.util.HexFormat;

/** Hex strings as they travel on the agent's wire: even length, digits and a-f/A-F only. */
public final class Hex {

    private static final HexFormat UPPER = HexFormat.of().withUpperCase();

    private Hex() {
    }

    /**
     * Decodes a hex string, naming what is wrong with it.
     *
     * @throws IllegalArgumentException for an odd number of digits or a non-hex character
     */
    public static byte[] decode(String hex) {
        if (hex.length() % 2 != 0) {
            throw new IllegalArgumentException("odd number of hex digits (" + hex.length() + ")");
        }
        for (int i = 0; i < hex.length(); i++) {
            if (Character.digit(hex.charAt(i), 16) < 0) {
                throw new IllegalArgumentException("not a hex digit at position " + i);
            }
        }
        return UPPER.parseHex(hex);
    }

    public static String encode(byte[] bytes) {
        return UPPER.formatHex(bytes);
    }

    public static String encode(byte[] bytes, int offset, int length) {
        return UPPER.formatHex(bytes, offset, offset + length);
    }
}
