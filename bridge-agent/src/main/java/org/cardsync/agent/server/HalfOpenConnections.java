package org.cardsync.agent.server;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.SocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Closes TCP connections that do not become a WebSocket within the handshake timeout. Without it, a
 * local program could open connections that never send a byte (500 stayed open for good) and hold the
 * agent's file descriptors and memory. A plain HTTP request (answered 404) on a kept-alive connection
 * is closed the same way. Confined to the agent's event loop.
 */
final class HalfOpenConnections {

    private static final Logger LOG = Logger.getLogger(HalfOpenConnections.class.getName());

    private final Vertx vertx;
    private final long timeoutMillis;
    /** The handshake timer of each connection not yet upgraded, by its remote address (unique per connection). */
    private final Map<String, Long> timers = new HashMap<>();
    private long timedOut;

    HalfOpenConnections(Vertx vertx, long timeoutMillis) {
        this.vertx = vertx;
        this.timeoutMillis = timeoutMillis;
    }

    void opened(HttpConnection connection) {
        String key = String.valueOf(connection.remoteAddress());
        long timer = vertx.setTimer(timeoutMillis, id -> {
            if (timers.remove(key) != null) {
                timedOut++;
                if (timedOut == 1 || timedOut % 100 == 0) { // bounded: a flood must not flood the log too
                    LOG.info("closed " + key + ": no WebSocket handshake within " + timeoutMillis + " ms ("
                            + timedOut + " so far)");
                }
                connection.close();
            }
        });
        timers.put(key, timer);
        connection.closeHandler(v -> cancel(key));
    }

    /** The connection became a WebSocket: its lifetime is the page's now. */
    void upgraded(SocketAddress remote) {
        cancel(String.valueOf(remote));
    }

    private void cancel(String key) {
        Long timer = timers.remove(key);
        if (timer != null) {
            vertx.cancelTimer(timer);
        }
    }
}
