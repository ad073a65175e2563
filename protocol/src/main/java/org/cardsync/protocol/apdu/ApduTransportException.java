package org.cardsync.protocol.apdu;

/** The transport could not carry an APDU to the card (reader gone, card removed, I/O error). */
public final class ApduTransportException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ApduTransportException(String message, Throwable cause) {
        super(message, cause);
    }

    public ApduTransportException(String message) {
        super(message);
    }
}
