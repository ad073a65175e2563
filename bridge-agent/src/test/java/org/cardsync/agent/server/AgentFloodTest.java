package org.cardsync.agent.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Floods a local program can throw at the agent: connections that never speak, handshakes refused in a loop. */
class AgentFloodTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    @TempDir
    Path stateDir;

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private AgentFixture deploy() throws Exception {
        return AgentFixture.deploy(vertx, stateDir, ConnectionPolicy.defaults().withHandshakeTimeout(TIMEOUT))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void connectionsThatNeverHandshake_areClosedByTheHandshakeTimeout() throws Exception {
        AgentFixture agent = deploy();
        int count = 500;
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                Socket s = new Socket("127.0.0.1", agent.port());
                sockets.add(s);
            }
            int closed = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30); // far beyond the 1 s timeout
            for (Socket s : sockets) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                s.setSoTimeout((int) Math.max(1, left));
                if (endOfStream(s)) {
                    closed++;
                }
            }
            System.out.println("SECURITY agent-half-open: " + count + " connections opened, " + closed
                    + " closed by the handshake timeout (" + TIMEOUT.toSeconds() + " s in the test, "
                    + ConnectionPolicy.DEFAULT_HANDSHAKE_TIMEOUT.toSeconds() + " s by default), "
                    + (count - closed) + " left");
            assertThat(closed).isEqualTo(count);
        } finally {
            for (Socket s : sockets) {
                s.close();
            }
        }
    }

    @Test
    void aPageThatHandshakes_isNotClosedByTheHandshakeTimeout() throws Exception {
        AgentFixture agent = deploy();
        // A raw client writes its handshake right after connecting (a cold Vert.x client in a busy test
        // JVM may take longer than the test's 1 s timeout to write it, as no browser does with 5 s).
        try (RawClient page = new RawClient(agent.port())) {
            assertThat(page.handshake(AgentFixture.ALLOWED_ORIGIN)).isEqualTo(101);
            Thread.sleep(3 * TIMEOUT.toMillis());
            page.frame(RawClient.TEXT, true, "{\"v\":1,\"id\":\"h\",\"type\":\"hello\"}"
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertThat(page.readText()).contains("cardsync-bridge-agent");
        }
    }

    @Test
    void refusedHandshakesInALoop_writeABoundedNumberOfLogLines() throws Exception {
        AgentFixture agent = deploy();
        List<LogRecord> records = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public synchronized void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()
                        && record.getMessage().contains("refused")) {
                    records.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(AgentVerticle.class.getName());
        logger.addHandler(capture);
        int count = 1000;
        long started = System.nanoTime();
        try {
            for (int i = 0; i < count; i++) {
                try (RawClient client = new RawClient(agent.port())) {
                    assertThat(client.handshake("https://evil.example")).isEqualTo(403);
                }
            }
        } finally {
            logger.removeHandler(capture);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        int lines;
        synchronized (capture) {
            lines = records.size();
        }
        // All refusals happened within far less than one 10 s interval: only the first lines are logged in
        // full, the rest go into the summary written when the interval ends.
        long intervals = 1 + (long) (seconds / ConnectionPolicy.DEFAULT_REFUSAL_LOG_INTERVAL.toSeconds());
        System.out.printf("SECURITY agent-refusal-log: %d refused handshakes in %.1f s wrote %d log lines"
                + " (at most %d per %d s interval)%n", count, seconds, lines, RefusalLog.FULL_LINES + 1,
                ConnectionPolicy.DEFAULT_REFUSAL_LOG_INTERVAL.toSeconds());
        assertThat(lines).isLessThanOrEqualTo((int) (intervals * (RefusalLog.FULL_LINES + 1)));
        assertThat(lines).isPositive();
    }

    private static boolean endOfStream(Socket s) {
        try {
            return s.getInputStream().read() < 0;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset by the agent: closed as well
        }
    }
}
