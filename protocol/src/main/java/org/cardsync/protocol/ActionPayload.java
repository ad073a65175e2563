package org.cardsync.protocol;

import java.util.Arrays;

/**
 * The payload of one script command, one value per action type (protocol.md section 6.1), with the layout
 * and the size limits the card checks. A value that exists is one the card will not refuse for its shape:
 * the constructors refuse what the card would refuse with {@code 94 0B} (bad payload) or for a size it
 * cannot hold ({@code 02}, {@code 03}, {@code 07}). What depends on the card's state (the purse limit,
 * the application table) stays the card's to judge.
 */
public sealed interface ActionPayload {
    /** The action type this payload belongs to. */
    ActionType type();

    /** The payload bytes of section 6.1, as they travel inside a script command. */
    byte[] encode();

    /**
     * Reads a payload of the given type.
     *
     * @throws ProtocolException {@code WRONG_LENGTH} or {@code BAD_VALUE} for a payload the card would refuse
     *         for its shape
     */
    static ActionPayload decode(ActionType type, byte[] payload) {
        Bytes.Reader r = new Bytes.Reader(payload);
        ActionPayload decoded = switch (type) {
            case CREDIT -> new Credit(r.u32("amount"));
            case WRITE_PARAMETER -> new WriteParameter(r.u8("slot"), r.bytes(r.remaining(), "value"));
            case LOAD_APPLICATION_BLOCK -> new LoadApplicationBlock(r.u16("app id"), r.u8("block index"),
                    r.bytes(r.remaining(), "block data"));
            case LOAD_APPLICATION_ACTIVATE -> new LoadApplicationActivate(r.u16("app id"), r.u16("total length"),
                    r.bytes(LoadApplicationActivate.HASH_LENGTH, "record hash"));
            case BLOCK -> new Block();
            case UNBLOCK -> new Unblock();
            case RESET_PIN_TRIES -> new ResetPinTries();
        };
        r.end(type + " payload");
        return decoded;
    }

    /** CREDIT ({@code 01}): amount (4), greater than zero. */
    record Credit(long amount) implements ActionPayload {
        public static final long MIN_AMOUNT = 1;
        public static final long MAX_AMOUNT = 0xFFFFFFFFL;

        public Credit {
            if (amount < MIN_AMOUNT || amount > MAX_AMOUNT) {
                throw new ProtocolException(ProtocolError.BAD_VALUE,
                        "a CREDIT amount is 1 to " + MAX_AMOUNT + ", not " + amount);
            }
        }

        @Override
        public ActionType type() {
            return ActionType.CREDIT;
        }

        @Override
        public byte[] encode() {
            return new Bytes.Writer().u32(amount).toByteArray();
        }
    }

    /** WRITE_PARAMETER ({@code 02}): slot (1) ‖ value (0–32); the slot is erased, then the value written. */
    record WriteParameter(int slot, byte[] value) implements ActionPayload {
        /** Slots 0 to 7 exist (merit failure {@code 02} above). */
        public static final int MAX_SLOT = Personalisation.MAX_PARAMETER_SLOTS - 1;
        /** A value holds at most 32 bytes (merit failure {@code 03} above). */
        public static final int MAX_VALUE_LENGTH = Personalisation.MAX_PARAMETER_LENGTH;

        public WriteParameter {
            if (slot < 0 || slot > MAX_SLOT) {
                throw new ProtocolException(ProtocolError.BAD_VALUE,
                        "a parameter slot is 0 to " + MAX_SLOT + ", not " + slot);
            }
            if (value.length > MAX_VALUE_LENGTH) {
                throw new ProtocolException(ProtocolError.WRONG_LENGTH,
                        "a parameter value is at most " + MAX_VALUE_LENGTH + " bytes, not " + value.length);
            }
            value = value.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        @Override
        public ActionType type() {
            return ActionType.WRITE_PARAMETER;
        }

        @Override
        public byte[] encode() {
            return new Bytes.Writer().u8(slot).bytes(value).toByteArray();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof WriteParameter w && w.slot == slot && Arrays.equals(w.value, value);
        }

        @Override
        public int hashCode() {
            return 31 * slot + Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "WriteParameter[slot=" + slot + ", value=" + Hex.encode(value) + "]";
        }
    }

    /**
     * LOAD_APPLICATION_BLOCK ({@code 03}): app id (2) ‖ block index (1) ‖ data (1–128); appends the data to
     * the application record. {@link ApplicationLoad} cuts a whole record into these.
     */
    record LoadApplicationBlock(int appId, int blockIndex, byte[] data) implements ActionPayload {
        public static final int MAX_APP_ID = 0xFFFF;
        public static final int MAX_BLOCK_INDEX = 0xFF;
        public static final int MAX_DATA_LENGTH = 128;

        public LoadApplicationBlock {
            checkAppId(appId);
            if (blockIndex < 0 || blockIndex > MAX_BLOCK_INDEX) {
                throw new ProtocolException(ProtocolError.BAD_VALUE, "a block index is 0 to 255, not " + blockIndex);
            }
            if (data.length < 1 || data.length > MAX_DATA_LENGTH) {
                throw new ProtocolException(ProtocolError.WRONG_LENGTH,
                        "a load block holds 1 to " + MAX_DATA_LENGTH + " bytes, not " + data.length);
            }
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public ActionType type() {
            return ActionType.LOAD_APPLICATION_BLOCK;
        }

        @Override
        public byte[] encode() {
            return new Bytes.Writer().u16(appId).u8(blockIndex).bytes(data).toByteArray();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof LoadApplicationBlock b && b.appId == appId && b.blockIndex == blockIndex
                    && Arrays.equals(b.data, data);
        }

        @Override
        public int hashCode() {
            return (31 * appId + blockIndex) * 31 + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "LoadApplicationBlock[appId=" + appId + ", block=" + blockIndex + ", " + data.length + " bytes]";
        }
    }

    /**
     * LOAD_APPLICATION_ACTIVATE ({@code 04}): app id (2) ‖ total length (2) ‖ SHA-256 of the record (32); the
     * card activates the entry only if length and hash match what it loaded.
     */
    record LoadApplicationActivate(int appId, int totalLength, byte[] recordHash) implements ActionPayload {
        public static final int HASH_LENGTH = 32;

        public LoadApplicationActivate {
            checkAppId(appId);
            if (totalLength < 1 || totalLength > ApplicationLoad.MAX_RECORD_LENGTH) {
                throw new ProtocolException(ProtocolError.BAD_VALUE, "an application record is 1 to "
                        + ApplicationLoad.MAX_RECORD_LENGTH + " bytes, not " + totalLength);
            }
            if (recordHash.length != HASH_LENGTH) {
                throw new ProtocolException(ProtocolError.WRONG_LENGTH, "the record hash is a 32-byte SHA-256");
            }
            recordHash = recordHash.clone();
        }

        @Override
        public byte[] recordHash() {
            return recordHash.clone();
        }

        @Override
        public ActionType type() {
            return ActionType.LOAD_APPLICATION_ACTIVATE;
        }

        @Override
        public byte[] encode() {
            return new Bytes.Writer().u16(appId).u16(totalLength).bytes(recordHash).toByteArray();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof LoadApplicationActivate a && a.appId == appId && a.totalLength == totalLength
                    && Arrays.equals(a.recordHash, recordHash);
        }

        @Override
        public int hashCode() {
            return (31 * appId + totalLength) * 31 + Arrays.hashCode(recordHash);
        }

        @Override
        public String toString() {
            return "LoadApplicationActivate[appId=" + appId + ", length=" + totalLength + "]";
        }
    }

    /** BLOCK ({@code 05}): no payload. */
    record Block() implements ActionPayload {
        @Override
        public ActionType type() {
            return ActionType.BLOCK;
        }

        @Override
        public byte[] encode() {
            return new byte[0];
        }
    }

    /** UNBLOCK ({@code 06}): no payload. */
    record Unblock() implements ActionPayload {
        @Override
        public ActionType type() {
            return ActionType.UNBLOCK;
        }

        @Override
        public byte[] encode() {
            return new byte[0];
        }
    }

    /** RESET_PIN_TRIES ({@code 07}): no payload. */
    record ResetPinTries() implements ActionPayload {
        @Override
        public ActionType type() {
            return ActionType.RESET_PIN_TRIES;
        }

        @Override
        public byte[] encode() {
            return new byte[0];
        }
    }

    private static void checkAppId(int appId) {
        if (appId < 0 || appId > LoadApplicationBlock.MAX_APP_ID) {
            throw new ProtocolException(ProtocolError.BAD_VALUE, "an app id is 0 to 65535, not " + appId);
        }
    }
}
