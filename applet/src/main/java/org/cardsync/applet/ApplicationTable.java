package org.cardsync.applet;

import javacard.framework.JCSystem;
import javacard.framework.Util;
import javacard.security.MessageDigest;

/**
 * The application table (protocol.md section 6.3): up to 4 application records of at most 256 bytes,
 * each loaded in blocks (LOAD_APPLICATION_BLOCK, one action per block) and then activated
 * (LOAD_APPLICATION_ACTIVATE, which checks the record's length and SHA-256).
 *
 * <p>Entries are used in order and never removed. As for the other stores, {@code check*} methods
 * validate and compute, changing nothing persistent; {@code apply*} methods write, inside the caller's
 * transaction, what the last successful check validated.
 */
final class ApplicationTable {

    static final byte ENTRY_LOADING = (byte) 0x01;
    static final byte ENTRY_ACTIVE = (byte) 0x02;

    // Entry header layout, 7 bytes per entry. The next expected block index is a short: after block
    // 255 of a record of 256 one-byte blocks it is 256, which no block index (one byte) matches.
    private static final short HEADER_ID = 0;
    private static final short HEADER_STATE = 2;
    private static final short HEADER_LENGTH = 3;
    private static final short HEADER_NEXT_BLOCK = 5;
    private static final short HEADER_SIZE = 7;

    // Payload layouts (protocol.md section 6.1).
    private static final short BLOCK_APP_ID = 0;
    private static final short BLOCK_INDEX = 2;
    private static final short BLOCK_DATA = 3;
    private static final short ACTIVATE_APP_ID = 0;
    private static final short ACTIVATE_TOTAL_LENGTH = 2;
    private static final short ACTIVATE_HASH = 4;
    private static final short ACTIVATE_PAYLOAD_LENGTH = 36;

    private final byte[] headers;
    /** Entry i's record occupies data[256 i .. 256 i + 255]. */
    private final byte[] data;
    /** Number of entries in use, 0 to 4; entries 0 .. count − 1 are used. */
    private byte count;

    private final MessageDigest sha256;
    private final byte[] digest;
    /** The entry that the last successful check selected, and whether it creates a new entry. */
    private final short[] checked;
    private static final short CHECKED_ENTRY = 0;
    private static final short CHECKED_IS_NEW = 1;

    ApplicationTable() {
        headers = new byte[(short) (ProtocolConstants.APPLICATION_ENTRIES * HEADER_SIZE)];
        data = new byte[(short) (ProtocolConstants.APPLICATION_ENTRIES * ProtocolConstants.APPLICATION_MAX_LENGTH)];
        sha256 = MessageDigest.getInstance(MessageDigest.ALG_SHA_256, false);
        digest = JCSystem.makeTransientByteArray(ProtocolConstants.SHA256_LENGTH, JCSystem.CLEAR_ON_DESELECT);
        checked = JCSystem.makeTransientShortArray((short) 2, JCSystem.CLEAR_ON_DESELECT);
    }

    /**
     * Checks a LOAD_APPLICATION_BLOCK payload: app id (2), block index (1), data (1 to 128).
     * Returns the merit failure reason, or {@link ProtocolConstants#REASON_NONE}.
     */
    byte checkBlock(byte[] payload, short offset, short length) {
        if (length < (short) (BLOCK_DATA + 1)
                || (short) (length - BLOCK_DATA) > ProtocolConstants.APPLICATION_BLOCK_MAX_LENGTH) {
            return ProtocolConstants.REASON_BAD_PAYLOAD;
        }
        short appId = Util.getShort(payload, (short) (offset + BLOCK_APP_ID));
        short index = (short) (payload[(short) (offset + BLOCK_INDEX)] & 0xFF);
        short blockLength = (short) (length - BLOCK_DATA);
        short entry = find(appId);
        if (entry < 0) {
            if (count == ProtocolConstants.APPLICATION_ENTRIES) {
                return ProtocolConstants.REASON_APPLICATION_TABLE_FULL;
            }
            if (index != 0) {
                return ProtocolConstants.REASON_BLOCK_OUT_OF_ORDER;
            }
            checked[CHECKED_ENTRY] = count;
            checked[CHECKED_IS_NEW] = 1;
            return ProtocolConstants.REASON_NONE;
        }
        short header = headerOffset(entry);
        if (headers[(short) (header + HEADER_STATE)] == ENTRY_ACTIVE) {
            return ProtocolConstants.REASON_APPLICATION_ALREADY_ACTIVE;
        }
        if (index != Util.getShort(headers, (short) (header + HEADER_NEXT_BLOCK))) {
            return ProtocolConstants.REASON_BLOCK_OUT_OF_ORDER;
        }
        if ((short) (Util.getShort(headers, (short) (header + HEADER_LENGTH)) + blockLength)
                > ProtocolConstants.APPLICATION_MAX_LENGTH) {
            return ProtocolConstants.REASON_APPLICATION_TOO_LARGE;
        }
        checked[CHECKED_ENTRY] = entry;
        checked[CHECKED_IS_NEW] = 0;
        return ProtocolConstants.REASON_NONE;
    }

    /** Appends the block that {@link #checkBlock} accepted. Inside a transaction only. */
    void applyBlock(byte[] payload, short offset, short length) {
        short entry = checked[CHECKED_ENTRY];
        short header = headerOffset(entry);
        short blockLength = (short) (length - BLOCK_DATA);
        short recordLength = 0;
        if (checked[CHECKED_IS_NEW] != 0) {
            Util.arrayCopy(payload, (short) (offset + BLOCK_APP_ID), headers, (short) (header + HEADER_ID), (short) 2);
            headers[(short) (header + HEADER_STATE)] = ENTRY_LOADING;
            count = (byte) (count + 1);
        } else {
            recordLength = Util.getShort(headers, (short) (header + HEADER_LENGTH));
        }
        Util.arrayCopy(payload, (short) (offset + BLOCK_DATA), data, (short) (dataOffset(entry) + recordLength),
                blockLength);
        Util.setShort(headers, (short) (header + HEADER_LENGTH), (short) (recordLength + blockLength));
        Util.setShort(headers, (short) (header + HEADER_NEXT_BLOCK),
                (short) (Util.getShort(headers, (short) (header + HEADER_NEXT_BLOCK)) + 1));
    }

    /**
     * Checks a LOAD_APPLICATION_ACTIVATE payload: app id (2), total length (2), SHA-256 of the record (32).
     * Returns the merit failure reason, or {@link ProtocolConstants#REASON_NONE}.
     */
    byte checkActivate(byte[] payload, short offset, short length) {
        if (length != ACTIVATE_PAYLOAD_LENGTH) {
            return ProtocolConstants.REASON_BAD_PAYLOAD;
        }
        short entry = find(Util.getShort(payload, (short) (offset + ACTIVATE_APP_ID)));
        if (entry < 0 || headers[(short) (headerOffset(entry) + HEADER_STATE)] != ENTRY_LOADING) {
            return ProtocolConstants.REASON_APPLICATION_NOT_LOADING;
        }
        short recordLength = Util.getShort(headers, (short) (headerOffset(entry) + HEADER_LENGTH));
        if (recordLength != Util.getShort(payload, (short) (offset + ACTIVATE_TOTAL_LENGTH))) {
            return ProtocolConstants.REASON_BAD_APPLICATION_HASH;
        }
        sha256.reset();
        sha256.doFinal(data, dataOffset(entry), recordLength, digest, (short) 0);
        if (Util.arrayCompare(digest, (short) 0, payload, (short) (offset + ACTIVATE_HASH),
                ProtocolConstants.SHA256_LENGTH) != 0) {
            return ProtocolConstants.REASON_BAD_APPLICATION_HASH;
        }
        checked[CHECKED_ENTRY] = entry;
        return ProtocolConstants.REASON_NONE;
    }

    /** Activates the entry that {@link #checkActivate} accepted. Inside a transaction only. */
    void applyActivate() {
        headers[(short) (headerOffset(checked[CHECKED_ENTRY]) + HEADER_STATE)] = ENTRY_ACTIVE;
    }

    /** Writes the GET STATUS part: count k, then k × (app id, state, length); returns the offset after it. */
    short writeStatus(byte[] out, short offset) {
        out[offset] = count;
        offset++;
        for (short entry = 0; entry < count; entry++) {
            short header = headerOffset(entry);
            offset = Util.arrayCopyNonAtomic(headers, (short) (header + HEADER_ID), out, offset, (short) 2);
            offset = Util.arrayCopyNonAtomic(headers, (short) (header + HEADER_STATE), out, offset, (short) 3);
        }
        return offset;
    }

    private short find(short appId) {
        for (short entry = 0; entry < count; entry++) {
            if (Util.getShort(headers, headerOffset(entry)) == appId) {
                return entry;
            }
        }
        return -1;
    }

    private static short headerOffset(short entry) {
        return (short) (entry * HEADER_SIZE);
    }

    private static short dataOffset(short entry) {
        return (short) (entry * ProtocolConstants.APPLICATION_MAX_LENGTH);
    }
}
