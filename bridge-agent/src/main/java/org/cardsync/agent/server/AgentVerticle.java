package org.cardsync.agent.server;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.ServerWebSocketHandshake;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.HostAndPort;
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

    private static final Set<String> LOOPBACK_HOST_NAMES = Set.of("127.0.0.1", "localhost", "::1", "[::1]");

    private final AgentOptions options;
    private final OriginPolicy originPolicy;
    private final List<ReaderSource> sources;
    private final SimulatedReaderSource simulated;

    private final List<HttpServer> servers = new ArrayList<>();
    private final Set<PageSocket> pages = new LinkedHashSet<>();
    private final ReaderLeases leases = new ReaderLeases();
    private ReaderDirectory directory;
    private RequestHandlers handlers;
    private int actualPort;
    private int pageCounter;
    /** Set when stopping: reader threads may still report changes nobody will hear. */
    private volatile boolean stopping;

    /**
     * @param simulated the simulated reader, also present in {@code sources}, or null without simulation
     */
    public AgentVerticle(AgentOptions options, OriginPolicy originPolicy, List<ReaderSource> sources,
            SimulatedReaderSource simulated) {
        this.options = options;
        this.originPolicy = originPolicy;
        this.sources = List.copyOf(sources);
        this.simulated = simulated;
    }

    @Override
    public void start(Promise<Void> startPromise) {
        directory = new ReaderDirectory(sources, event -> {
            if (!stopping) {
                context.runOnContext(v -> onReaderEvent(event));
            }
        });
        handlers = new RequestHandlers(vertx, directory, leases, simulated, options.logApduData(),
                options.maxBatch(), options.commandTimeout());
        HttpServerOptions serverOptions = new HttpServerOptions()
                .setMaxWebSocketMessageSize(MAX_MESSAGE_BYTES)
                .setMaxWebSocketFrameSize(MAX_MESSAGE_BYTES)
                .setPerMessageWebSocketCompressionSupported(false)
                .setPerFrameWebSocketCompressionSupported(false);
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
     * Checks a handshake before anything else happens on the connection: path, Host, Origin. Only a page
     * of an allowed origin, which the user put on the list, gets a WebSocket.
     */
    private void onHandshake(ServerWebSocketHandshake handshake) {
        String remote = String.valueOf(handshake.remoteAddress());
        if (!"/".equals(handshake.path())) {
            handshake.reject(404);
            return;
        }
        // Defence in depth against DNS rebinding: a page that rebinds its own name to 127.0.0.1 still
        // sends that name in Host (and its own origin, which the next check refuses anyway).
        HostAndPort authority = handshake.authority();
        if (authority == null || !LOOPBACK_HOST_NAMES.contains(authority.host().toLowerCase())) {
            LOG.warning("refused WebSocket from " + remote + ": Host " + authority + " is not a loopback name");
            handshake.reject(403);
            return;
        }
        OriginPolicy.Decision decision = originPolicy.check(handshake.headers().get("Origin"));
        if (!decision.allowed()) {
            LOG.warning("refused WebSocket from " + remote + ": " + decision.reason()
                    + " (the user can add an origin with `cardsync-agent allow-origin ORIGIN`)");
            handshake.reject(403);
            return;
        }
        handshake.accept();
    }

    private void onWebSocket(ServerWebSocket ws) {
        PageSocket page = new PageSocket(ws, Page.connected(++pageCounter, ws.headers().get("Origin"), leases),
                handlers);
        pages.add(page);
        LOG.info("page connected: " + page);
        ws.closeHandler(v -> {
            pages.remove(page);
            page.close();
            LOG.info("page disconnected: " + page);
        });
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
