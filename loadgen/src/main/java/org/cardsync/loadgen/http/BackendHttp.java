package org.cardsync.loadgen.http;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The load generator's one HTTP client to the backend: Vert.x 5 on a single event loop, with a keep-alive
 * connection per terminal. Callers block on the answer (a terminal is sequential: card, server, card), the
 * event loop does the I/O. Chosen over the JDK's HttpClient because it measured cheaper per request (see
 * docs/performance.md, "Card sessions against pgbench"), and the load generator's CPU is counted next to the
 * backend's.
 */
public final class BackendHttp implements AutoCloseable {
    private static final long TIMEOUT_SECONDS = 30;

    private final Vertx vertx;
    private final HttpClientAgent client;
    private final String host;
    private final int port;

    /** An answer: status, body, and the cookies it set ({@code name=value}, attributes dropped). */
    public record Answer(int status, String body, List<String> cookies) {
    }

    public BackendHttp(URI backend, int connections) {
        if (!"http".equals(backend.getScheme()) || backend.getHost() == null || backend.getPort() < 0) {
            throw new IllegalArgumentException("--backend must be http://HOST:PORT, not " + backend);
        }
        this.host = backend.getHost();
        this.port = backend.getPort();
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1));
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true)
                .setConnectTimeout((int) TimeUnit.SECONDS.toMillis(5)),
                new PoolOptions().setHttp1MaxSize(Math.max(1, connections)));
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
        try {
            return client.request(options)
                    .compose(request -> json == null ? request.send() : request.send(Buffer.buffer(json)))
                    .compose(response -> response.body().map(body -> new Answer(response.statusCode(),
                            body.toString(), response.cookies())))
                    .toCompletionStage().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " " + path + " interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(method + " " + path + " had no answer within " + TIMEOUT_SECONDS + " s", e);
        }
    }

    @Override
    public void close() {
        try {
            client.close().compose(v -> vertx.close()).toCompletionStage().toCompletableFuture()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not close the HTTP client: " + e.getMessage(), e);
        }
    }
}
