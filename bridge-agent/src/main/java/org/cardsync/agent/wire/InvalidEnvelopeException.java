package org.cardsync.agent.wire;

/** A page's frame that is not a valid envelope; carries the error reply the page gets for it. */
public final class InvalidEnvelopeException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Envelope reply;

    InvalidEnvelopeException(String id, ErrorCode code, String message) {
        super(message, null, false, false);
        this.reply = Envelope.error(id, code, message);
    }

    /** The error reply: the message's id if it could be read, the code and a message for people. */
    public Envelope reply() {
        return reply;
    }
}
