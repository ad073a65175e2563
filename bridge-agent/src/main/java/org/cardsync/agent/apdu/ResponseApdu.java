package org.cardsync.agent.apdu;

import java.util.Arrays;

/** A response APDU: data followed by the two status word bytes SW1 SW2. */
public final class ResponseApdu {

    private final byte[] bytes;

    private ResponseApdu(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * Wraps what a reader returned.
     *
     * @throws IllegalArgumentException when fewer than two bytes came back: no status word
     */
    public static ResponseApdu of(byte[] bytes) {
        if (bytes.length < 2) {
            throw new IllegalArgumentException("response of " + bytes.length + " bytes has no status word");
        }
        return new ResponseApdu(bytes.clone());
    }

    public static ResponseApdu of(byte[] data, int sw) {
        byte[] out = Arrays.copyOf(data, data.length + 2);
        out[data.length] = (byte) (sw >> 8);
        out[data.length + 1] = (byte) sw;
        return new ResponseApdu(out);
    }

    public int sw() {
        return ((bytes[bytes.length - 2] & 0xFF) << 8) | (bytes[bytes.length - 1] & 0xFF);
    }

    public int sw1() {
        return bytes[bytes.length - 2] & 0xFF;
    }

    public int sw2() {
        return bytes[bytes.length - 1] & 0xFF;
    }

    public byte[] data() {
        return Arrays.copyOf(bytes, bytes.length - 2);
    }

    public int dataLength() {
        return bytes.length - 2;
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public String swHex() {
        return String.format("%04X", sw());
    }

    @Override
    public String toString() {
        return "ResponseApdu[" + dataLength() + " data bytes, SW=" + swHex() + "]";
    }
}
