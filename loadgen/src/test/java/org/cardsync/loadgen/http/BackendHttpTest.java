package org.cardsync.loadgen.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The load generator's client when the backend keeps an answer back: the stall is reported while the request is still
 * waiting, the run gets a clear error once it gives up, and the connection is not handed to the next request with
 * the old answer still owed on it.
 */
class BackendHttpTest {
    private HttpServer server;
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/held", exchange -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer(exchange, "{\"late\":true}");
        });
        server.createContext("/ok", exchange -> answer(exchange, "{\"ok\":true}"));
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    @Test
    void aHeldAnswerIsReportedAsAStallThenFailsTheExchangeAndTheNextRequestStillGetsItsOwn() {
        URI backend = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        List<BackendHttp.Stall> stalls = new CopyOnWriteArrayList<>();
        try (BackendHttp http = new BackendHttp(backend, 1, Duration.ofSeconds(2), Duration.ofSeconds(4))) {
            http.onStall(stalls::add);

            assertThatThrownBy(() -> http.post("/held", "{}"))
                    .hasMessageContaining("POST /held had no answer within 4 s")
                    .hasMessageContaining("sent, no answer yet");
            assertThat(stalls).singleElement().satisfies(stall -> {
                assertThat(stall.request()).isEqualTo("POST /held");
                assertThat(stall.stage()).isEqualTo("sent, no answer yet");
                assertThat(stall.connection()).contains(":" + backend.getPort());
            });

            // one connection in the pool, and the server still holds the first answer: the next request is answered
            // only if the held exchange gave its connection up rather than keeping the pool's one slot
            BackendHttp.Answer next = http.get("/ok");
            assertThat(next.status()).isEqualTo(200);
            assertThat(next.body()).isEqualTo("{\"ok\":true}");
            assertThat(stalls).hasSize(1);
        }
    }

    @Test
    void aStallListenerThatFailsChangesNothingForTheRequest_itsLateAnswerStillArrives() throws Exception {
        URI backend = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        try (BackendHttp http = new BackendHttp(backend, 1, Duration.ofSeconds(1), Duration.ofSeconds(20))) {
            http.onStall(stall -> {
                release.countDown(); // the server answers now
                throw new IllegalStateException("a broken diagnostic");
            });

            BackendHttp.Answer late = http.post("/held", "{}");

            assertThat(late.status()).isEqualTo(200);
            assertThat(late.body()).isEqualTo("{\"late\":true}");
        }
    }

    private static void answer(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        } catch (IOException closed) {
            // the client reset the held exchange: nobody is left to read it
        }
    }
}
