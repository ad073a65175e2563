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
            hung = true;
            // Never interrupt the call (see the class comment); it is left to finish, its result dropped.
            result.cancel(false);
            LOG.warning(what + " " + readerName + " took longer than the command timeout (" + limit.toMillis()
                    + " ms); giving the card up");
            throw new ReaderException(ReaderFailure.TIMEOUT, readerName + " did not answer within "
                    + limit.toMillis() + " ms; the agent holds the reader until the reader answers and the card is reset,"
                    + " then sends a reader-free event: connect again then, and read the card's identity again before"
                    + " relaying anything");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReaderException(ReaderFailure.READER_ERROR, what + " " + readerName + " was interrupted", e);
        } catch (ExecutionException e) {
            throw unwrap(e);
        }
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
