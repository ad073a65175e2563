package org.cardsync.agent.handler;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.cardsync.agent.wire.ErrorCode;
import org.cardsync.agent.wire.RequestException;

/**
 * Which page holds which reader: a reader is leased to one page at a time (docs/agent-protocol.md,
 * "connect"). Shared by every page's {@link PageLease}; used only on the agent's event loop.
 *
 * <p>A passive registry: it never calls a holder back. Whoever learns that a card left (the agent's
 * reader events) asks it for the {@link #holder} and tells that page.
 *
 * <p>A reader whose holder's call overran the command timeout is <em>stuck</em>: it stays leased, refused to every
 * page with {@code READER_TIMEOUT}, until the hung call returned and the card was reset; then its lease ends and
 * {@link #onStuckReaderFreed} hears of it (the agent tells the pages).
 */
public final class ReaderLeases {

    private final Map<String, PageLease> holders = new HashMap<>();
    private final Set<String> stuck = new HashSet<>();
    private Consumer<String> stuckReaderFreed = reader -> { };

    /** {@code listener} hears, on the event loop, of each stuck reader whose lease ended. */
    public void onStuckReaderFreed(Consumer<String> listener) {
        stuckReaderFreed = listener;
    }

    /** The page holding {@code reader}, or null. */
    public PageLease holder(String reader) {
        return holders.get(reader);
    }

    /**
     * Leases {@code reader} to {@code page}. Stops a second tab from interleaving APDUs with a running
     * script of the first, or inheriting its open card session.
     */
    void lease(String reader, PageLease page) throws RequestException {
        if (stuck.contains(reader)) {
            // A new connect would queue a second call behind the hung one (pcsc-lite serialises the calls of a
            // context), leak its thread, and could be handed the hung page's late card handle and session.
            throw new RequestException(ErrorCode.READER_TIMEOUT, "\"" + reader + "\" stopped answering a command"
                    + " of a page that gave up on it; the agent holds it until the reader answers and the card is"
                    + " reset, then sends a reader-free event: connect again then");
        }
        if (holders.containsKey(reader)) {
            throw new RequestException(ErrorCode.READER_BUSY, "\"" + reader + "\" is in use by another page"
                    + " (another tab or window); close it there or wait");
        }
        holders.put(reader, page);
    }

    /** Marks the reader {@code page} holds as stuck: a call of that page's overran the command timeout. */
    void markStuck(String reader, PageLease page) {
        if (holders.get(reader) == page) {
            stuck.add(reader);
        }
    }

    /** Ends {@code page}'s lease of {@code reader}, if it has one; a stuck reader is announced free. */
    void release(String reader, PageLease page) {
        if (holders.remove(reader, page) && stuck.remove(reader)) {
            stuckReaderFreed.accept(reader);
        }
    }
}
