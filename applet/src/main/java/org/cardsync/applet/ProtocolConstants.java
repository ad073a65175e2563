package org.cardsync.applet;

/**
 * The byte values of docs/protocol.md, in one place. Every value here is a compile-time constant,
 * so the converter inlines it and no static field is allocated on the card.
 */
final class ProtocolConstants {

    private ProtocolConstants() {
    }

    /** The format version that starts PERSONALISE data, script commands and every card message. */
    static final byte VERSION = (byte) 0x01;

    // --- classes and instructions (protocol.md section 2) -------------------------------------
    static final byte CLA_ISO = (byte) 0x00;
    static final byte CLA_PROPRIETARY = (byte) 0x80;

    static final byte INS_SELECT = (byte) 0xA4;
    static final byte INS_VERIFY_PIN = (byte) 0x20;
    static final byte INS_PERSONALISE = (byte) 0x10;
    static final byte INS_GET_STATUS = (byte) 0x30;
    static final byte INS_READ_PARAMETER = (byte) 0x32;
    static final byte INS_REQUEST = (byte) 0x40;
    static final byte INS_EXECUTE = (byte) 0x42;
    static final byte INS_ACK = (byte) 0x44;
    static final byte INS_INFO = (byte) 0x46;

    /** VERIFY PIN's P2: the one cardholder PIN, a specific reference data (ISO 7816-4). */
    static final byte P2_VERIFY_PIN = (byte) 0x80;

    // --- life-cycle states (protocol.md section 2) --------------------------------------------
    /** Installed, not personalised: only SELECT, PERSONALISE and GET STATUS. */
    static final byte STATE_NEW = (byte) 0x01;
    /** Personalised: every command. */
    static final byte STATE_ACTIVE = (byte) 0x02;
    /** Blocked by a BLOCK action: status, parameters, REQUEST (not PURCHASE), EXECUTE (only UNBLOCK runs), ACK, INFO. */
    static final byte STATE_BLOCKED = (byte) 0x03;

    // --- status words (protocol.md section 2.1) -----------------------------------------------
    static final short SW_WRONG_LENGTH = (short) 0x6700;
    static final short SW_WRONG_DATA = (short) 0x6A80;
    static final short SW_WRONG_P1P2 = (short) 0x6A86;
    static final short SW_INS_NOT_SUPPORTED = (short) 0x6D00;
    static final short SW_CLA_NOT_SUPPORTED = (short) 0x6E00;
    static final short SW_NOT_PERSONALISED = (short) 0x6985;
    static final short SW_ALREADY_PERSONALISED = (short) 0x6986;
    /** VERIFY PIN failed; the low nibble is the number of tries left. */
    static final short SW_PIN_WRONG = (short) 0x63C0;
    static final short SW_PIN_BLOCKED = (short) 0x6983;
    static final short SW_PIN_REQUIRED = (short) 0x6982;
    static final short SW_BAD_MAC = (short) 0x6988;
    static final short SW_WRONG_SESSION = (short) 0x6A90;
    static final short SW_ALREADY_APPLIED = (short) 0x6A91;
    static final short SW_OUT_OF_ORDER = (short) 0x6A92;
    static final short SW_SESSION_HALTED = (short) 0x6A93;
    static final short SW_COUNTER_SATURATED = (short) 0x6A94;
    static final short SW_APPLICATION_BLOCKED = (short) 0x6A95;
    static final short SW_INSUFFICIENT_FUNDS = (short) 0x6A96;
    /** Merit failure; the low byte is the reason code (protocol.md section 6.2). */
    static final short SW_MERIT_FAILURE = (short) 0x9400;
    /** A SELECT for an AID that is not on the card reached this applet (ISO 7816-4: not found). */
    static final short SW_APPLICATION_NOT_FOUND = (short) 0x6A82;

    // --- refusal codes recorded in the session (protocol.md section 5.3) -----------------------
    static final byte REFUSAL_NONE = (byte) 0x00;
    static final byte REFUSAL_ALREADY_APPLIED = (byte) 0x91;
    static final byte REFUSAL_OUT_OF_ORDER = (byte) 0x92;
    static final byte REFUSAL_SESSION_HALTED = (byte) 0x93;
    static final byte REFUSAL_COUNTER_SATURATED = (byte) 0x94;

    // --- merit failure reasons (protocol.md section 6.2) ---------------------------------------
    static final byte REASON_NONE = (byte) 0x00;
    static final byte REASON_PURSE_LIMIT_EXCEEDED = (byte) 0x01;
    static final byte REASON_UNKNOWN_PARAMETER = (byte) 0x02;
    static final byte REASON_BAD_PARAMETER_LENGTH = (byte) 0x03;
    static final byte REASON_APPLICATION_TABLE_FULL = (byte) 0x04;
    static final byte REASON_BLOCK_OUT_OF_ORDER = (byte) 0x05;
    static final byte REASON_BAD_APPLICATION_HASH = (byte) 0x06;
    static final byte REASON_APPLICATION_TOO_LARGE = (byte) 0x07;
    static final byte REASON_APPLICATION_NOT_LOADING = (byte) 0x08;
    static final byte REASON_NOT_BLOCKED = (byte) 0x09;
    static final byte REASON_APPLICATION_BLOCKED = (byte) 0x0A;
    static final byte REASON_BAD_PAYLOAD = (byte) 0x0B;
    static final byte REASON_UNKNOWN_ACTION = (byte) 0x0C;
    static final byte REASON_APPLICATION_ALREADY_ACTIVE = (byte) 0x0D;

    // --- action types (protocol.md section 6.1) -------------------------------------------------
    static final byte ACTION_CREDIT = (byte) 0x01;
    static final byte ACTION_WRITE_PARAMETER = (byte) 0x02;
    static final byte ACTION_LOAD_APPLICATION_BLOCK = (byte) 0x03;
    static final byte ACTION_LOAD_APPLICATION_ACTIVATE = (byte) 0x04;
    static final byte ACTION_BLOCK = (byte) 0x05;
    static final byte ACTION_UNBLOCK = (byte) 0x06;
    static final byte ACTION_RESET_PIN_TRIES = (byte) 0x07;

    // --- transaction types in REQUEST (protocol.md section 4.1) ---------------------------------
    static final byte TX_SYNC = (byte) 0x01;
    static final byte TX_PURCHASE = (byte) 0x02;
    static final byte TX_AUTHENTICATE = (byte) 0x03;

    // --- upstream message types (protocol.md section 5) -----------------------------------------
    static final byte MESSAGE_REQUEST = (byte) 0x01;
    static final byte MESSAGE_ACK = (byte) 0x02;
    static final byte MESSAGE_INFO = (byte) 0x03;

    // --- GET STATUS flags (protocol.md section 7) -----------------------------------------------
    static final byte FLAG_CA_SATURATED = (byte) 0x01;
    static final byte FLAG_ATC_SATURATED = (byte) 0x02;
    static final byte FLAG_SESSION_OPEN = (byte) 0x04;
    static final byte FLAG_PIN_VALIDATED = (byte) 0x08;

    // --- sizes ----------------------------------------------------------------------------------
    static final short CARD_ID_LENGTH = 8;
    static final short KEY_LENGTH = 16;
    static final short MAC_LENGTH = 16;
    static final short COUNTER_LENGTH = 4;
    static final short AID_MAX_LENGTH = 16;
    static final short PIN_MIN_LENGTH = 4;
    static final short PIN_MAX_LENGTH = 8;
    static final byte PIN_TRY_LIMIT_MAX = (byte) 15;
    static final short PARAMETER_SLOTS = 8;
    static final short PARAMETER_MAX_LENGTH = 32;
    static final short APPLICATION_ENTRIES = 4;
    static final short APPLICATION_MAX_LENGTH = 256;
    static final short APPLICATION_BLOCK_MAX_LENGTH = 128;
    static final short SHA256_LENGTH = 32;

    // --- PERSONALISE data (protocol.md section 3) ------------------------------------------------
    static final short PERSO_VERSION = 0;
    static final short PERSO_CARD_ID = 1;
    static final short PERSO_K_UP = 9;
    static final short PERSO_K_DN = 25;
    static final short PERSO_PURSE_LIMIT = 41;
    static final short PERSO_BALANCE = 45;
    static final short PERSO_CA = 49;
    static final short PERSO_ATC = 53;
    static final short PERSO_PIN_TRY_LIMIT = 57;
    static final short PERSO_PIN_LENGTH = 58;
    static final short PERSO_PIN = 59;

    // --- REQUEST data (protocol.md section 4.1) -------------------------------------------------
    static final short REQUEST_TYPE = 0;
    static final short REQUEST_AMOUNT = 1;
    static final short REQUEST_DATA_LENGTH = 25;

    // --- script command (protocol.md section 6) -------------------------------------------------
    static final short CMD_VERSION = 0;
    static final short CMD_SESSION_ATC = 1;
    static final short CMD_SEQUENCE = 5;
    static final short CMD_ACTION = 9;
    static final short CMD_PAYLOAD_LENGTH = 10;
    static final short CMD_PAYLOAD = 11;
    /** Command length with an empty payload: header (11) and MAC (16). */
    static final short CMD_MIN_LENGTH = 27;
    static final short CMD_MAX_PAYLOAD = 228;

    // --- upstream message (protocol.md section 5) -----------------------------------------------
    /** Version, type and card id come before the AID length byte. */
    static final short MSG_AID_LENGTH = 10;
    /** ATC (4), CA (4), action chain H (16) and body length (1) between the AID and the body. */
    static final short MSG_COUNTERS_AND_CHAIN_LENGTH = 25;
    static final byte REQUEST_BODY_LENGTH = (byte) 33;
    static final byte REPORT_BODY_LENGTH = (byte) 21;
    /** Session ATC, CA at start, executed, first refused s and its code: the first 15 bytes of a report body. */
    static final short SESSION_REPORT_LENGTH = 15;
}
