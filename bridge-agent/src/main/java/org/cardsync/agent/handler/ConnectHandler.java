package org.cardsync.agent.handler;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.cardsync.agent.wire.Hex;
import org.cardsync.agent.reader.CardConnection;
import org.cardsync.agent.reader.ReaderDirectory;
import org.cardsync.agent.reader.ReaderException;
import org.cardsync.agent.reader.ReaderFailure;
import org.cardsync.agent.reader.TimeLimitedConnection;
import org.cardsync.agent.wire.ErrorCode;
import org.cardsync.agent.wire.RequestException;

/**
 * {@code connect}: leases a reader to the page and connects to its card on a worker of the page's own; the
 * connection's thread then runs every PC/SC call for that card in the order the page sent them, each within the
 * command timeout, which the worker watches. A page that kept its session open ({@code disconnect} without reset)
 * gets it back.
 */
final class ConnectHandler implements RequestHandler {

    /** PC/SC reader names are short; a longer one is not a reader name. */
    static final int MAX_READER_NAME_LENGTH = 256;

    private final Vertx vertx;
    private final ReaderDirectory directory;
    private final boolean logApduData;
    private final Duration commandTimeout;
    /** Connects made so far: each card gets a worker of its own, even if the page's last one is still stuck. */
    private long connects;

    ConnectHandler(Vertx vertx, ReaderDirectory directory, boolean logApduData, Duration commandTimeout) {
        this.vertx = vertx;
        this.directory = directory;
        this.logApduData = logApduData;
        this.commandTimeout = commandTimeout;
    }

    @Override
    public Future<JsonObject> handle(JsonObject payload, Page page) throws RequestException {
        String reader = PayloadFields.requireString(payload, "reader", MAX_READER_NAME_LENGTH);
        PageLease lease = page.lease();
        PageLease.HeldCard resumed = lease.resumeKept(reader);
        if (resumed != null) {
            return Future.succeededFuture(reply(reader, resumed.connection()));
        }
        // Runs at once unless this page's previous card is still being let go; then after it, on the event loop.
        return lease.previousReleased().transform(ignored -> connect(reader, lease, page));
    }

    private static JsonObject reply(String reader, CardConnection connection) {
        return new JsonObject().put("reader", reader).put("atr", Hex.encode(connection.atr()));
    }

    private Future<JsonObject> connect(String reader, PageLease lease, Page page) {
        try {
            lease.reserve(reader);
        } catch (RequestException e) {
            return Future.failedFuture(e);
        }
        WorkerExecutor worker = vertx.createSharedWorkerExecutor("cardsync-card-" + page.number() + "-"
                + ++connects, 1);
        TimeLimitedConnection connection = new TimeLimitedConnection(reader, commandTimeout);
        return worker.executeBlocking(() -> {
            connection.open(() -> directory.connect(reader));
            return connection;
        }, true).transform(result -> {
            if (result.failed()) {
                Future<Void> idle = worker.<Void>executeBlocking(() -> {
                    connection.awaitIdle();
                    return null;
                }, true).eventually(worker::close);
                if (result.cause() instanceof ReaderException re && re.failure() == ReaderFailure.TIMEOUT) {
                    lease.connectStuck(reader, idle);
                } else {
                    lease.connectFailed(reader);
                }
                return Future.failedFuture(result.cause());
            }
            if (!lease.connected(new PageLease.HeldCard(reader, connection, logApduData, worker))) {
                return Future.failedFuture(new RequestException(ErrorCode.NOT_CONNECTED, "page went away"));
            }
            return Future.succeededFuture(reply(reader, connection));
        });
    }
}
