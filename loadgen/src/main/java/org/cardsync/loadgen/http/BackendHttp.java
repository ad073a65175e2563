package org.cardsync.loadgen.http;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The load generator's one HTTP client to the backend: Vert.x 5 on a single event loop, with a keep-alive
 * connection per terminal. Callers block on the answer (a terminal is sequential: card, server, card), the
 * event loop does the I/O. Chosen over the JDK's HttpClient because it measured cheaper per request (see
 * docs/performance.md, "Card sessions against pgbench"), and the load generator's CPU is counted next to the
 * backend's.
 */
public final class BackendHttp implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** An exchange still without its answer after this long is reported to the stall listener (once). */
    private static final Duration STALL = Duration.ofSeconds(10);

    private final Vertx vertx;
    private final HttpClientAgent client;
    private final String host;
    private final int port;
    private final Duration stallAfter;
    private final Duration timeout;
    private volatile Consumer<Stall> stallListener = stall -> { };

    /**
     * An exchange that has waited 10 s for its answer: what was asked, since when, how far it got,
     * and on which connection (the client's and the server's address; "not connected" while the request still waits for one).
     */
    public record Stall(String request, long startedNanos, String stage, String connection) {
    }

    /** An answer: status, body, and the cookies it set ({@code name=value}, attributes dropped). */
    public record Answer(int status, String body, List<String> cookies) {
    }

    public BackendHttp(URI backend, int connections) {
        this(backend, connections, STALL, TIMEOUT);
    }

    /** With other waits than the load generator's (10 s to a stall report, 30 s to give up): for tests. */
    BackendHttp(URI backend, int connections, Duration stallAfter, Duration timeout) {
        if (!"http".equals(backend.getScheme()) || backend.getHost() == null || backend.getPort() < 0) {
            throw new IllegalArgumentException("--backend must be http://HOST:PORT, not " + backend);
        }
        this.host = backend.getHost();
        this.port = backend.getPort();
        this.stallAfter = stallAfter;
        this.timeout = timeout;
        // one event loop: exchange() relies on it (see there)
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1));
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true)
                .setConnectTimeout((int) TimeUnit.SECONDS.toMillis(5)),
                new PoolOptions().setHttp1MaxSize(Math.max(1, connections)));
    }

    /**
     * Who is told, on the caller's thread, when an exchange has waited 10 s (the caller then waits on until 30 s
     * from the request's start): the moment to look at both ends while the request is still stuck. The listener must
     * return at once (hand the work to a thread of its own): the caller's wait and its latency go on meanwhile.
     */
    public void onStall(Consumer<Stall> listener) {
        this.stallListener = listener;
    }

    /** POSTs a JSON body with the given headers (name, value pairs) and waits for the whole answer. */
    public Answer post(String path, String json, String... headers) {
        return exchange(HttpMethod.POST, path, json, headers);
    }

    /** GETs a path with the given headers (name, value pairs) and waits for the whole answer. */
    public Answer get(String path, String... headers) {
        return exchange(HttpMethod.GET, path, null, headers);
    }

    private Answer exchange(HttpMethod method, String path, String json, String... headers) {
        MultiMap head = MultiMap.caseInsensitiveMultiMap();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            head.add(headers[i], headers[i + 1]);
        }
        if (json != null) {
            head.add(HttpHeaders.CONTENT_TYPE, "application/json");
        }
        RequestOptions options = new RequestOptions().setMethod(method).setHost(host).setPort(port).setURI(path)
                .setHeaders(head);
        long started = System.nanoTime();
        AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
        AtomicReference<String> stage = new AtomicReference<>("waiting for a pooled connection");
        // set by the caller once it gives up: a request that gets its connection after that is never sent (a REQUEST
        // is a card's signed message the server acts on; nobody would settle what it starts)
        AtomicBoolean abandoned = new AtomicBoolean();
        // The answer's body is asked for in the same event-loop task that learns of its head, never later: the body's
        // bytes arrive in the same read as the head, and Vert.x drops those no handler waits for (vert.x issue 5904),
        // so a body() asked for later waits forever. Hence the nesting: the response's listener is registered while
        // the request is sent, on the event loop, before any answer can be read. That holds because this client has
        // one event loop (with more, the connection's loop could read the answer while another one runs the send).
        // The flat form, a.compose(send).compose(body) built on this caller's thread, registered it after the answer
        // had come whenever this thread was descheduled between the two calls: one request in some 10^5 then "had no
        // answer" though the backend had sent it (docs/performance.md, "The lost answer").
        CompletableFuture<Answer> answer = client.request(options.setConnectTimeout(timeout.toMillis()))
                .compose(request -> {
                    sent.set(request);
                    if (abandoned.get()) {
                        request.reset();
                        return Future.failedFuture("abandoned before it was sent");
                    }
                    Future<HttpClientResponse> response = json == null ? request.send()
                            : request.send(Buffer.buffer(json));
                    stage.set("sent, no answer yet");
                    return response.compose(answered -> {
                        stage.set("answer's head received (" + answered.statusCode() + "), its body not yet");
                        return answered.body().map(body -> new Answer(answered.statusCode(), body.toString(),
                                answered.cookies()));
                    });
                })
                .toCompletionStage().toCompletableFuture();
        String what = method + " " + path;
        try {
            try {
                return answer.get(stallAfter.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException stalled) {
                tellStall(new Stall(what, started, stage.get(), connection(sent.get())));
                long left = timeout.toNanos() - (System.nanoTime() - started);
                return answer.get(Math.max(0, left), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            giveUp(abandoned, sent);
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            if (answer.isDone() && !answer.isCompletedExceptionally()) {
                return answer.join(); // it came as the wait ended
            }
            giveUp(abandoned, sent);
            throw new IllegalStateException(what + " had no answer within " + timeout.toSeconds() + " s (" + stage.get()
                    + ") on " + connection(sent.get()), e);
        }
    }

    private void tellStall(Stall stall) {
        try {
            stallListener.accept(stall);
        } catch (RuntimeException e) {
            // a diagnostic must not change the request's outcome: the caller still waits for the answer
            System.err.println("loadgen: the stall listener failed: " + e);
        }
    }

    /**
     * The caller gives up: the request, if it has its connection, is reset (the connection closed, not handed back
     * to the pool with an answer still owed on it); if it has none yet, it is marked so that it is never sent.
     */
    private static void giveUp(AtomicBoolean abandoned, AtomicReference<HttpClientRequest> sent) {
        abandoned.set(true);
        HttpClientRequest request = sent.get();
        if (request != null) {
            request.reset();
        }
    }

    private static String connection(HttpClientRequest request) {
        if (request == null || request.connection() == null) {
            return "not connected";
        }
        return request.connection().localAddress() + " -> " + request.connection().remoteAddress();
    }

    @Override
    public void close() {
        try {
            client.close().compose(v -> vertx.close()).toCompletionStage().toCompletableFuture()
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not close the HTTP client: " + e.getMessage(), e);
        }
    }
}
