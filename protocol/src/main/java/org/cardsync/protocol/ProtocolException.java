package org.cardsync.protocol;

/** A malformed protocol message; the message text is safe to show a client (no bytes of keys or MACs). */
public final class ProtocolException extends RuntimeException {
    private final ProtocolError error;

    public ProtocolException(ProtocolError error, String message) {
        super(message);
        this.error = error;
    }

    public ProtocolError error() {
        return error;
    }
}
