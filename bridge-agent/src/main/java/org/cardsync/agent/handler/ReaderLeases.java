package org.cardsync.agent.handler;

import java.util.HashMap;
import java.util.Map;
import org.cardsync.agent.wire.ErrorCode;
import org.cardsync.agent.wire.RequestException;

/**
 * Which page holds which reader: a reader is leased to one page at a time (docs/agent-protocol.md,
 * "connect"). Shared by every page's {@link PageLease}; used only on the agent's event loop.
 *
 * <p>A passive registry: it never calls a holder back. Whoever learns that a card left (the agent's
 * reader events) asks it for the {@link #holder} and tells that page.
 */
public final class ReaderLeases {

    private final Map<String, PageLease> holders = new HashMap<>();

    /** The page holding {@code reader}, or null. */
    public PageLease holder(String reader) {
        return holders.get(reader);
    }

    /**
     * Leases {@code reader} to {@code page}. Stops a second tab from interleaving APDUs with a running
     * script of the first, or inheriting its open card session.
     */
    void lease(String reader, PageLease page) throws RequestException {
        if (holders.containsKey(reader)) {
            throw new RequestException(ErrorCode.READER_BUSY, "\"" + reader + "\" is in use by another page"
                    + " (another tab or window); close it there or wait");
        }
        holders.put(reader, page);
    }

    /** Ends {@code page}'s lease of {@code reader}, if it has one. */
    void release(String reader, PageLease page) {
        holders.remove(reader, page);
    }
}
