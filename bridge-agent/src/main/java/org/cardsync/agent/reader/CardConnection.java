package org.cardsync.agent.reader;

/** An open connection to the card in one reader. Every method blocks: call it on a worker thread. */
public interface CardConnection {

    String readerName();

    byte[] atr();

    /** Sends one command APDU as is and returns the raw response (data and SW). */
    byte[] transmit(byte[] command) throws ReaderException;

    /**
     * Ends the connection.
     *
     * @param reset whether to reset the card, so that the next holder finds no session state of ours
     */
    void disconnect(boolean reset);
}
