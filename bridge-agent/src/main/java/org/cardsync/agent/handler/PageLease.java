package org.cardsync.agent.handler;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.logging.Logger;
import org.cardsync.agent.reader.ApduExchange;
import org.cardsync.agent.reader.ReaderException;
import org.cardsync.agent.reader.ReaderFailure;
import org.cardsync.agent.reader.TimeLimitedConnection;
import org.cardsync.agent.wire.ErrorCode;
import org.cardsync.agent.wire.RequestException;

/**
 * One page's hold on a reader, shared by that page's handlers: none, a connect under way, a connected
 * card with its worker, a card whose session the page kept open across a disconnect without reset, or a card
 * that was pulled out until the page acknowledges it. A page holds one
 * reader at a time, and {@link ReaderLeases} lets a reader be held by one page at a time.
 *
 * <p>Used on the agent's event loop, except {@link #requireStillHeld}, which commands ask on the card's connection
 * thread.
 */
public final class PageLease {

    private static final Logger LOG = Logger.getLogger(PageLease.class.getName());

    private final ReaderLeases leases;
    private final String pageName;

    /** The card this page holds, or null; read by the card's worker too (a batch stops when the page lets go). */
    private volatile HeldCard held;
    /**
     * The card this page let go of without a reset ({@code disconnect} with {@code reset: false}): its session is
     * still open on the card, so the reader stays leased to this page alone until it connects again (and goes on
     * with the session), disconnects with a reset, or goes away (reset).
     */
    private HeldCard kept;
    /** The last card taken from this page because it left the reader: a batch still running on it says so. */
    private volatile HeldCard lost;
    /** The reader a connect is under way for, so that a second connect cannot lease another one meanwhile. */
    private String connecting;
    /** A reader whose card was pulled out while this page held it, until the page connects or disconnects. */
    private String lostReader;
    private volatile boolean closed;
    /** The letting go of this page's last card: done once its disconnect ran and its reader is free. */
    private Future<Void> released = Future.succeededFuture();

    /**
     * A connected card: its connection, whose own thread runs the page's PC/SC calls in the order the page sent
     * them, and the single-thread worker that waits for them within the command timeout, in the same order, and
     * runs the connection's disconnect after them.
     */
    record HeldCard(String reader, TimeLimitedConnection connection, boolean logApduData, WorkerExecutor worker) {

        /**
         * Runs {@code commands} (one request's APDUs) on the card, on the event loop: as one task on the connection's
         * own thread, after the page's earlier requests, each reader call within the command timeout. That thread
         * hands the outcome straight back to the event loop; the card's worker only watches the time limit (in the
         * page's order, so that a request queued behind one that overran fails at once), off the reply's way. So a
         * request costs one thread hand-off each way, whatever its number of APDUs.
         */
        <T> Future<T> exchange(Exchanges<T> commands) {
            Context context = Vertx.currentContext();
            Promise<T> reply = Promise.promise();
            TimeLimitedConnection.Sequence<T> running;
            try {
                running = connection.start(reader -> {
                    try {
                        T result = commands.run(new ApduExchange(reader, logApduData));
                        context.runOnContext(v -> reply.tryComplete(result));
                        return result;
                    } catch (Exception | Error e) {
                        context.runOnContext(v -> reply.tryFail(e));
                        throw e;
                    }
                });
            } catch (ReaderException e) {
                return Future.failedFuture(e);
            }
            worker.executeBlocking(running::await, true).onFailure(reply::tryFail);
            return reply.future();
        }
    }

    /** A request's APDU exchanges with a held card; see {@link HeldCard#exchange}. */
    @FunctionalInterface
    interface Exchanges<T> {
        T run(ApduExchange card) throws Exception;
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
        refuseSecondConnect();
        leases.lease(reader, this);
        connecting = reader;
    }

    private void refuseSecondConnect() throws RequestException {
        if (held != null) {
            throw new RequestException(ErrorCode.ALREADY_CONNECTED, "this page already holds \"" + held.reader()
                    + "\"; disconnect first");
        }
        if (connecting != null) {
            // A second connect before the first answered would lease a second reader that nothing releases.
            throw new RequestException(ErrorCode.ALREADY_CONNECTED, "this page is already connecting to \""
                    + connecting + "\"; wait for the answer");
        }
    }

    /** The connect under way failed: the reader is free again. */
    void connectFailed(String reader) {
        connecting = null;
        leases.release(reader, this);
    }

    /**
     * The connect under way overran the command timeout and may still be in the driver: the reader stays leased,
     * stuck, until {@code idle} tells that the attempt left the reader (a card it opened late is closed by then).
     */
    void connectStuck(String reader, Future<Void> idle) {
        connecting = null;
        leases.markStuck(reader, this);
        idle.onComplete(done -> leases.release(reader, this));
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

    /**
     * Refuses, on the card's worker, a command queued for {@code card} after this page let go of it: the command
     * is not sent, and the page learns why. A card pull that races a batch's start so answers {@code CARD_REMOVED},
     * as the card itself would, not an empty "incomplete" result that reads as if the card had refused nothing.
     */
    void requireStillHeld(HeldCard card) throws RequestException {
        if (!closed && held == card) {
            return;
        }
        if (lost == card) {
            throw new RequestException(ErrorCode.CARD_REMOVED, "the card was removed from \"" + card.reader()
                    + "\"; connect again (and read the card's identity again: it may be another card)");
        }
        throw new RequestException(ErrorCode.NOT_CONNECTED, "this page let go of \"" + card.reader()
                + "\" before the command was sent");
    }

    /**
     * A failure of {@code card}'s worker; a card gone for good ends this page's hold on its reader, and so does a
     * reader that did not answer in time: the page lets go at once, but the reader stays leased, stuck, until the
     * hung call returned and the card was reset (then a reader-free event), so that nothing of this page's session
     * (a late answer, the card handle, a reset) reaches the next page.
     *
     * @return done once the page's hold is settled
     */
    Future<Void> cardFailed(HeldCard card, Throwable cause) {
        if (cause instanceof ReaderException re && held == card) {
            if (re.failure() == ReaderFailure.CARD_REMOVED || re.failure() == ReaderFailure.PCSC_UNAVAILABLE) {
                cardLost(card.reader());
            } else if (re.failure() == ReaderFailure.TIMEOUT) {
                LOG.warning(pageName + " loses " + card.reader() + ": the reader did not answer in time; it stays"
                        + " held until it answers and the card is reset");
                leases.markStuck(card.reader(), this);
                held = null;
                release(card, true); // not this page's previous release: its next connect need not wait for it
            }
        }
        return Future.succeededFuture();
    }

    /** The card in {@code reader} was removed, or the reader unplugged: if this page held or kept it, let go. */
    public void cardLost(String reader) {
        HeldCard card = held;
        if (card != null && card.reader().equals(reader)) {
            lost = card; // before held goes null: a worker that sees held changed then sees why
            lostReader = reader;
            releaseHeld(false);
        } else if (kept != null && kept.reader().equals(reader)) {
            lostReader = reader;
            released = release(kept, false);
            kept = null;
        }
    }

    /**
     * The card this page kept open in {@code reader} ({@code disconnect} with {@code reset: false}), held again with
     * its session; null when there is none. A session kept in another reader ends with a reset first (then
     * {@link #previousReleased()} completes once that reader is free).
     */
    HeldCard resumeKept(String reader) throws RequestException {
        refuseSecondConnect();
        HeldCard card = kept;
        if (card == null) {
            return null;
        }
        kept = null;
        if (card.reader().equals(reader)) {
            held = card;
            lostReader = null;
            LOG.info(pageName + " resumes its session with " + reader);
            return card;
        }
        released = release(card, true);
        return null;
    }

    /**
     * Ends the page's hold at its request.
     *
     * @return the reader let go, and whether its card had been removed (a {@code CARD_REMOVED} acknowledged)
     */
    Future<Disconnected> disconnect(boolean reset) throws RequestException {
        HeldCard card = held;
        if (card != null && reset) {
            return releaseHeld(true).map(v -> new Disconnected(card.reader(), false));
        }
        if (card != null) {
            // Without a reset the card's session stays open: the reader stays this page's alone (ReaderLeases), or
            // the next page would inherit the session (a selected application, a verified PIN, an open script).
            held = null;
            kept = card;
            LOG.info(pageName + " keeps its session with " + card.reader() + " (disconnect without reset)");
            // Answered after the commands still queued for the card, as a disconnect with reset is.
            return card.worker().executeBlocking(() -> new Disconnected(card.reader(), false), true);
        }
        if (kept != null) {
            HeldCard session = kept;
            if (!reset) {
                return Future.succeededFuture(new Disconnected(session.reader(), false));
            }
            kept = null;
            released = release(session, true);
            return released.map(v -> new Disconnected(session.reader(), false));
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
        if (kept != null) {
            released = release(kept, true);
            kept = null;
            return released;
        }
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
