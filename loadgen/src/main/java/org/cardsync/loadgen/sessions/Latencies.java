package org.cardsync.loadgen.sessions;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The latencies of the sessions one terminal ran in one window, in microseconds, at 3 significant digits
 * (HdrHistogram: fixed memory, exact counts, percentiles without keeping samples). Not thread-safe: one per
 * terminal, merged after the window.
 */
final class Latencies {
    private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(2);

    final Histogram card = histogram();
    final Histogram request = histogram();
    final Histogram ack = histogram();
    final Histogram session = histogram();

    private static Histogram histogram() {
        return new Histogram(HIGHEST_MICROS, 3);
    }

    /** One complete session: time on the card, REQUEST's and ACK's round trips, and the whole, in nanoseconds. */
    void record(long cardNanos, long requestNanos, long ackNanos, long sessionNanos) {
        card.recordValue(micros(cardNanos));
        request.recordValue(micros(requestNanos));
        ack.recordValue(micros(ackNanos));
        session.recordValue(micros(sessionNanos));
    }

    long sessions() {
        return session.getTotalCount();
    }

    void add(Latencies other) {
        card.add(other.card);
        request.add(other.request);
        ack.add(other.ack);
        session.add(other.session);
    }

    private static long micros(long nanos) {
        return Math.min(HIGHEST_MICROS, Math.max(1, TimeUnit.NANOSECONDS.toMicros(nanos)));
    }
}
