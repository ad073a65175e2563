package org.cardsync.cardsim;

import java.util.Arrays;
import java.util.Locale;

import org.cardsync.protocol.Hex;
import org.cardsync.protocol.StatusWords;
import org.cardsync.protocol.UpstreamMessage;

/**
 * A card's response APDU: its data and its status word. A value: compared by content, printed in hex.
 *
 * @param data the response data, possibly empty
 * @param sw   the status word, 0x0000 to 0xFFFF
 */
public record CardResponse(byte[] data, int sw) {

    public CardResponse {
        data = data.clone();
        if (sw < 0 || sw > 0xFFFF) {
            throw new IllegalArgumentException("a status word is two bytes: " + sw);
        }
    }

    /** Splits a response APDU (data, then SW1 SW2). */
    public static CardResponse of(byte[] responseApdu) {
        int n = responseApdu.length;
        if (n < 2) {
            throw new IllegalArgumentException("a response APDU has at least the two status word bytes, got " + n);
        }
        return new CardResponse(Arrays.copyOf(responseApdu, n - 2),
                ((responseApdu[n - 2] & 0xFF) << 8) | (responseApdu[n - 1] & 0xFF));
    }

    /** Parses a response APDU written in hex, e.g. {@code "01029000"}. */
    public static CardResponse ofHex(String responseApduHex) {
        return of(Hex.decode(responseApduHex));
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** Whether the status word is 9000. */
    public boolean isOk() {
        return sw == StatusWords.OK;
    }

    /** The status word as four upper-case hex digits, e.g. {@code "6A90"}. */
    public String swHex() {
        return String.format(Locale.ROOT, "%04X", sw);
    }

    /** The data in lower-case hex. */
    public String dataHex() {
        return Hex.encode(data);
    }

    /** The whole response APDU in lower-case hex, data then status word, as in docs/test-vectors.json. */
    public String hex() {
        return Hex.encode(toBytes());
    }

    /** The whole response APDU, data then status word. */
    public byte[] toBytes() {
        byte[] bytes = Arrays.copyOf(data, data.length + 2);
        bytes[data.length] = (byte) (sw >> 8);
        bytes[data.length + 1] = (byte) sw;
        return bytes;
    }

    /**
     * The data parsed as a signed card message (the answer to REQUEST, ACK or INFO). Parsing does not
     * verify the MAC: call {@link UpstreamMessage#verify(byte[])} with the card application's K_UP.
     *
     * @throws IllegalStateException if the status word is not 9000
     */
    public UpstreamMessage message() {
        if (!isOk()) {
            throw new IllegalStateException("no message: the card answered " + swHex());
        }
        return UpstreamMessage.parse(data);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CardResponse that && that.sw == sw && Arrays.equals(that.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(data) + sw;
    }

    @Override
    public String toString() {
        return data.length == 0 ? "CardResponse[SW=" + swHex() + "]"
                : "CardResponse[data=" + dataHex() + ", SW=" + swHex() + "]";
    }
}
