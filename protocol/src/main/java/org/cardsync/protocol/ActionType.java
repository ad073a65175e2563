package org.cardsync.protocol;

/** Script command action types (protocol.md section 6.1). */
public enum ActionType {
    CREDIT(0x01),
    WRITE_PARAMETER(0x02),
    LOAD_APPLICATION_BLOCK(0x03),
    LOAD_APPLICATION_ACTIVATE(0x04),
    BLOCK(0x05),
    UNBLOCK(0x06),
    RESET_PIN_TRIES(0x07);

    private final int code;

    ActionType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static ActionType of(int code) {
        for (ActionType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw new ProtocolException(ProtocolError.BAD_VALUE, "unknown action type " + code);
    }
}
