package org.cardsync.agent.wire;

import java.util.HexFormat;

/**
 * Bytes as the agent writes them on its wire and in its logs: upper-case hex (docs/agent-protocol.md).
 * Hex coming in, in either case, is read by protocol's {@link org.cardsync.protocol.Hex}.
 */
public final class Hex {

    private static final HexFormat UPPER = HexFormat.of().withUpperCase();

    private Hex() {
    }

    public static String encode(byte[] bytes) {
        return UPPER.formatHex(bytes);
    }
}
