package org.cardsync.protocol;

/** Upstream message types (protocol.md section 5). */
public enum MessageType {
    REQUEST(0x01),
    ACK(0x02),
    INFO(0x03);

    private final int code;

    MessageType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static MessageType of(int code) {
        for (MessageType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw new ProtocolException(ProtocolError.BAD_VALUE, "unknown message type " + code);
    }
}
