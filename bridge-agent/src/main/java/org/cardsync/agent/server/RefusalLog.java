package org.cardsync.agent.server;

import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * Logs refused handshakes at a bounded rate: the first {@link #FULL_LINES} of each interval in full, then
 * one summary line for the rest. A page (or a local program) that retries in a loop would otherwise fill
 * the user's disk with warnings (3,000 lines a second were seen) and bury the first, useful one.
 * Confined to the agent's event loop.
 */
final class RefusalLog {

    static final int FULL_LINES = 5;

    private final Logger log;
    private final LongSupplier clockMillis;
    private final long intervalMillis;
    private long windowStart;
    private int logged;
    private int suppressed;

    RefusalLog(Logger log, LongSupplier clockMillis, long intervalMillis) {
        this.log = log;
        this.clockMillis = clockMillis;
        this.intervalMillis = intervalMillis;
        this.windowStart = clockMillis.getAsLong();
    }

    /** One refused handshake; {@code reason} names no secret. */
    void refused(String remote, String reason) {
        flush();
        if (logged < FULL_LINES) {
            logged++;
            log.warning("refused WebSocket from " + remote + ": " + reason);
        } else {
            suppressed++;
        }
    }

    /** Ends the interval when it is over: the summary of the refusals not logged in full. */
    void flush() {
        long now = clockMillis.getAsLong();
        if (now - windowStart < intervalMillis) {
            return;
        }
        if (suppressed > 0) {
            log.warning(suppressed + " more WebSocket handshakes refused in the last "
                    + Math.max(1, (now - windowStart) / 1000) + " s (only the first " + FULL_LINES
                    + " of each " + intervalMillis / 1000 + " s are logged in full)");
        }
        windowStart = now;
        logged = 0;
        suppressed = 0;
    }
}
