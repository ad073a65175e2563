package org.cardsync.protocol;

/** A card application's life-cycle state as the card reports it (protocol.md section 2). */
public enum LifeCycleState {
    NEW(0x01),
    ACTIVE(0x02),
    BLOCKED(0x03);

    private final int code;

    LifeCycleState(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static LifeCycleState of(int code) {
        for (LifeCycleState s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        throw new ProtocolException(ProtocolError.BAD_VALUE, "unknown life-cycle state " + code);
    }
}
