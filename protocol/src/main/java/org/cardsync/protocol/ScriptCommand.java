package org.cardsync.protocol;

import java.util.Arrays;

/**
 * One script command, one action (protocol.md section 6): bound by its MAC to a card application, a
 * session ATC, a sequence number s (the value CA takes when it is applied) and its payload (rule 4).
 */
public record ScriptCommand(long sessionAtc, long sequence, ActionType action, byte[] payload) {
    public static final int VERSION = 0x01;
    public static final int MAX_PAYLOAD = 228;
    /** version + ATC + s + type + length + MAC, the bytes around the payload. */
    public static final int OVERHEAD = 1 + 4 + 4 + 1 + 1 + AesCmac.MAC_LENGTH;

    public ScriptCommand {
        if (payload.length > MAX_PAYLOAD) {
            throw new IllegalArgumentException("payload is at most " + MAX_PAYLOAD + " bytes");
        }
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** The EXECUTE command data, MACed with K_DN over card id, AID and every byte before the MAC. */
    public byte[] encode(byte[] downKey, CardApplicationId id) {
        return encode(CmacKey.of(downKey), id);
    }

    /** {@link #encode(byte[], CardApplicationId)} with K_DN wherever it lives (e.g. in the backend's token). */
    public byte[] encode(CmacKey downKey, CardApplicationId id) {
        return new Bytes.Writer().bytes(body()).bytes(mac(downKey, id)).toByteArray();
    }

    /**
     * The command's MAC, the last 16 bytes of {@link #encode}: AES-CMAC(K_DN, card id ‖ AID length ‖ AID ‖
     * every command byte before the MAC). The card moves its action chain over it when the command runs
     * (protocol.md 1.3).
     */
    public byte[] mac(byte[] downKey, CardApplicationId id) {
        return mac(CmacKey.of(downKey), id);
    }

    /** {@link #mac(byte[], CardApplicationId)} with K_DN wherever it lives (e.g. in the backend's token). */
    public byte[] mac(CmacKey downKey, CardApplicationId id) {
        byte[] macInput = new Bytes.Writer().bytes(id.encode()).bytes(body()).toByteArray();
        return downKey.mac(macInput);
    }

    /** The command bytes before the MAC. */
    private byte[] body() {
        return new Bytes.Writer().u8(VERSION).u32(sessionAtc).u32(sequence).u8(action.code())
                .u8(payload.length).bytes(payload).toByteArray();
    }

    /** The whole EXECUTE APDU. */
    public byte[] apdu(byte[] downKey, CardApplicationId id) {
        return apdu(CmacKey.of(downKey), id);
    }

    /** {@link #apdu(byte[], CardApplicationId)} with K_DN wherever it lives (e.g. in the backend's token). */
    public byte[] apdu(CmacKey downKey, CardApplicationId id) {
        return CardCommands.execute(encode(downKey, id)).bytes();
    }

    /** Parses EXECUTE command data without checking its MAC (for tools and tests that inspect scripts). */
    public static ScriptCommand parse(byte[] data) {
        Bytes.Reader r = new Bytes.Reader(data);
        int version = r.u8("version");
        if (version != VERSION) {
            throw new ProtocolException(ProtocolError.UNSUPPORTED_VERSION, "script command version " + version);
        }
        long atc = r.u32("session ATC");
        long seq = r.u32("sequence");
        ActionType type = ActionType.of(r.u8("action type"));
        byte[] payload = r.bytes(r.u8("payload length"), "payload");
        r.bytes(AesCmac.MAC_LENGTH, "MAC");
        r.end("script command");
        return new ScriptCommand(atc, seq, type, payload);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScriptCommand c && c.sessionAtc == sessionAtc && c.sequence == sequence
                && c.action == action && Arrays.equals(c.payload, payload);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(sequence) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "ScriptCommand[atc=" + sessionAtc + ", s=" + sequence + ", " + action + ", payload="
                + payload.length + " bytes]";
    }
}
