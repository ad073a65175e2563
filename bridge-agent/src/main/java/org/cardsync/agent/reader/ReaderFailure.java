package org.cardsync.agent.reader;

/**
 * What went wrong with a reader or its card, as the reader layer can tell; the handlers map each kind to
 * the wire's error code.
 */
public enum ReaderFailure {
    /** No reader of that name is attached. */
    NO_SUCH_READER,
    /** The reader is empty. */
    NO_CARD,
    /** Another program holds the reader exclusively. */
    READER_BUSY,
    /** The card left the reader, or the reader left the PC. */
    CARD_REMOVED,
    /** The PC/SC service is not running or not installed. */
    PCSC_UNAVAILABLE,
    /** The reader refused the command as malformed. */
    INVALID_APDU,
    /** Any other reader or card failure. */
    READER_ERROR,
    /** The reader did not answer a command within the agent's command timeout; the card was let go. */
    TIMEOUT
}
