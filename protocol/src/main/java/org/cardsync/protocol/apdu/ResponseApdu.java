package org.cardsync.protocol.apdu;

import java.util.Arrays;
import java.util.Locale;

import org.cardsync.protocol.Hex;

/**
 * A response APDU: its data and the status word SW1 SW2 that ends it. An immutable value, compared by
 * content. A status word other than 9000 is an answer like any other, never an exception.
 */
public final class ResponseApdu {

    private static final int SW_OK = 0x9000;

    /** Data followed by SW1 SW2, as the card sent them. */
    private final byte[] bytes;

    private ResponseApdu(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * Splits what a card or reader returned (data, then SW1 SW2).
     *
     * @throws IllegalArgumentException when fewer than two bytes came back: no status word
     */
    public static ResponseApdu of(byte[] responseApdu) {
        if (responseApdu.length < 2) {
            throw new IllegalArgumentException("response of " + responseApdu.length + " bytes has no status word");
        }
        return new ResponseApdu(responseApdu.clone());
    }

    /** A response with this data (possibly empty) and status word. */
    public static ResponseApdu of(byte[] data, int sw) {
        if (sw < 0 || sw > 0xFFFF) {
            throw new IllegalArgumentException("a status word is two bytes, not " + sw);
        }
        byte[] out = Arrays.copyOf(data, data.length + 2);
        out[data.length] = (byte) (sw >> 8);
        out[data.length + 1] = (byte) sw;
        return new ResponseApdu(out);
    }

    /** A response written in hex, data then status word, e.g. {@code "01029000"}. */
    public static ResponseApdu ofHex(String responseApduHex) {
        return of(Hex.decode(responseApduHex));
    }

    public int sw() {
        return (sw1() << 8) | sw2();
    }

    public int sw1() {
        return bytes[bytes.length - 2] & 0xFF;
    }

    public int sw2() {
        return bytes[bytes.length - 1] & 0xFF;
    }

    /** Whether the status word is 9000. */
    public boolean isOk() {
        return sw() == SW_OK;
    }

    public byte[] data() {
        return Arrays.copyOf(bytes, bytes.length - 2);
    }

    public int dataLength() {
        return bytes.length - 2;
    }

    /** The whole response APDU, data then status word. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The status word as four upper-case hex digits, e.g. {@code "6A90"}, as docs/protocol.md writes them. */
    public String swHex() {
        return String.format(Locale.ROOT, "%04X", sw());
    }

    /** The data in lower-case hex. */
    public String dataHex() {
        return Hex.encode(data());
    }

    /** The whole response APDU in lower-case hex, data then status word, as in docs/test-vectors.json. */
    public String hex() {
        return Hex.encode(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ResponseApdu that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** The length of the data and the status word: response data may be a signed message or a key check. */
    @Override
    public String toString() {
        return "ResponseApdu[" + dataLength() + " data bytes, SW=" + swHex() + "]";
    }
}
