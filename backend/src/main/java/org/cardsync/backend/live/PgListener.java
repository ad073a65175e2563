package org.cardsync.backend.live;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.Consumer;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * LISTENs on one PostgreSQL channel over a connection of its own, on a thread of its own, and hands every payload to
 * a consumer. When the connection breaks (the server restarted, a network fault, an administrator's
 * pg_terminate_backend) it opens a new one by itself, waiting {@code firstDelay} and then twice as long after each
 * failed attempt up to {@code maxDelay}; once it listens again it calls {@code onRelistened}, because whatever was
 * notified while it was away is lost (PostgreSQL keeps notifications for listening sessions only).
 *
 * <p>PgJDBC's {@link PGConnection#getNotifications(int)} waits for notifications with a timeout; between waits an
 * idle connection is checked every {@code heartbeat} ({@link Connection#isValid}), so a connection that died silently
 * (a dropped TCP path sends nothing) is noticed too. Independent of Quarkus, so tests can run several as if they
 * were several backend instances.
 */
public final class PgListener implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(PgListener.class);
    private static final int WAIT_MILLIS = 500;
    private static final int VALID_SECONDS = 5;

    /** Opens a new connection to the database. */
    @FunctionalInterface
    public interface ConnectionFactory {
        Connection open() throws SQLException;
    }

    private final ConnectionFactory connections;
    private final String channel;
    private final Consumer<String> onPayload;
    private final Runnable onRelistened;
    private final Duration firstDelay;
    private final Duration maxDelay;
    private final Duration heartbeat;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean listening;
    private volatile Connection current;

    /**
     * @param channel a lower-case SQL identifier (it is written into the LISTEN statement, which takes no parameter)
     */
    public PgListener(ConnectionFactory connections, String channel, Consumer<String> onPayload, Runnable onRelistened,
                      Duration firstDelay, Duration maxDelay, Duration heartbeat) {
        if (!channel.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain channel name: " + channel);
        }
        this.connections = connections;
        this.channel = channel;
        this.onPayload = onPayload;
        this.onRelistened = onRelistened;
        this.firstDelay = firstDelay;
        this.maxDelay = maxDelay;
        this.heartbeat = heartbeat;
        this.thread = new Thread(this::run, "cardsync-listen-" + channel);
        thread.setDaemon(true);
    }

    public PgListener start() {
        thread.start();
        return this;
    }

    /** Whether the LISTEN is in place now (notices sent from now on will arrive). */
    public boolean listening() {
        return listening;
    }

    private void run() {
        Duration delay = firstDelay;
        boolean lost = false;
        while (running) {
            try (Connection c = connections.open()) {
                current = c;
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + channel);
                }
                listening = true;
                delay = firstDelay;
                if (lost) {
                    LOG.infof("listening on %s again; telling the pages to reload what they show", channel);
                    lost = false;
                    relistened();
                }
                receive(c.unwrap(PGConnection.class), c);
            } catch (SQLException | RuntimeException e) {
                listening = false;
                if (!running) {
                    break;
                }
                lost = true;
                LOG.warnf("LISTEN %s: the connection failed (%s); trying again in %d ms", channel, e.getMessage(),
                        delay.toMillis());
                if (!sleep(delay)) {
                    break;
                }
                delay = delay.multipliedBy(2).compareTo(maxDelay) > 0 ? maxDelay : delay.multipliedBy(2);
            } finally {
                listening = false;
                current = null;
            }
        }
    }

    private void receive(PGConnection pg, Connection c) throws SQLException {
        long nextCheck = System.nanoTime() + heartbeat.toNanos();
        while (running) {
            PGNotification[] notifications = pg.getNotifications(WAIT_MILLIS);
            if (notifications != null && notifications.length > 0) {
                for (PGNotification n : notifications) {
                    deliver(n.getParameter());
                }
                nextCheck = System.nanoTime() + heartbeat.toNanos();
            } else if (System.nanoTime() - nextCheck > 0) {
                if (!c.isValid(VALID_SECONDS)) {
                    throw new SQLException("the connection no longer answers");
                }
                nextCheck = System.nanoTime() + heartbeat.toNanos();
            }
        }
    }

    private void deliver(String payload) {
        try {
            onPayload.accept(payload);
        } catch (RuntimeException e) {
            // one notice that cannot be handed on must not cost the connection and the notices after it
            LOG.warnf(e, "LISTEN %s: a notice was not handed on", channel);
        }
    }

    private void relistened() {
        try {
            onRelistened.run();
        } catch (RuntimeException e) {
            LOG.warnf(e, "LISTEN %s: the pages were not told to reload", channel);
        }
    }

    private boolean sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops listening and closes the connection; waits a little for the thread to end. */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(WAIT_MILLIS * 4L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Connection c = current;
        if (c != null && thread.isAlive()) {
            try {
                c.close();
            } catch (SQLException e) {
                LOG.debugf("LISTEN %s: closing the connection: %s", channel, e.getMessage());
            }
        }
    }
}
