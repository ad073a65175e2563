package org.cardsync.loadgen.http;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
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
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1));
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true)
                .setConnectTimeout((int) TimeUnit.SECONDS.toMillis(5)),
                new PoolOptions().setHttp1MaxSize(Math.max(1, connections)));
    }

    /**
     * Who is told, on the caller's thread, when an exchange has waited 10 s (the caller then waits
     * on until 30 s): the moment to look at both ends while the request is still stuck.
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
        CompletableFuture<Answer> answer = client.request(options)
                .compose(request -> {
                    sent.set(request);
                    stage.set("sent, no answer yet");
                    return json == null ? request.send() : request.send(Buffer.buffer(json));
                })
                .compose(response -> {
                    stage.set("answer's head received (" + response.statusCode() + "), its body not yet");
                    return response.body().map(body -> new Answer(response.statusCode(),
                        body.toString(), response.cookies()));
                })
                .toCompletionStage().toCompletableFuture();
        String what = method + " " + path;
        try {
            try {
                return answer.get(stallAfter.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException stalled) {
                stallListener.accept(new Stall(what, started, stage.get(), connection(sent.get())));
                return answer.get(timeout.minus(stallAfter).toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            HttpClientRequest request = sent.get();
            if (request != null) {
                // frees the connection (closed, not returned to the pool with an answer still owed on it)
                request.reset();
            }
            throw new IllegalStateException(what + " had no answer within " + timeout.toSeconds() + " s (" + stage.get()
                    + ") on " + connection(request), e);
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
