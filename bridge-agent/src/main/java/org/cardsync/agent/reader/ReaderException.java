package org.cardsync.agent.reader;

/** A reader or card failure, already classified into the wire's {@link ErrorCode}. */
public final class ReaderException extends Exception {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public ReaderException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public ReaderException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
