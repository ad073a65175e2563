package org.cardsync.agent.sim;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.cardsync.agent.reader.CardConnection;
import org.cardsync.agent.reader.ReaderFailure;
import org.cardsync.agent.reader.ReaderException;
import org.cardsync.agent.reader.ReaderInfo;
import org.cardsync.agent.reader.ReaderSource;
import org.cardsync.protocol.CardCommands;

/**
 * The agent's in-process virtual reader holding a {@link SimulatedCard}, with a card that can be pulled
 * out and pushed back in: removal is a power cut (transient state cleared, the reader reports no card,
 * the connection that held the card is dead), so that a demo or a test can cut a script short.
 */
public final class SimulatedReaderSource implements ReaderSource {

    private static final Logger LOG = Logger.getLogger(SimulatedReaderSource.class.getName());

    public static final String READER_NAME = "cardsync Simulated Reader";

    private final SimulatedCard card;
    /** Held while a command runs on the card and while the card is powered off, never both at once. */
    private final Object power = new Object();
    /** Bumped on every insertion and removal; a connection belongs to one insertion. */
    private final AtomicLong insertion = new AtomicLong();
    private volatile boolean inserted = true;
    /** EXECUTE commands the card still carries out before an armed removal pulls it; 0: none armed. Guarded by power. */
    private int executesBeforeRemoval;
    private volatile Consumer<List<ReaderInfo>> listener = readers -> { };

    public SimulatedReaderSource(SimulatedCard card) {
        this.card = card;
    }

    public SimulatedCard card() {
        return card;
    }

    @Override
    public List<ReaderInfo> list() {
        return snapshot();
    }

    private List<ReaderInfo> snapshot() {
        return List.of(new ReaderInfo(READER_NAME, inserted, true));
    }

    @Override
    public CardConnection connect(String readerName) throws ReaderException {
        if (!READER_NAME.equals(readerName)) {
            throw new ReaderException(ReaderFailure.NO_SUCH_READER, "no reader named \"" + readerName + "\"");
        }
        long mine = insertion.get();
        if (!inserted) {
            throw new ReaderException(ReaderFailure.NO_CARD, "no card in " + READER_NAME);
        }
        return new Connection(mine, card.atr());
    }

    /** Puts the card in; returns false when it already was. */
    public boolean insert() {
        synchronized (this) {
            if (inserted) {
                return false;
            }
            insertion.incrementAndGet();
            inserted = true;
        }
        LOG.info("simulated card " + card.cardId() + " inserted");
        listener.accept(snapshot());
        return true;
    }

    /**
     * Pulls the card out; returns false when it was not in. The reader reports the card absent at once;
     * the power cut waits for a command that is running on the card to finish, whose answer is then
     * lost to its sender like that of a real card pulled out mid-command.
     */
    public boolean remove() throws IOException {
        if (!markRemoved()) {
            synchronized (power) {
                executesBeforeRemoval = 0;
            }
            return false;
        }
        announceRemoval();
        synchronized (power) {
            executesBeforeRemoval = 0;
            card.reset();
        }
        return true;
    }

    /**
     * Arms a removal: the card is pulled out right after it has carried out its {@code executes}-th EXECUTE
     * command from now. That command's effect stays on the card and its response is lost, as when a real card
     * leaves the reader between the end of a command and its answer; a test can so cut a script after a chosen
     * action, whatever the timing. A later {@link #remove()} pulls the card at once and disarms.
     */
    public void removeAfterExecutes(int executes) {
        if (executes < 1) {
            throw new IllegalArgumentException("executes must be at least 1, not " + executes);
        }
        synchronized (power) {
            executesBeforeRemoval = executes;
        }
        LOG.info("simulated card " + card.cardId() + " will be removed after " + executes + " EXECUTE command(s)");
    }

    /** The reader reports no card from now on and every connection to the card is dead; false if it was out. */
    private synchronized boolean markRemoved() {
        if (!inserted) {
            return false;
        }
        insertion.incrementAndGet();
        inserted = false;
        return true;
    }

    private void announceRemoval() {
        LOG.info("simulated card " + card.cardId() + " removed");
        listener.accept(snapshot());
    }

    @Override
    public void start(Consumer<List<ReaderInfo>> onChange) {
        this.listener = onChange;
        onChange.accept(snapshot());
    }

    @Override
    public void close() {
        try {
            card.close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "closing the simulated card's journal failed", e);
        }
    }

    private final class Connection implements CardConnection {

        private final long insertionAtConnect;
        private final byte[] atr;

        Connection(long insertionAtConnect, byte[] atr) {
            this.insertionAtConnect = insertionAtConnect;
            this.atr = atr;
        }

        @Override
        public String readerName() {
            return READER_NAME;
        }

        @Override
        public byte[] atr() {
            return atr.clone();
        }

        @Override
        public byte[] transmit(byte[] command) throws ReaderException {
            byte[] response;
            boolean pulledByArmedRemoval;
            synchronized (power) {
                // Checked under the power lock, so no command reaches a card after it was pulled out.
                assertStillInserted("the card was removed");
                try {
                    response = card.transmit(command);
                    pulledByArmedRemoval = executesBeforeRemoval > 0 && CardCommands.isExecute(command)
                            && --executesBeforeRemoval == 0 && markRemoved();
                    if (pulledByArmedRemoval) {
                        card.reset();
                    }
                } catch (IOException e) {
                    throw new ReaderException(ReaderFailure.READER_ERROR,
                            "the simulated card could not record the command: " + e.getMessage(), e);
                }
            }
            if (pulledByArmedRemoval) {
                announceRemoval();
            }
            assertStillInserted("the card was removed before it answered");
            return response;
        }

        private void assertStillInserted(String message) throws ReaderException {
            if (insertion.get() != insertionAtConnect) {
                throw new ReaderException(ReaderFailure.CARD_REMOVED, message);
            }
        }

        @Override
        public void disconnect(boolean reset) {
            if (!reset) {
                return;
            }
            synchronized (power) {
                if (insertion.get() != insertionAtConnect) {
                    return; // pulled out already: the removal was the power cut
                }
                try {
                    card.reset();
                } catch (IOException e) {
                    LOG.log(Level.WARNING, "could not record the reset of the simulated card", e);
                }
            }
        }
    }
}
