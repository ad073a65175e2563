package org.cardsync.protocol;

/** The status words of protocol.md section 2.1, and the refusal codes of section 5.3. */
public final class StatusWords {
    public static final int OK = 0x9000;
    public static final int WRONG_LENGTH = 0x6700;
    public static final int WRONG_DATA = 0x6A80;
    public static final int WRONG_P1P2 = 0x6A86;
    public static final int INS_NOT_SUPPORTED = 0x6D00;
    public static final int CLA_NOT_SUPPORTED = 0x6E00;
    public static final int NOT_PERSONALISED = 0x6985;
    public static final int ALREADY_PERSONALISED = 0x6986;
    /** 63Cx: x tries remain. */
    public static final int PIN_WRONG_BASE = 0x63C0;
    public static final int PIN_BLOCKED = 0x6983;
    public static final int PIN_REQUIRED = 0x6982;
    public static final int BAD_MAC = 0x6988;
    public static final int WRONG_SESSION = 0x6A90;
    public static final int ALREADY_APPLIED = 0x6A91;
    public static final int OUT_OF_ORDER = 0x6A92;
    public static final int SESSION_HALTED = 0x6A93;
    public static final int COUNTER_SATURATED = 0x6A94;
    public static final int APPLICATION_BLOCKED = 0x6A95;
    public static final int INSUFFICIENT_FUNDS = 0x6A96;
    /** 94rr: merit failure with reason rr. */
    public static final int MERIT_FAILURE_BASE = 0x9400;

    /** Refusal codes in a session report that are not merit failures. */
    public static final int REFUSAL_ALREADY_APPLIED = 0x91;
    public static final int REFUSAL_OUT_OF_ORDER = 0x92;
    public static final int REFUSAL_SESSION_HALTED = 0x93;
    public static final int REFUSAL_COUNTER_SATURATED = 0x94;

    private StatusWords() {
    }

    /** Whether a session report's refusal code is a merit failure (01-7F) rather than a sequencing one. */
    public static boolean isMeritRefusalCode(int code) {
        return code >= 0x01 && code <= 0x7F;
    }
}
