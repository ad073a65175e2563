package org.cardsync.agent.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a local program (not a browser) can send the agent: headers and frames at the byte level. Each
 * must end in a refusal or a documented close code, never be half-accepted.
 */
class AgentConnectionEdgesTest {

    private static final String HELLO = "{\"v\":1,\"id\":\"h\",\"type\":\"hello\"}";

    @TempDir
    Path stateDir;

    private Vertx vertx;
    private AgentFixture agent;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        agent = AgentFixture.deploy(vertx, stateDir).toCompletionStage().toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void rawHandshake_ofAnAllowedPage_isAcceptedAndAnswersHello() throws IOException {
        try (RawClient client = new RawClient(agent.port())) {
            assertThat(client.handshake(AgentFixture.ALLOWED_ORIGIN)).isEqualTo(101);
            client.frame(RawClient.TEXT, true, HELLO.getBytes(StandardCharsets.UTF_8));
            assertThat(client.readText()).contains("\"type\":\"hello\"", "\"id\":\"h\"");
        }
    }

    @Test
    void handshake_withAForeignOriginAfterTheAllowedOne_isRefused() throws IOException {
        try (RawClient client = new RawClient(agent.port())) {
            assertThat(client.request("GET / HTTP/1.1", "Host: 127.0.0.1:" + agent.port(),
                    "Origin: " + AgentFixture.ALLOWED_ORIGIN, "Origin: https://evil.example")).isEqualTo(403);
        }
    }

    @Test
    void handshake_withTwoHostHeaders_isRefused() throws IOException {
        try (RawClient client = new RawClient(agent.port())) {
            assertThat(client.request("GET / HTTP/1.1", "Host: 127.0.0.1:" + agent.port(),
                    "Host: attacker.example", "Origin: " + AgentFixture.ALLOWED_ORIGIN)).isIn(400, 403);
        }
    }

    @Test
    void handshake_withAnAbsoluteFormRequestLine_isRefused() throws IOException {
        try (RawClient client = new RawClient(agent.port())) {
            assertThat(client.request("GET http://127.0.0.1:" + agent.port() + "/ HTTP/1.1",
                    "Host: 127.0.0.1:" + agent.port(), "Origin: " + AgentFixture.ALLOWED_ORIGIN)).isEqualTo(400);
        }
    }

    @Test
    void aFrameOverOneMebibyte_closesWith1009() throws IOException {
        try (RawClient client = new RawClient(agent.port())) {
            assertThat(client.handshake(AgentFixture.ALLOWED_ORIGIN)).isEqualTo(101);
            client.frame(RawClient.TEXT, true, jsonOfSize(AgentVerticle.MAX_MESSAGE_BYTES + 1));
            assertThat(client.closeStatus()).isEqualTo(1009);
        }
    }

    @Test
    void aFragmentedMessageOverOneMebibyte_closesWith1009() throws IOException {
        byte[] whole = jsonOfSize(AgentVerticle.MAX_MESSAGE_BYTES + 1);
        int piece = 256 * 1024;
        try (RawClient client = new RawClient(agent.port())) {
            assertThat(client.handshake(AgentFixture.ALLOWED_ORIGIN)).isEqualTo(101);
            for (int at = 0; at < whole.length; at += piece) {
                int end = Math.min(whole.length, at + piece);
                client.frame(at == 0 ? RawClient.TEXT : RawClient.CONTINUATION, end == whole.length,
                        Arrays.copyOfRange(whole, at, end));
            }
            assertThat(client.closeStatus()).isEqualTo(1009);
        }
    }

    @Test
    void aFragmentedMessageUnderTheLimit_isAnswered() throws IOException {
        byte[] hello = HELLO.getBytes(StandardCharsets.UTF_8);
        try (RawClient client = new RawClient(agent.port())) {
            assertThat(client.handshake(AgentFixture.ALLOWED_ORIGIN)).isEqualTo(101);
            client.frame(RawClient.TEXT, false, Arrays.copyOfRange(hello, 0, 10));
            client.frame(RawClient.CONTINUATION, true, Arrays.copyOfRange(hello, 10, hello.length));
            assertThat(client.readText()).contains("\"type\":\"hello\"");
        }
    }

    @Test
    void invalidUtf8_closesWith1007() throws IOException {
        byte[] text = "{\"v\":1,\"id\":\"h\",\"type\":\"hello\",\"x\":\"??\"}".getBytes(StandardCharsets.UTF_8);
        int at = new String(text, StandardCharsets.UTF_8).indexOf("??");
        text[at] = (byte) 0xC3; // a two-byte sequence cut short
        text[at + 1] = (byte) 0x28;
        try (RawClient client = new RawClient(agent.port())) {
            assertThat(client.handshake(AgentFixture.ALLOWED_ORIGIN)).isEqualTo(101);
            client.frame(RawClient.TEXT, true, text);
            assertThat(client.closeStatus()).isEqualTo(1007);
        }
    }

    /** A JSON text message of exactly {@code size} bytes. */
    private static byte[] jsonOfSize(int size) {
        String head = "{\"v\":1,\"id\":\"big\",\"type\":\"hello\",\"payload\":{\"pad\":\"";
        String tail = "\"}}";
        return (head + "a".repeat(size - head.length() - tail.length()) + tail).getBytes(StandardCharsets.UTF_8);
    }

}
