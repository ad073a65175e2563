package org.cardsync.agent.server;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.SocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Closes TCP connections that do not send a WebSocket handshake within the handshake timeout. Without it,
 * a local program could open connections that never send a byte (500 stayed open for good) and hold the
 * agent's file descriptors and memory. A plain HTTP request (answered 404) on a kept-alive connection
 * is closed the same way, and so is a connection whose handshake was refused (it would otherwise stay
 * open, kept alive, for as long as its program likes). Confined to the agent's event loop.
 */
final class HalfOpenConnections {

    private static final Logger LOG = Logger.getLogger(HalfOpenConnections.class.getName());

    private final Vertx vertx;
    private final long timeoutMillis;
    /** The handshake timer of each connection that sent no handshake yet, by remote address (unique per connection). */
    private final Map<String, Long> timers = new HashMap<>();
    /** Every open HTTP connection, by remote address. */
    private final Map<String, HttpConnection> connections = new HashMap<>();
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
        connections.put(key, connection);
        connection.closeHandler(v -> {
            cancel(key);
            connections.remove(key);
        });
    }

    /**
     * A handshake arrived in time: the checks that follow (the peer owner lookup may take a moment) are
     * not the client's delay. From now on the connection is either upgraded or closed by {@link #refused}.
     */
    void handshakeReceived(SocketAddress remote) {
        cancel(String.valueOf(remote));
    }

    /** The handshake was refused (the answer is written): the connection has nothing more to do. */
    void refused(SocketAddress remote) {
        HttpConnection connection = connections.get(String.valueOf(remote));
        if (connection != null) {
            connection.close();
        }
    }

    private void cancel(String key) {
        Long timer = timers.remove(key);
        if (timer != null) {
            vertx.cancelTimer(timer);
        }
    }
}
