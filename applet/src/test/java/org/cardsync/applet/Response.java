package org.cardsync.applet;

import java.util.Arrays;

import org.cardsync.protocol.Hex;
import org.cardsync.protocol.UpstreamMessage;

/** A response APDU split into its data and status word; compared and printed in hex. */
record Response(byte[] data, int sw) {

    static Response of(byte[] responseApdu) {
        int n = responseApdu.length;
        if (n < 2) {
            throw new IllegalArgumentException("a response has at least a status word");
        }
        return new Response(Arrays.copyOf(responseApdu, n - 2),
                ((responseApdu[n - 2] & 0xFF) << 8) | (responseApdu[n - 1] & 0xFF));
    }

    /** Data and status word, as the card sent them. */
    String hex() {
        return Hex.encode(data) + String.format("%04x", sw);
    }

    String swHex() {
        return String.format("%04X", sw);
    }

    boolean isOk() {
        return sw == 0x9000;
    }

    /** The data parsed as a signed card message (REQUEST, ACK, INFO). */
    UpstreamMessage message() {
        return UpstreamMessage.parse(data);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Response r && r.sw == sw && Arrays.equals(r.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(data) + sw;
    }

    @Override
    public String toString() {
        return "Response[" + Hex.encode(data) + " SW=" + swHex() + "]";
    }
}
