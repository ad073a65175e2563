package org.cardsync.protocol.apdu;

/** A command APDU that breaks ISO/IEC 7816-4's length rules; the message says which one. */
public final class MalformedApduException extends Exception {

    private static final long serialVersionUID = 1L;

    public MalformedApduException(String message) {
        super(message);
    }
}
