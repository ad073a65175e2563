package org.cardsync.agent.handler;

import java.util.HashMap;
import java.util.Map;
import org.cardsync.agent.wire.ErrorCode;
import org.cardsync.agent.wire.RequestException;

/**
 * Which page holds which reader: a reader is leased to one page at a time (docs/agent-protocol.md,
 * "connect"). Shared by every page's {@link PageLease}; used only on the agent's event loop.
 */
public final class ReaderLeases {

    private final Map<String, PageLease> holders = new HashMap<>();

    /** The page holding {@code reader}, or null. */
    PageLease holder(String reader) {
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

    /** The card in {@code reader} was removed, or the reader unplugged: its holder lets go. */
    public void cardLost(String reader) {
        PageLease holder = holders.get(reader);
        if (holder != null) {
            holder.cardLost(reader);
        }
    }
}
