package org.cardsync.protocol.apdu;

import java.util.Arrays;
import java.util.Locale;

import org.cardsync.protocol.Hex;
import org.cardsync.protocol.ProtocolException;

/**
 * A command APDU whose length fields agree with ISO/IEC 7816-4 section 5.1 (cases 1, 2, 3 and 4, short
 * and extended): an immutable value, built by the factories below or checked by {@link #parse}. The one
 * APDU framing of cardsync: the card client builds its commands with it and the bridge agent checks
 * every APDU a page sends with it, so that a page that sends a truncated or padded APDU learns it from
 * the agent with a precise message instead of from a card with a bare 6700.
 */
public final class CommandApdu {

    /** Header (4) + extended Lc (3) + 65,535 data bytes + extended Le (2). */
    public static final int MAX_LENGTH = 4 + 3 + 65_535 + 2;

    private final byte[] bytes;
    private final int dataOffset;
    private final int dataLength;
    /** Expected response length Ne (0 when the command expects no data; 256 or 65,536 for Le = 00). */
    private final int ne;
    private final boolean extended;

    private CommandApdu(byte[] bytes, int dataOffset, int dataLength, int ne, boolean extended) {
        this.bytes = bytes;
        this.dataOffset = dataOffset;
        this.dataLength = dataLength;
        this.ne = ne;
        this.extended = extended;
    }

    /** A case 1 command: the header alone, no data, no response data expected. */
    public static CommandApdu of(int cla, int ins, int p1, int p2) {
        return new CommandApdu(header(cla, ins, p1, p2, 0), 4, 0, 0, false);
    }

    /**
     * A case 3 command: data and no Le. Short form up to 255 data bytes; extended form (Lc = 00 and two
     * length bytes) above, as a full PERSONALISE record needs.
     *
     * @throws IllegalArgumentException if the data is empty (that is case 1) or longer than 65,535 bytes
     */
    public static CommandApdu of(int cla, int ins, int p1, int p2, byte[] data) {
        int n = data.length;
        if (n == 0 || n > 65_535) {
            throw new IllegalArgumentException("command data must be 1 to 65,535 bytes, not " + n);
        }
        boolean extended = n > 255;
        int lengthBytes = extended ? 3 : 1;
        byte[] b = header(cla, ins, p1, p2, lengthBytes + n);
        if (extended) {
            b[5] = (byte) (n >> 8);
            b[6] = (byte) n;
        } else {
            b[4] = (byte) n;
        }
        System.arraycopy(data, 0, b, 4 + lengthBytes, n);
        return new CommandApdu(b, 4 + lengthBytes, n, 0, extended);
    }

    /** A short case 2 command: no data, Le = 00 (up to 256 bytes of response data expected). */
    public static CommandApdu expectingData(int cla, int ins, int p1, int p2) {
        return new CommandApdu(header(cla, ins, p1, p2, 1), 5, 0, 256, false);
    }

    private static byte[] header(int cla, int ins, int p1, int p2, int extra) {
        for (int field : new int[] {cla, ins, p1, p2}) {
            if (field < 0 || field > 0xFF) {
                throw new IllegalArgumentException("CLA, INS, P1 and P2 are one byte each, not " + field);
            }
        }
        byte[] b = new byte[4 + extra];
        b[0] = (byte) cla;
        b[1] = (byte) ins;
        b[2] = (byte) p1;
        b[3] = (byte) p2;
        return b;
    }

    /** Parses a hex command APDU; both hex and ISO length errors become {@link MalformedApduException}. */
    public static CommandApdu parseHex(String hex) throws MalformedApduException {
        if (hex.length() > 2 * MAX_LENGTH) {
            throw new MalformedApduException("APDU of " + hex.length() / 2 + " bytes is longer than the largest"
                    + " extended APDU (" + MAX_LENGTH + " bytes)");
        }
        byte[] raw;
        try {
            raw = Hex.decode(hex);
        } catch (ProtocolException e) {
            throw new MalformedApduException("APDU is not hex: " + e.getMessage());
        }
        return parse(raw);
    }

    /** Checks the length fields of {@code raw} (copied) and classifies the command. */
    public static CommandApdu parse(byte[] raw) throws MalformedApduException {
        byte[] b = raw.clone();
        int n = b.length;
        if (n < 4) {
            throw new MalformedApduException("APDU of " + n + " bytes is shorter than its 4-byte header");
        }
        if (n > MAX_LENGTH) {
            throw new MalformedApduException("APDU of " + n + " bytes is longer than the largest extended APDU ("
                    + MAX_LENGTH + " bytes)");
        }
        if (n == 4) {
            return new CommandApdu(b, 4, 0, 0, false); // case 1
        }
        int b4 = b[4] & 0xFF;
        if (n == 5) {
            return new CommandApdu(b, 5, 0, b4 == 0 ? 256 : b4, false); // case 2S
        }
        if (b4 != 0) {
            int lc = b4;
            if (n == 5 + lc) {
                return new CommandApdu(b, 5, lc, 0, false); // case 3S
            }
            if (n == 6 + lc) {
                int le = b[n - 1] & 0xFF;
                return new CommandApdu(b, 5, lc, le == 0 ? 256 : le, false); // case 4S
            }
            throw new MalformedApduException("Lc says " + lc + " data bytes but the APDU carries " + (n - 5)
                    + " bytes after the header and Lc");
        }
        // b4 == 0 and more than 5 bytes: extended length.
        if (n == 6) {
            throw new MalformedApduException("6-byte APDU with a 00 fifth byte is neither short nor extended");
        }
        int l = ((b[5] & 0xFF) << 8) | (b[6] & 0xFF);
        if (n == 7) {
            return new CommandApdu(b, 7, 0, l == 0 ? 65_536 : l, true); // case 2E
        }
        if (l == 0) {
            throw new MalformedApduException("extended Lc is 0000");
        }
        if (n == 7 + l) {
            return new CommandApdu(b, 7, l, 0, true); // case 3E
        }
        if (n == 9 + l) {
            int le = ((b[n - 2] & 0xFF) << 8) | (b[n - 1] & 0xFF);
            return new CommandApdu(b, 7, l, le == 0 ? 65_536 : le, true); // case 4E
        }
        throw new MalformedApduException("extended Lc says " + l + " data bytes but the APDU carries " + (n - 7)
                + " bytes after the header and Lc");
    }

    /** GET RESPONSE (INS C0) for {@code ne} bytes, on the basic or logical channel of {@code cla}. */
    public static CommandApdu getResponse(int cla, int ne) {
        // Keep only the channel bits of an interindustry CLA: secure messaging and chaining bits
        // describe the original command, not this one.
        int channelCla = (cla & 0x80) == 0 ? cla & 0x03 : 0x00;
        byte le = (byte) (ne >= 256 ? 0 : ne);
        return new CommandApdu(new byte[] {(byte) channelCla, (byte) 0xC0, 0, 0, le}, 5, 0, ne >= 256 ? 256 : ne,
                false);
    }

    /** This command again with Le set to {@code newNe}, as a 6Cxx status word asks. */
    public CommandApdu withNe(int newNe) {
        byte[] header = Arrays.copyOf(bytes, 4);
        byte[] data = data();
        if (!extended && newNe <= 256) {
            byte[] out = new byte[4 + (data.length == 0 ? 0 : 1 + data.length) + 1];
            System.arraycopy(header, 0, out, 0, 4);
            int p = 4;
            if (data.length > 0) {
                out[p++] = (byte) data.length;
                System.arraycopy(data, 0, out, p, data.length);
                p += data.length;
            }
            out[p] = (byte) (newNe == 256 ? 0 : newNe);
            return new CommandApdu(out, 5, data.length, newNe, false);
        }
        int le = newNe == 65_536 ? 0 : newNe;
        byte[] out = new byte[4 + 1 + (data.length == 0 ? 0 : 2 + data.length) + 2];
        System.arraycopy(header, 0, out, 0, 4);
        int p = 5; // out[4] = 00 marks the extended form
        if (data.length > 0) {
            out[p++] = (byte) (data.length >> 8);
            out[p++] = (byte) data.length;
            System.arraycopy(data, 0, out, p, data.length);
            p += data.length;
        }
        out[p++] = (byte) (le >> 8);
        out[p] = (byte) le;
        return new CommandApdu(out, 7, data.length, newNe, true);
    }

    public int cla() {
        return bytes[0] & 0xFF;
    }

    public int ins() {
        return bytes[1] & 0xFF;
    }

    public int p1() {
        return bytes[2] & 0xFF;
    }

    public int p2() {
        return bytes[3] & 0xFF;
    }

    public int ne() {
        return ne;
    }

    public boolean extended() {
        return extended;
    }

    public byte[] data() {
        return Arrays.copyOfRange(bytes, dataOffset, dataOffset + dataLength);
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    /** The whole APDU in lower-case hex, as in docs/test-vectors.json. */
    public String hex() {
        return Hex.encode(bytes);
    }

    /** Header and lengths only: safe to log, unlike the data field (which may carry a PIN or keys). */
    public String describe() {
        return String.format("%s Lc=%d Ne=%d", Hex.encode(Arrays.copyOf(bytes, 4)).toUpperCase(Locale.ROOT), dataLength,
                ne);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CommandApdu that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** {@link #describe()}: never the data. */
    @Override
    public String toString() {
        return describe();
    }
}
