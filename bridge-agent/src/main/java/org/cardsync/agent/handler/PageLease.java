package org.cardsync.agent.handler;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.util.logging.Logger;
import org.cardsync.agent.reader.ApduExchange;
import org.cardsync.agent.reader.CardConnection;
import org.cardsync.agent.reader.ReaderException;
import org.cardsync.agent.reader.ReaderFailure;
import org.cardsync.agent.wire.ErrorCode;
import org.cardsync.agent.wire.RequestException;

/**
 * One page's hold on a reader, shared by that page's handlers: none, a connect under way, a connected
 * card with its worker, or a card that was pulled out until the page acknowledges it. A page holds one
 * reader at a time, and {@link ReaderLeases} lets a reader be held by one page at a time.
 *
 * <p>Used on the agent's event loop, except {@link #holds}, which a batch asks on the card's worker.
 */
public final class PageLease {

    private static final Logger LOG = Logger.getLogger(PageLease.class.getName());

    private final ReaderLeases leases;
    private final String pageName;

    /** The card this page holds, or null; read by the card's worker too (a batch stops when the page lets go). */
    private volatile HeldCard held;
    /** The reader a connect is under way for, so that a second connect cannot lease another one meanwhile. */
    private String connecting;
    /** A reader whose card was pulled out while this page held it, until the page connects or disconnects. */
    private String lostReader;
    private volatile boolean closed;
    /** The letting go of this page's last card: done once its disconnect ran and its reader is free. */
    private Future<Void> released = Future.succeededFuture();

    /**
     * A connected card, with the single-thread worker that runs its PC/SC calls in the order the page sent
     * them.
     */
    record HeldCard(String reader, CardConnection connection, ApduExchange exchange, WorkerExecutor worker) {
    }

    /** @param pageName the page, for logs */
    PageLease(ReaderLeases leases, String pageName) {
        this.leases = leases;
        this.pageName = pageName;
    }

    /**
     * Leases {@code reader} to this page for a connect about to start, on the event loop, so that a second
     * connect arriving meanwhile (from this page or another) finds it taken.
     */
    void reserve(String reader) throws RequestException {
        if (held != null) {
            throw new RequestException(ErrorCode.ALREADY_CONNECTED, "this page already holds \"" + held.reader()
                    + "\"; disconnect first");
        }
        if (connecting != null) {
            // A second connect before the first answered would lease a second reader that nothing releases.
            throw new RequestException(ErrorCode.ALREADY_CONNECTED, "this page is already connecting to \""
                    + connecting + "\"; wait for the answer");
        }
        leases.lease(reader, this);
        connecting = reader;
    }

    /** The connect under way failed: the reader is free again. */
    void connectFailed(String reader) {
        connecting = null;
        leases.release(reader, this);
    }

    /**
     * The connect under way succeeded.
     *
     * @return false if the page went away meanwhile: the card is then reset and the reader let go
     */
    boolean connected(HeldCard card) {
        connecting = null;
        if (closed) {
            release(card, true);
            return false;
        }
        held = card;
        lostReader = null;
        LOG.info(pageName + " connected to " + card.reader());
        return true;
    }

    /** The card this page holds; refuses when it holds none, saying why. */
    HeldCard requireHeld() throws RequestException {
        HeldCard card = held;
        if (card != null) {
            return card;
        }
        if (lostReader != null) {
            throw new RequestException(ErrorCode.CARD_REMOVED, "the card was removed from \"" + lostReader
                    + "\"; connect again (and read the card's identity again: it may be another card)");
        }
        throw new RequestException(ErrorCode.NOT_CONNECTED, "connect to a reader first");
    }

    /** Whether this page still holds {@code card}: a batch sends nothing more once it lets go. */
    boolean holds(HeldCard card) {
        return !closed && held == card;
    }

    /** A failure of {@code card}'s worker; a card gone for good ends this page's hold on its reader. */
    Throwable cardFailed(HeldCard card, Throwable cause) {
        if (cause instanceof ReaderException re && held == card
                && (re.failure() == ReaderFailure.CARD_REMOVED || re.failure() == ReaderFailure.PCSC_UNAVAILABLE)) {
            cardLost(card.reader());
        }
        return cause;
    }

    /** The card in {@code reader} was removed, or the reader unplugged: if this page held it, let go. */
    public void cardLost(String reader) {
        HeldCard card = held;
        if (card == null || !card.reader().equals(reader)) {
            return;
        }
        lostReader = reader;
        releaseHeld(false);
    }

    /**
     * Ends the page's hold at its request.
     *
     * @return the reader let go, and whether its card had been removed (a {@code CARD_REMOVED} acknowledged)
     */
    Future<Disconnected> disconnect(boolean reset) throws RequestException {
        if (held != null) {
            String reader = held.reader();
            return releaseHeld(reset).map(v -> new Disconnected(reader, false));
        }
        if (lostReader != null) {
            String reader = lostReader;
            lostReader = null;
            return Future.succeededFuture(new Disconnected(reader, true));
        }
        throw new RequestException(ErrorCode.NOT_CONNECTED, "this page holds no reader");
    }

    /** What a disconnect let go of. */
    record Disconnected(String reader, boolean cardRemoved) {
    }

    /** The page went away (or the agent stops): its card is reset and let go. */
    public Future<Void> close() {
        closed = true;
        return held != null ? releaseHeld(true) : Future.succeededFuture();
    }

    /**
     * Completes once this page's previous card is let go (its reader free again), at once if there is none.
     * A page that connects again right after its card was pulled out waits for that, or its own lease, still
     * being released, would answer it READER_BUSY.
     */
    Future<Void> previousReleased() {
        return released;
    }

    private Future<Void> releaseHeld(boolean reset) {
        HeldCard card = held;
        held = null;
        released = release(card, reset);
        return released;
    }

    /**
     * Disconnects the card, queued behind any command still running on it (a batch stops at its next APDU),
     * and only then frees the reader: otherwise this page's leftover commands could run between the next
     * holder's, and the reset would wipe the next holder's session.
     */
    private Future<Void> release(HeldCard card, boolean reset) {
        LOG.info(pageName + " releases " + card.reader());
        return card.worker().executeBlocking(() -> {
            card.connection().disconnect(reset);
            return (Void) null;
        }, true).eventually(() -> {
            leases.release(card.reader(), this);
            return card.worker().close();
        });
    }
}
