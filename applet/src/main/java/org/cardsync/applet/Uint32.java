package org.cardsync.applet;

/**
 * Unsigned 32-bit big-endian arithmetic on four bytes of an array, with byte and short arithmetic
 * only: the Java Card VM this applet targets has no int (rule 9: CA and ATC are 32-bit on the card).
 * None of these methods writes anything but its output argument, and none throws on valid offsets.
 */
final class Uint32 {

    static final short LENGTH = 4;

    private Uint32() {
    }

    /** Whether the value is 0xFFFFFFFF. */
    static boolean isMax(byte[] value, short offset) {
        return value[offset] == (byte) 0xFF
                && value[(short) (offset + 1)] == (byte) 0xFF
                && value[(short) (offset + 2)] == (byte) 0xFF
                && value[(short) (offset + 3)] == (byte) 0xFF;
    }

    /** Whether the value is 0. */
    static boolean isZero(byte[] value, short offset) {
        return (byte) (value[offset] | value[(short) (offset + 1)] | value[(short) (offset + 2)]
                | value[(short) (offset + 3)]) == 0;
    }

    /** Compares two unsigned values: -1 if a &lt; b, 0 if equal, 1 if a &gt; b. */
    static byte compare(byte[] a, short aOffset, byte[] b, short bOffset) {
        for (short i = 0; i < LENGTH; i++) {
            short x = (short) (a[(short) (aOffset + i)] & 0xFF);
            short y = (short) (b[(short) (bOffset + i)] & 0xFF);
            if (x != y) {
                return x < y ? (byte) -1 : (byte) 1;
            }
        }
        return 0;
    }

    /**
     * out = a + b modulo 2^32; returns whether the true sum exceeds 0xFFFFFFFF. {@code out} may be
     * {@code a} or {@code b}.
     */
    static boolean add(byte[] a, short aOffset, byte[] b, short bOffset, byte[] out, short outOffset) {
        short carry = 0;
        for (short i = (short) (LENGTH - 1); i >= 0; i--) {
            short sum = (short) ((a[(short) (aOffset + i)] & 0xFF) + (b[(short) (bOffset + i)] & 0xFF) + carry);
            out[(short) (outOffset + i)] = (byte) sum;
            carry = (short) ((sum >> 8) & 1);
        }
        return carry != 0;
    }

    /**
     * out = a - b modulo 2^32; returns whether b &gt; a (the subtraction borrowed). {@code out} may be
     * {@code a} or {@code b}.
     */
    static boolean subtract(byte[] a, short aOffset, byte[] b, short bOffset, byte[] out, short outOffset) {
        short borrow = 0;
        for (short i = (short) (LENGTH - 1); i >= 0; i--) {
            short difference = (short) ((a[(short) (aOffset + i)] & 0xFF) - (b[(short) (bOffset + i)] & 0xFF) - borrow);
            out[(short) (outOffset + i)] = (byte) difference;
            borrow = (short) (difference < 0 ? 1 : 0);
        }
        return borrow != 0;
    }

    /** Whether the value is exactly 1. */
    static boolean isOne(byte[] value, short offset) {
        return value[offset] == 0 && value[(short) (offset + 1)] == 0 && value[(short) (offset + 2)] == 0
                && value[(short) (offset + 3)] == 1;
    }
}
