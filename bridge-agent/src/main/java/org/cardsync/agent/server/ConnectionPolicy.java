package org.cardsync.agent.server;

import java.time.Duration;

/**
 * The connection-level guards of the agent, apart from the origin allow-list.
 *
 * @param peerOwners who owns the client's end of a connection (only the agent's own OS user is served)
 * @param handshakeTimeout how long a TCP connection may stay open without becoming a WebSocket
 * @param refusalLogInterval refused handshakes are logged in full up to {@link RefusalLog#FULL_LINES} per
 *     interval, then as one summary line per interval
 */
public record ConnectionPolicy(PeerOwners peerOwners, Duration handshakeTimeout, Duration refusalLogInterval) {

    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REFUSAL_LOG_INTERVAL = Duration.ofSeconds(10);

    public ConnectionPolicy {
        if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()
                || refusalLogInterval.isNegative() || refusalLogInterval.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }

    /** The real system's peer lookup with the default timings. */
    public static ConnectionPolicy defaults() {
        return new ConnectionPolicy(PeerOwners.forThisSystem(), DEFAULT_HANDSHAKE_TIMEOUT,
                DEFAULT_REFUSAL_LOG_INTERVAL);
    }

    public ConnectionPolicy withHandshakeTimeout(Duration timeout) {
        return new ConnectionPolicy(peerOwners, timeout, refusalLogInterval);
    }
}
