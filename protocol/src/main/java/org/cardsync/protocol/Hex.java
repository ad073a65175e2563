package org.cardsync.protocol;

import java.util.HexFormat;

/** Lower-case hex, the one text form of bytes in cardsync's JSON and tests. */
public final class Hex {
    private static final HexFormat FORMAT = HexFormat.of();

    private Hex() {
    }

    public static String encode(byte[] bytes) {
        return FORMAT.formatHex(bytes);
    }

    /**
     * Decodes hex, upper or lower case, no separators.
     *
     * @throws ProtocolException {@code NOT_HEX} if the text is not an even number of hex digits
     */
    public static byte[] decode(String hex) {
        if (hex == null || (hex.length() & 1) != 0) {
            throw new ProtocolException(ProtocolError.NOT_HEX, "expected an even number of hex digits");
        }
        try {
            return FORMAT.parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(ProtocolError.NOT_HEX, "not a hex string");
        }
    }
}
