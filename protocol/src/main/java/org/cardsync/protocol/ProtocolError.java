package org.cardsync.protocol;

/** The closed set of reasons a message is refused by the codec, before any state is looked at. */
public enum ProtocolError {
    /** Text that should be hex is not. */
    NOT_HEX,
    /** A length field disagrees with the bytes received, or a fixed-size field has the wrong size. */
    WRONG_LENGTH,
    /** The format version byte is not one this implementation speaks. */
    UNSUPPORTED_VERSION,
    /** A field holds a value the protocol does not define (unknown message type, action, ...). */
    BAD_VALUE
}
