package org.cardsync.agent.server;

import java.time.Duration;
import java.util.List;

/**
 * How the agent's WebSocket server runs.
 *
 * @param port the TCP port on the loopback addresses; 0 picks a free one (tests)
 * @param bindAddresses the addresses to listen on; the first must succeed, the others may be missing
 *     (a PC without IPv6 has no ::1)
 * @param logApduData whether APDU bodies may appear in the debug log
 * @param maxBatch the most APDUs one transmit-batch may carry
 * @param commandTimeout how long one reader call (connect, one APDU exchange) may take (docs/agent-protocol.md 8)
 */
public record AgentOptions(int port, List<String> bindAddresses, boolean logApduData, int maxBatch,
        Duration commandTimeout) {

    /** The port the web UI looks for the agent on. */
    public static final int DEFAULT_PORT = 24511;
    public static final List<String> LOOPBACK = List.of("127.0.0.1", "::1");
    public static final int DEFAULT_MAX_BATCH = 255;
    /** Far above any command of a working card (a slow card's key generation takes seconds), far below forever. */
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(30);

    public AgentOptions {
        bindAddresses = List.copyOf(bindAddresses);
        if (bindAddresses.isEmpty()) {
            throw new IllegalArgumentException("no address to listen on");
        }
        if (commandTimeout.isNegative() || commandTimeout.isZero()) {
            throw new IllegalArgumentException("the command timeout must be positive");
        }
    }

    public AgentOptions(int port, List<String> bindAddresses, boolean logApduData, int maxBatch) {
        this(port, bindAddresses, logApduData, maxBatch, DEFAULT_COMMAND_TIMEOUT);
    }

    public static AgentOptions defaults(int port) {
        return new AgentOptions(port, LOOPBACK, false, DEFAULT_MAX_BATCH);
    }
}
