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
     * @throws ProtocolException {@code NOT_HEX} if the text is not an even number of hex digits; the
     *     message says where it is wrong
     */
    public static byte[] decode(String hex) {
        if (hex == null) {
            throw new ProtocolException(ProtocolError.NOT_HEX, "no hex string");
        }
        if ((hex.length() & 1) != 0) {
            throw new ProtocolException(ProtocolError.NOT_HEX, "odd number of hex digits (" + hex.length() + ")");
        }
        for (int i = 0; i < hex.length(); i++) {
            if (!HexFormat.isHexDigit(hex.charAt(i))) {
                throw new ProtocolException(ProtocolError.NOT_HEX, "not a hex digit at position " + i);
            }
        }
        return FORMAT.parseHex(hex);
    }
}
