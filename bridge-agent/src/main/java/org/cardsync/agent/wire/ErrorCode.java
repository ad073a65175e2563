package org.cardsync.agent.wire;

/**
 * The closed set of error codes on the agent's wire (docs/agent-protocol.md, "Errors"). A page can
 * switch on these; the human message beside each is for people and may change.
 */
public enum ErrorCode {
    /** The frame is not a JSON object. */
    MALFORMED_JSON,
    /** Valid JSON but not a valid message: a field is missing, of the wrong type or out of range. */
    INVALID_MESSAGE,
    /** The envelope's "v" is not a protocol version this agent speaks. */
    UNSUPPORTED_VERSION,
    /** The envelope's "type" is not a request type of this protocol version. */
    UNKNOWN_TYPE,
    /** An APDU is not hex, has an odd length or breaks ISO/IEC 7816-4 length rules. */
    INVALID_APDU,
    /** No reader of that name is attached. */
    NO_SUCH_READER,
    /** The reader is empty. */
    NO_CARD,
    /** Another client holds the reader. */
    READER_BUSY,
    /** This client already holds a reader: disconnect first. */
    ALREADY_CONNECTED,
    /** This client holds no reader. */
    NOT_CONNECTED,
    /** The card left the reader (or the reader left the PC) while this client held it. */
    CARD_REMOVED,
    /** The PC/SC service is not running or not installed. */
    PCSC_UNAVAILABLE,
    /** The reader or card failed in a way not covered above. */
    READER_ERROR,
    /** A simulated-card command while the agent runs without --simulated-card. */
    SIMULATION_OFF,
    /** A defect in the agent; the log has the details. */
    INTERNAL_ERROR,
    /** The reader did not answer within the command timeout; the agent let the card go and freed the reader. */
    READER_TIMEOUT
}
