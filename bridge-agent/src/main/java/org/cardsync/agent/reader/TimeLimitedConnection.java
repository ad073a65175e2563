package org.cardsync.agent.reader;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A card connection whose every call answers within a time limit (the agent's command timeout), so that a hung
 * reader (a driver stuck in SCardTransmit, a card that never answers) cannot keep a page waiting for ever.
 *
 * <p>Each call runs on this connection's one daemon thread while the caller waits at most the limit. A call that
 * overruns fails with {@link ReaderFailure#TIMEOUT} and gives the connection up: later calls fail at once. The
 * overrunning call is left to finish and never interrupted: a native PC/SC call ignores interrupts anyway, and the
 * simulated card's journal would lose its file (an interrupted FileChannel closes). {@link #disconnect} and
 * {@link #awaitIdle} then wait, without a limit, until that call returned and the reset ran, so that whoever holds
 * the reader's lease keeps it until nothing of this connection is left in the reader: no late answer or late
 * handle can reach the next page, and at most one thread per reader is ever stuck. The command that overran may
 * still reach the card; its answer is lost, as a card pulled out before it answered: the cardsync protocol's
 * counters tell the server what ran.
 *
 * <p>{@link #start} runs a whole sequence of calls (a page's request, a batch's APDUs) as one task on that thread, the
 * limit still applying to each reader call alone, and {@link Sequence#await} is the wait with the limit: no hand-off
 * between threads per APDU.
 */
public final class TimeLimitedConnection implements CardConnection {

    private static final Logger LOG = Logger.getLogger(TimeLimitedConnection.class.getName());

    /** Opens the connection being wrapped; may block. */
    @FunctionalInterface
    public interface Opener {
        CardConnection open() throws ReaderException;
    }

    private final String readerName;
    private final Duration limit;
    private final ExecutorService calls;
    private CardConnection inner;
    /** A call overran: the connection is given up. */
    private volatile boolean hung;

    /** Reader calls made one after the other on this connection's thread; see {@link #start}. */
    @FunctionalInterface
    public interface Calls<T> {
        /** @param reader the connection, each of whose calls must answer within the limit */
        T run(CardConnection reader) throws Exception;
    }

    /** A connection to {@code readerName}, not yet open: {@link #open(Opener)} it. */
    public TimeLimitedConnection(String readerName, Duration limit) {
        this.readerName = readerName;
        this.limit = limit;
        this.calls = Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(task, "cardsync-reader-call-" + readerName);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Opens a connection to {@code readerName} with {@code opener} within {@code limit}; see {@link #open(Opener)}.
     * A connect that overran is waited for (the card it opened closed) before this throws.
     */
    public static TimeLimitedConnection open(String readerName, Duration limit, Opener opener) throws ReaderException {
        TimeLimitedConnection connection = new TimeLimitedConnection(readerName, limit);
        try {
            connection.open(opener);
            return connection;
        } catch (ReaderException | RuntimeException e) {
            connection.awaitIdle();
            throw e;
        }
    }

    /**
     * Opens the connection with {@code opener} within the limit. A connection that opens after the limit passed is
     * reset and closed at once, so that no card is left connected to nobody. When this throws, {@link #awaitIdle}
     * tells when the reader is rid of the attempt.
     */
    public void open(Opener opener) throws ReaderException {
        LateResult late = new LateResult();
        inner = call("connecting to", () -> {
            CardConnection opened = opener.open();
            if (!late.deliver()) {
                opened.disconnect(true);
            }
            return opened;
        }, late);
    }

    /**
     * Whether a call's result still has a taker. Taken once, under a lock, by the call (delivering) or by the
     * waiting thread (abandoning), so that a connection opened right at the deadline is either used or closed.
     */
    private static final class LateResult {
        private boolean delivered;
        private boolean abandoned;

        synchronized boolean deliver() {
            delivered = !abandoned;
            return delivered;
        }

        /** @return false when the result was delivered just before the deadline: the caller takes it after all */
        synchronized boolean abandon() {
            abandoned = !delivered;
            return abandoned;
        }
    }

    private <T> T call(String what, Callable<T> action, LateResult late) throws ReaderException {
        if (hung) {
            throw new ReaderException(ReaderFailure.TIMEOUT, readerName + " stopped answering earlier; connect again");
        }
        Future<T> result = calls.submit(action);
        try {
            return result.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            if (late != null && !late.abandon()) {
                return await(result);
            }
            // Never interrupt the call (see the class comment); it is left to finish, its result dropped.
            result.cancel(false);
            throw overran(what);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReaderException(ReaderFailure.READER_ERROR, what + " " + readerName + " was interrupted", e);
        } catch (ExecutionException e) {
            throw unwrap(e);
        }
    }

    /**
     * Starts {@code sequence} on this connection's thread, after the calls and sequences started before it; see
     * {@link Sequence#await}. The sequence itself can hand its outcome on (a page's reply) from that thread, so that
     * the thread that waits with the limit is not on the way.
     *
     * @throws ReaderException TIMEOUT when an earlier call overran: the connection was given up
     */
    public <T> Sequence<T> start(Calls<T> sequence) throws ReaderException {
        if (hung) {
            throw new ReaderException(ReaderFailure.TIMEOUT, readerName + " stopped answering earlier; connect again");
        }
        PerCallLimited limited = new PerCallLimited();
        return new Sequence<>(limited, calls.submit(() -> sequence.run(limited)));
    }

    /** A sequence of reader calls under way on this connection's thread. */
    public final class Sequence<T> {
        private final PerCallLimited limited;
        private final Future<T> result;

        private Sequence(PerCallLimited limited, Future<T> result) {
            this.limited = limited;
            this.result = result;
        }

        /**
         * Waits for the sequence, each of its reader calls within the limit (the time spent between calls, in the
         * agent, is not the reader's and not limited). A call that overruns ends the wait with
         * {@link ReaderFailure#TIMEOUT} at once and gives the connection up, as {@link #transmit} does; the sequence
         * then makes no further call (the overrunning call's answer, when it comes, is dropped), so that nothing of
         * it reaches the card after the page was told it ended. A sequence still queued behind a call that overran
         * is given up at once, and never runs.
         *
         * @throws ReaderException the timeout, or a reader failure of the sequence
         * @throws Exception whatever else the sequence throws, as it is
         */
        public T await() throws Exception {
            long limitNanos = limit.toNanos();
            try {
                while (true) {
                    if (hung && !result.isDone()) {
                        result.cancel(false); // never interrupted (see the class comment)
                        throw new ReaderException(ReaderFailure.TIMEOUT, readerName + " stopped answering; connect"
                                + " again");
                    }
                    long wait = limited.timeLeft(limitNanos);
                    if (wait <= 0 && !result.isDone() && limited.giveUpIfStillIn(limitNanos)) {
                        result.cancel(false);
                        throw overran("a command to");
                    }
                    try {
                        return result.get(Math.max(wait, 1), TimeUnit.NANOSECONDS);
                    } catch (TimeoutException e) {
                        // a later call may have started meanwhile: look again at the one in the reader now
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ReaderException(ReaderFailure.READER_ERROR, "a command to " + readerName
                        + " was interrupted", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof Exception cause) {
                    throw cause;
                }
                throw unwrap(e);
            }
        }
    }

    /**
     * The connection as a {@link #start} sequence sees it: each call timed, none once the connection is given up.
     * Starting a call and giving the connection up exclude each other (this object's lock), so that no call starts
     * after the waiting thread decided that the one before it overran.
     */
    private final class PerCallLimited implements CardConnection {
        private static final long NOT_IN_READER = Long.MIN_VALUE;
        /** When the call in the reader started ({@link System#nanoTime}), or NOT_IN_READER. */
        private long callStarted = NOT_IN_READER;

        /** How long the call in the reader may still take; the whole limit while none is in the reader. */
        synchronized long timeLeft(long limitNanos) {
            return callStarted == NOT_IN_READER ? limitNanos : callStarted + limitNanos - System.nanoTime();
        }

        /** Gives the connection up if the call in the reader has overrun the limit; false if it has not (or ended). */
        synchronized boolean giveUpIfStillIn(long limitNanos) {
            if (callStarted == NOT_IN_READER || System.nanoTime() - callStarted < limitNanos) {
                return false;
            }
            hung = true;
            return true;
        }

        @Override
        public String readerName() {
            return readerName;
        }

        @Override
        public byte[] atr() {
            return inner.atr();
        }

        @Override
        public byte[] transmit(byte[] command) throws ReaderException {
            synchronized (this) {
                requireNotHung();
                callStarted = System.nanoTime();
            }
            byte[] response;
            try {
                response = inner.transmit(command);
            } finally {
                synchronized (this) {
                    callStarted = NOT_IN_READER;
                }
            }
            requireNotHung(); // answered after the page was told it timed out: lost, as if the card was pulled
            return response;
        }

        @Override
        public void disconnect(boolean reset) {
            throw new UnsupportedOperationException("a sequence of commands does not end the connection");
        }

        private void requireNotHung() throws ReaderException {
            if (hung) {
                throw new ReaderException(ReaderFailure.TIMEOUT, readerName + " stopped answering; connect again");
            }
        }
    }

    /** Gives the connection up after a call overran the limit, and says so to the page. */
    private ReaderException overran(String what) {
        hung = true;
        LOG.warning(what + " " + readerName + " took longer than the command timeout (" + limit.toMillis()
                + " ms); giving the card up");
        return new ReaderException(ReaderFailure.TIMEOUT, readerName + " did not answer within "
                + limit.toMillis() + " ms; the agent holds the reader until the reader answers and the card is reset,"
                + " then sends a reader-free event: connect again then, and read the card's identity again before"
                + " relaying anything");
    }

    private static <T> T await(Future<T> done) throws ReaderException {
        try {
            return done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReaderException(ReaderFailure.READER_ERROR, "interrupted", e);
        } catch (ExecutionException e) {
            throw unwrap(e);
        }
    }

    private static ReaderException unwrap(ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof ReaderException re) {
            return re;
        }
        if (cause instanceof RuntimeException re) {
            throw re;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new ReaderException(ReaderFailure.READER_ERROR, String.valueOf(cause.getMessage()), cause);
    }

    @Override
    public String readerName() {
        return readerName;
    }

    @Override
    public byte[] atr() {
        return inner.atr();
    }

    @Override
    public byte[] transmit(byte[] command) throws ReaderException {
        return call("a command to", () -> inner.transmit(command), null);
    }

    /**
     * Disconnects; after a call that overran, only once that call returned (the reset must not race it), however
     * long that takes: the caller holds the reader meanwhile.
     */
    @Override
    public void disconnect(boolean reset) {
        try {
            if (hung) {
                // Queued behind the call still in the reader, on this connection's one thread.
                await(calls.submit(() -> {
                    inner.disconnect(reset);
                    return null;
                }));
            } else {
                call("disconnecting from", () -> {
                    inner.disconnect(reset);
                    return null;
                }, null);
            }
        } catch (ReaderException e) {
            LOG.log(Level.FINE, "disconnect from " + readerName + ": " + e.getMessage(), e);
        } finally {
            awaitIdle();
        }
    }

    /** Returns once no call of this connection is left in the reader (blocking, without a limit), and ends it. */
    public void awaitIdle() {
        calls.shutdown();
        boolean interrupted = false;
        while (true) {
            try {
                if (calls.awaitTermination(1, TimeUnit.DAYS)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
