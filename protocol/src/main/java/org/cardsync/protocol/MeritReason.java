package org.cardsync.protocol;

/** Why a card refused an action on its merits (protocol.md section 6.2; SW 94rr). */
public enum MeritReason {
    PURSE_LIMIT_EXCEEDED(0x01),
    UNKNOWN_PARAMETER(0x02),
    BAD_PARAMETER_LENGTH(0x03),
    APPLICATION_TABLE_FULL(0x04),
    BLOCK_OUT_OF_ORDER(0x05),
    BAD_APPLICATION_HASH(0x06),
    APPLICATION_TOO_LARGE(0x07),
    APPLICATION_NOT_LOADING(0x08),
    NOT_BLOCKED(0x09),
    APPLICATION_BLOCKED(0x0A),
    BAD_PAYLOAD(0x0B),
    UNKNOWN_ACTION(0x0C),
    APPLICATION_ALREADY_ACTIVE(0x0D);

    private final int code;

    MeritReason(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The reason for a code, or null if the code is not a known merit reason. */
    public static MeritReason ofCode(int code) {
        for (MeritReason r : values()) {
            if (r.code == code) {
                return r;
            }
        }
        return null;
    }
}
