package org.cardsync.agent.reader;

import java.util.List;
import java.util.function.Consumer;

/**
 * A family of readers: the PC/SC readers of this PC, or the agent's simulated reader. Every method but
 * {@link #start} and {@link #close} may block: call them on a worker thread.
 */
public interface ReaderSource extends AutoCloseable {

    /** The readers of this source now. */
    List<ReaderInfo> list() throws ReaderException;

    /** Connects to the card in {@code readerName}, which this source listed. */
    CardConnection connect(String readerName) throws ReaderException;

    /**
     * Starts watching for changes; {@code onChange} receives this source's whole reader list after each
     * change, on a thread of the source's choosing.
     */
    void start(Consumer<List<ReaderInfo>> onChange);

    @Override
    void close();
}
