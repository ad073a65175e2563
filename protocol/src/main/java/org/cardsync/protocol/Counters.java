package org.cardsync.protocol;

/**
 * The card's two counters, CA and ATC (protocol.md section 1): 32-bit and saturating (rule 9). A counter at
 * {@link #MAX} is never incremented again; the card refuses the operation instead.
 */
public final class Counters {
    /** The largest value CA or ATC can take: {@code 0xFFFFFFFF}. */
    public static final long MAX = 0xFFFFFFFFL;

    private Counters() {
    }

    /** Whether a counter has reached its maximum and will never move again. */
    public static boolean saturated(long counter) {
        return counter >= MAX;
    }
}
