package org.cardsync.agent.server;

import java.util.List;

/**
 * How the agent's WebSocket server runs.
 *
 * @param port the TCP port on the loopback addresses; 0 picks a free one (tests)
 * @param bindAddresses the addresses to listen on; the first must succeed, the others may be missing
 *     (a PC without IPv6 has no ::1)
 * @param logApduData whether APDU bodies may appear in the debug log
 * @param maxBatch the most APDUs one transmit-batch may carry
 */
public record AgentOptions(int port, List<String> bindAddresses, boolean logApduData, int maxBatch) {

    /** The port the web UI looks for the agent on. */
    public static final int DEFAULT_PORT = 24511;
    public static final List<String> LOOPBACK = List.of("127.0.0.1", "::1");
    public static final int DEFAULT_MAX_BATCH = 255;

    public AgentOptions {
        bindAddresses = List.copyOf(bindAddresses);
        if (bindAddresses.isEmpty()) {
            throw new IllegalArgumentException("no address to listen on");
        }
    }

    public static AgentOptions defaults(int port) {
        return new AgentOptions(port, LOOPBACK, false, DEFAULT_MAX_BATCH);
    }
}
