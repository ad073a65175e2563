package org.cardsync.agent.server;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.ServerWebSocketHandshake;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;
import org.cardsync.agent.AgentVersion;
import org.cardsync.agent.config.OriginPolicy;
import org.cardsync.agent.handler.Page;
import org.cardsync.agent.handler.PageLease;
import org.cardsync.agent.handler.ReaderLeases;
import org.cardsync.agent.handler.RequestHandlers;
import org.cardsync.agent.reader.ReaderDirectory;
import org.cardsync.agent.reader.ReaderSource;
import org.cardsync.agent.sim.SimulatedReaderSource;
import org.cardsync.agent.wire.Envelope;

/**
 * The agent: a WebSocket server on the loopback addresses only, one {@link PageSocket} per accepted
 * page, the handlers its requests go to, and the reader directory whose events go to every page.
 *
 * <p>All page state (who holds which reader, in {@link ReaderLeases}) lives on this verticle's event loop;
 * PC/SC and the simulated card are only ever called from worker threads.
 */
public final class AgentVerticle extends AbstractVerticle {

    private static final Logger LOG = Logger.getLogger(AgentVerticle.class.getName());

    /** Large enough for a batch of 255 extended APDUs in hex, small enough to bound a page's damage. */
    static final int MAX_MESSAGE_BYTES = 1 << 20;

    /** The close code for a page whose origin the user revoked: 1008, policy violation (RFC 6455 7.4.1). */
    public static final short ORIGIN_REVOKED = 1008;

    /**
     * Seconds the agent waits for a page to answer its close frame before it drops TCP (Vert.x's default is
     * 10). The card is already let go when the close frame leaves; this only bounds the idle socket.
     */
    static final int CLOSING_TIMEOUT_SECONDS = 1;

    private final AgentOptions options;
    private final OriginPolicy originPolicy;
    private final List<ReaderSource> sources;
    private final SimulatedReaderSource simulated;
    private final ConnectionPolicy connections;
    private final HandshakeGuard guard;

    private final List<HttpServer> servers = new ArrayList<>();
    private final Set<PageSocket> pages = new LinkedHashSet<>();
    private final ReaderLeases leases = new ReaderLeases();
    private ReaderDirectory directory;
    private RequestHandlers handlers;
    private int actualPort;
    private int pageCounter;
    private RefusalLog refusals;
    private HalfOpenConnections halfOpen;
    /** Set when stopping: reader threads may still report changes nobody will hear. */
    private volatile boolean stopping;

    /**
     * @param simulated the simulated reader, also present in {@code sources}, or null without simulation
     */
    public AgentVerticle(AgentOptions options, OriginPolicy originPolicy, List<ReaderSource> sources,
            SimulatedReaderSource simulated) {
        this(options, originPolicy, sources, simulated, ConnectionPolicy.defaults());
    }

    public AgentVerticle(AgentOptions options, OriginPolicy originPolicy, List<ReaderSource> sources,
            SimulatedReaderSource simulated, ConnectionPolicy connections) {
        this.options = options;
        this.originPolicy = originPolicy;
        this.sources = List.copyOf(sources);
        this.simulated = simulated;
        this.connections = connections;
        this.guard = new HandshakeGuard(originPolicy);
    }

    @Override
    public void start(Promise<Void> startPromise) {
        directory = new ReaderDirectory(sources, event -> {
            if (!stopping) {
                context.runOnContext(v -> onReaderEvent(event));
            }
        });
        refusals = new RefusalLog(LOG, System::currentTimeMillis, connections.refusalLogInterval().toMillis());
        vertx.setPeriodic(connections.refusalLogInterval().toMillis(), id -> refusals.flush());
        halfOpen = new HalfOpenConnections(vertx, connections.handshakeTimeout().toMillis());
        originPolicy.onChange(() -> context.runOnContext(v -> closeRevokedPages()));
        handlers = new RequestHandlers(vertx, directory, leases, simulated, options.logApduData(),
                options.maxBatch(), options.commandTimeout());
        HttpServerOptions serverOptions = new HttpServerOptions()
                .setMaxWebSocketMessageSize(MAX_MESSAGE_BYTES)
                .setMaxWebSocketFrameSize(MAX_MESSAGE_BYTES)
                .setPerMessageWebSocketCompressionSupported(false)
                .setPerFrameWebSocketCompressionSupported(false)
                .setWebSocketClosingTimeout(CLOSING_TIMEOUT_SECONDS)
                // HTTP/1.1 only: with h2c on, Vert.x waits for a connection's first bytes before it reports the
                // connection, so one that never speaks would escape the handshake timeout.
                .setHttp2ClearTextEnabled(false);
        String first = options.bindAddresses().get(0);
        listen(serverOptions, first, options.port())
                .compose(server -> {
                    actualPort = server.actualPort();
                    List<Future<?>> others = new ArrayList<>();
                    for (String address : options.bindAddresses().subList(1, options.bindAddresses().size())) {
                        // The same port on ::1; a PC without IPv6 loopback just does without it.
                        others.add(listen(serverOptions, address, actualPort).recover(e -> {
                            LOG.warning("not listening on " + address + ": " + e.getMessage());
                            return Future.succeededFuture();
                        }));
                    }
                    return Future.all(others);
                })
                .onSuccess(v -> {
                    directory.start();
                    LOG.info("cardsync agent " + AgentVersion.version() + " listening on ws://127.0.0.1:"
                            + actualPort + "/ for origins " + originPolicy.allowed()
                            + (simulated != null ? " with a simulated card" : ""));
                    startPromise.complete();
                })
                .onFailure(e -> {
                    directory.close();
                    startPromise.fail(new IllegalStateException("cannot listen on " + first + ":" + options.port()
                            + " (" + e.getMessage() + "); is another agent running?", e));
                });
    }

    private Future<HttpServer> listen(HttpServerOptions serverOptions, String address, int port) {
        HttpServer server = vertx.createHttpServer(new HttpServerOptions(serverOptions).setHost(address));
        server.connectionHandler(halfOpen::opened);
        server.requestHandler(request -> request.response().setStatusCode(404).end());
        server.webSocketHandshakeHandler(this::onHandshake);
        server.webSocketHandler(this::onWebSocket);
        return server.listen(port, address).onSuccess(servers::add);
    }

    /** The port the agent listens on (useful when started on port 0). */
    public int actualPort() {
        return actualPort;
    }

    /**
     * Checks a handshake before anything else happens on the connection (request line, Host, Origin),
     * then who owns the peer socket, off the event loop; only then is the WebSocket accepted.
     */
    private void onHandshake(ServerWebSocketHandshake handshake) {
        String remote = String.valueOf(handshake.remoteAddress());
        halfOpen.handshakeReceived(handshake.remoteAddress());
        HandshakeGuard.Refusal refusal = guard.check(handshake);
        if (refusal != null) {
            refuse(handshake, remote, refusal.status(), refusal.reason());
            return;
        }
        SocketAddress peer = handshake.remoteAddress();
        SocketAddress local = handshake.localAddress();
        vertx.executeBlocking(() -> connections.peerOwners().check(inet(peer), inet(local)), false)
                .onComplete(result -> {
                    // The allow-list may have changed during the lookup, after closeRevokedPages ran: a page of a
                    // just-revoked origin accepted now would never be closed.
                    OriginPolicy.Decision stillAllowed = originPolicy.check(handshake.headers().get("Origin"));
                    if (!stillAllowed.allowed()) {
                        refuse(handshake, remote, 403, stillAllowed.reason());
                    } else if (result.succeeded() && result.result().sameUser()) {
                        handshake.accept();
                    } else {
                        refuse(handshake, remote, 403, result.succeeded() ? result.result().reason()
                                : "peer owner lookup failed (" + result.cause() + "): fail closed");
                    }
                });
    }

    private void refuse(ServerWebSocketHandshake handshake, String remote, int status, String reason) {
        refusals.refused(remote, reason);
        SocketAddress peer = handshake.remoteAddress();
        handshake.reject(status).onComplete(v -> halfOpen.refused(peer));
    }

    private static InetSocketAddress inet(SocketAddress address) throws UnknownHostException {
        // hostAddress() is an IP literal on a TCP connection: getByName parses it, no DNS lookup.
        return new InetSocketAddress(InetAddress.getByName(address.hostAddress()), address.port());
    }

    private void onWebSocket(ServerWebSocket ws) {
        String origin = ws.headers().get("Origin");
        PageSocket page = new PageSocket(ws, Page.connected(++pageCounter, origin, leases), handlers, origin,
                MAX_MESSAGE_BYTES);
        pages.add(page);
        LOG.info("page connected: " + page);
        ws.closeHandler(v -> {
            pages.remove(page);
            page.close();
            LOG.info("page disconnected: " + page);
        });
    }

    /**
     * After the allow-list changed: the pages of an origin no longer on it are disconnected (their cards
     * reset and let go) with {@link #ORIGIN_REVOKED}. Without this a revoked site kept its open sockets,
     * and so the card, until the page closed them.
     */
    private void closeRevokedPages() {
        for (PageSocket page : new ArrayList<>(pages)) {
            if (!originPolicy.check(page.origin()).allowed()) {
                page.closeConnection(ORIGIN_REVOKED, "origin no longer allowed");
            }
        }
    }

    private void onReaderEvent(ReaderDirectory.ReaderEvent event) {
        if (event.type() == ReaderDirectory.EventType.CARD_REMOVED
                || event.type() == ReaderDirectory.EventType.READER_REMOVED) {
            // The page holding the reader lets go (ReaderLeases only records who holds what).
            PageLease holder = leases.holder(event.reader());
            if (holder != null) {
                holder.cardLost(event.reader());
            }
        }
        Envelope message = Envelope.event(new JsonObject().put("event", event.type().wireName())
                .put("reader", event.reader()));
        for (PageSocket page : pages) {
            page.send(message);
        }
    }

    @Override
    public void stop(Promise<Void> stopPromise) {
        stopping = true;
        List<Future<?>> closing = new ArrayList<>();
        // Cards are disconnected (and reset) before the agent goes: a PC/SC handle left open would keep
        // the card "in use" for as long as this process lives.
        for (PageSocket page : new ArrayList<>(pages)) {
            closing.add(page.close());
        }
        for (HttpServer server : servers) {
            closing.add(server.close());
        }
        Future.join(closing).onComplete(v -> vertx.executeBlocking(() -> {
            directory.close();
            return null;
        }).onComplete(x -> stopPromise.complete()));
    }
}
