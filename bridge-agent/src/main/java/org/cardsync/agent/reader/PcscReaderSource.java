package org.cardsync.agent.reader;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.smartcardio.Card;
import javax.smartcardio.CardException;
import javax.smartcardio.CardNotPresentException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CardTerminals;
import javax.smartcardio.CommandAPDU;

/**
 * The PC/SC readers of this PC through javax.smartcardio. A daemon thread watches them by listing
 * readers and card presence every {@code pollMillis}, and re-establishes the PC/SC context when pcscd
 * went away.
 *
 * <p>Why polling and not {@code CardTerminals.waitForChange}: the JDK has one PC/SC context for the
 * whole JVM, and pcsc-lite holds a context's lock for as long as SCardGetStatusChange blocks, so a
 * monitor blocked in waitForChange stalls every APDU of every held card until its timeout (measured:
 * ~140 ms per APDU instead of ~1 ms). A status query with timeout 0 holds the lock for microseconds.
 * The JDK has no plug-and-play notification either, so readers had to be polled anyway.
 */
public final class PcscReaderSource implements ReaderSource {

    private static final Logger LOG = Logger.getLogger(PcscReaderSource.class.getName());

    private final PcscContext context = new PcscContext();
    private final long pollMillis;
    private volatile boolean running;
    private Thread monitor;

    public PcscReaderSource(long pollMillis) {
        this.pollMillis = pollMillis;
    }

    @Override
    public List<ReaderInfo> list() throws ReaderException {
        try {
            return list(context.terminals());
        } catch (ReaderException e) {
            if (e.failure() != ReaderFailure.PCSC_UNAVAILABLE) {
                throw e;
            }
            // Perhaps only our context is stale (pcscd restarted): one retry on a fresh one.
            context.reset();
            return list(context.terminals());
        }
    }

    private static List<ReaderInfo> list(CardTerminals terminals) throws ReaderException {
        try {
            List<ReaderInfo> readers = new ArrayList<>();
            for (CardTerminal terminal : terminals.list()) {
                readers.add(new ReaderInfo(terminal.getName(), isCardPresent(terminal), false));
            }
            return readers;
        } catch (CardException e) {
            throw classify(e, "listing PC/SC readers failed");
        }
    }

    private static boolean isCardPresent(CardTerminal terminal) throws CardException {
        try {
            return terminal.isCardPresent();
        } catch (CardException e) {
            if (PcscErrors.readerGone(e)) {
                return false; // unplugged between list() and here
            }
            throw e;
        }
    }

    @Override
    public CardConnection connect(String readerName) throws ReaderException {
        CardTerminal terminal;
        try {
            terminal = context.terminals().getTerminal(readerName);
        } catch (IllegalArgumentException e) {
            terminal = null;
        }
        if (terminal == null) {
            throw new ReaderException(ReaderFailure.NO_SUCH_READER, "no reader named \"" + readerName + "\"");
        }
        try {
            Card card = terminal.connect("*");
            return new PcscConnection(readerName, card);
        } catch (CardNotPresentException e) {
            throw new ReaderException(ReaderFailure.NO_CARD, "no card in " + readerName, e);
        } catch (CardException e) {
            throw classify(e, "connecting to " + readerName + " failed");
        }
    }

    static ReaderException classify(Exception e, String what) {
        String code = PcscErrors.code(e);
        if (PcscErrors.serviceGone(e)) {
            return new ReaderException(ReaderFailure.PCSC_UNAVAILABLE, what + ": the PC/SC service is not running ("
                    + code + ")", e);
        }
        if (PcscErrors.cardGone(e)) {
            return new ReaderException(ReaderFailure.CARD_REMOVED, what + ": the card was removed (" + code + ")", e);
        }
        if (PcscErrors.readerGone(e)) {
            return new ReaderException(ReaderFailure.CARD_REMOVED, what + ": the reader was unplugged (" + code + ")",
                    e);
        }
        if ("SCARD_E_SHARING_VIOLATION".equals(code)) {
            return new ReaderException(ReaderFailure.READER_BUSY, what + ": another program holds the reader", e);
        }
        return new ReaderException(ReaderFailure.READER_ERROR, what + " (" + (code == null ? e.getMessage() : code)
                + ")", e);
    }

    @Override
    public synchronized void start(Consumer<List<ReaderInfo>> onChange) {
        if (monitor != null) {
            throw new IllegalStateException("already started");
        }
        running = true;
        monitor = new Thread(() -> watch(onChange), "cardsync-pcsc-monitor");
        monitor.setDaemon(true);
        monitor.start();
    }

    private void watch(Consumer<List<ReaderInfo>> onChange) {
        CardTerminals terminals = null;
        long generation = -1;
        boolean outageLogged = false;
        while (running) {
            try {
                if (terminals == null || generation != context.generation()) {
                    generation = context.generation();
                    terminals = context.terminals();
                }
                List<ReaderInfo> readers = list(terminals);
                if (outageLogged) {
                    LOG.info("PC/SC service reachable again");
                    outageLogged = false;
                }
                onChange.accept(readers);
                Thread.sleep(pollMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ReaderException | IllegalStateException e) {
                boolean serviceGone = e instanceof ReaderException re ? re.failure() == ReaderFailure.PCSC_UNAVAILABLE
                        : PcscErrors.serviceGone(e);
                if (serviceGone) {
                    onChange.accept(List.of());
                    if (!outageLogged) {
                        LOG.warning("PC/SC service unavailable (" + e.getMessage() + "); retrying every "
                                + pollMillis + " ms");
                        outageLogged = true;
                    }
                    context.reset();
                    terminals = null;
                } else {
                    LOG.log(Level.FINE, "PC/SC monitor: " + e.getMessage(), e);
                }
                if (!sleepQuietly()) {
                    return;
                }
            }
        }
    }

    private boolean sleepQuietly() {
        try {
            Thread.sleep(pollMillis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public synchronized void close() {
        running = false;
        if (monitor != null) {
            monitor.interrupt();
        }
    }

    private static final class PcscConnection implements CardConnection {

        private final String readerName;
        private final Card card;

        PcscConnection(String readerName, Card card) {
            this.readerName = readerName;
            this.card = card;
        }

        @Override
        public String readerName() {
            return readerName;
        }

        @Override
        public byte[] atr() {
            return card.getATR().getBytes();
        }

        @Override
        public byte[] transmit(byte[] command) throws ReaderException {
            try {
                return card.getBasicChannel().transmit(new CommandAPDU(command)).getBytes();
            } catch (CardException e) {
                throw classify(e, "transmit on " + readerName + " failed");
            } catch (IllegalStateException e) {
                // javax.smartcardio: "Card has been disconnected" after removal or reset by another app
                throw new ReaderException(ReaderFailure.CARD_REMOVED, "the card in " + readerName
                        + " is no longer connected", e);
            } catch (IllegalArgumentException e) {
                // javax.smartcardio refuses MANAGE CHANNEL on a channel object
                throw new ReaderException(ReaderFailure.INVALID_APDU, e.getMessage(), e);
            }
        }

        @Override
        public void disconnect(boolean reset) {
            try {
                card.disconnect(reset);
            } catch (CardException | IllegalStateException e) {
                LOG.log(Level.FINE, "disconnect from " + readerName + ": " + e.getMessage(), e);
            }
        }
    }
}
