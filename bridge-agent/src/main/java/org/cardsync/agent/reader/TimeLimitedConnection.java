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
 * A card connection whose every call returns within a time limit (the agent's command timeout), so that a hung
 * reader (a driver stuck in SCardTransmit, a card that never answers) cannot hold a page's worker, and with it the
 * reader's lease, for ever: the page would wait without an answer and every other page would find the reader busy.
 *
 * <p>Each call runs on a daemon thread of this connection's own while the caller waits at most the limit. A call
 * that overruns fails with {@link ReaderFailure#TIMEOUT} and gives the connection up: later calls fail at once,
 * and {@link #disconnect} tries the reset on a thread of its own without waiting for it (a native PC/SC call
 * cannot be interrupted; the stuck thread ends when the driver returns, or with the agent). The command that
 * overran may still reach the card; its answer is lost, as a card pulled out before it answered: the cardsync
 * protocol's counters tell the server what ran.
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

    private TimeLimitedConnection(String readerName, Duration limit) {
        this.readerName = readerName;
        this.limit = limit;
        this.calls = Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(task, "cardsync-reader-call-" + readerName);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Opens a connection to {@code readerName} with {@code opener} within {@code limit}. A connection that opens
     * after the limit passed is reset and closed at once, so that no card is left connected to nobody.
     */
    public static TimeLimitedConnection open(String readerName, Duration limit, Opener opener) throws ReaderException {
        TimeLimitedConnection connection = new TimeLimitedConnection(readerName, limit);
        LateResult late = new LateResult();
        try {
            connection.inner = connection.call("connecting to", () -> {
                CardConnection opened = opener.open();
                if (!late.deliver()) {
                    opened.disconnect(true);
                }
                return opened;
            }, late);
            return connection;
        } catch (ReaderException | RuntimeException e) {
            connection.calls.shutdownNow();
            throw e;
        }
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
            result.cancel(true);
            LOG.warning(what + " " + readerName + " took longer than the command timeout (" + limit.toMillis()
                    + " ms); giving the card up");
            throw new ReaderException(ReaderFailure.TIMEOUT, readerName + " did not answer within "
                    + limit.toMillis() + " ms; the agent let the card go (reset) and freed the reader: connect again"
                    + " and read the card's identity again before relaying anything");
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

    @Override
    public void disconnect(boolean reset) {
        try {
            if (hung) {
                // The call thread is stuck in the reader: try from a thread of its own, and do not wait.
                Thread attempt = new Thread(() -> inner.disconnect(reset), "cardsync-reader-release-" + readerName);
                attempt.setDaemon(true);
                attempt.start();
                return;
            }
            call("disconnecting from", () -> {
                inner.disconnect(reset);
                return null;
            }, null);
        } catch (ReaderException e) {
            LOG.log(Level.FINE, "disconnect from " + readerName + ": " + e.getMessage(), e);
        } finally {
            calls.shutdown();
        }
    }
}
