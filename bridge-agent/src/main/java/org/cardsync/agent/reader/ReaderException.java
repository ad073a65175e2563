package org.cardsync.agent.reader;

/** A reader or card failure, classified as a {@link ReaderFailure}. */
public final class ReaderException extends Exception {

    private static final long serialVersionUID = 1L;

    private final ReaderFailure failure;

    public ReaderException(ReaderFailure failure, String message) {
        super(message);
        this.failure = failure;
    }

    public ReaderException(ReaderFailure failure, String message, Throwable cause) {
        super(message, cause);
        this.failure = failure;
    }

    public ReaderFailure failure() {
        return failure;
    }
}
