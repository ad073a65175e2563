package org.cardsync.agent.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The handshake is where a page of another site is stopped, before it can send a single message. */
@ExtendWith(VertxExtension.class)
class AgentHandshakeTest {

    @TempDir
    Path stateDir;

    @Test
    void hello_fromAllowedOrigin_reportsAgentAndProtocolVersion(Vertx vertx, VertxTestContext ctx) {
        AgentFixture.deploy(vertx, stateDir)
                .compose(agent -> agent.page(vertx))
                .compose(page -> page.request("hello"))
                .onComplete(ctx.succeeding(reply -> ctx.verify(() -> {
                    assertThat(reply.getInteger("v")).isEqualTo(1);
                    assertThat(reply.getString("type")).isEqualTo("hello");
                    assertThat(reply.getString("id")).isEqualTo("r1");
                    assertThat(reply.getJsonObject("payload").getString("agent")).isEqualTo("cardsync-bridge-agent");
                    assertThat(reply.getJsonObject("payload").getInteger("protocolVersion")).isEqualTo(1);
                    assertThat(reply.getJsonObject("payload").getBoolean("simulation")).isTrue();
                    assertThat(reply.getJsonObject("payload").getString("origin")).isEqualTo("http://localhost:8080");
                    ctx.completeNow();
                })));
    }

    @Test
    void handshake_fromAllowedOriginWithDefaultPortWritten_isAccepted(Vertx vertx, VertxTestContext ctx) {
        AgentFixture.deploy(vertx, stateDir)
                .compose(agent -> AgentClient.connect(vertx, agent.port(), "https://portal.example:443"))
                .compose(page -> page.call("hello", null))
                .onComplete(ctx.succeedingThenComplete());
    }

    @Test
    void handshake_fromForeignOrigin_isRefusedWith403(Vertx vertx, VertxTestContext ctx) {
        expectRefused(vertx, ctx, "https://evil.example");
    }

    @Test
    void handshake_fromAllowedHostOnAnotherPort_isRefused(Vertx vertx, VertxTestContext ctx) {
        expectRefused(vertx, ctx, "http://localhost:8081");
    }

    @Test
    void handshake_fromAllowedHostWithOtherScheme_isRefused(Vertx vertx, VertxTestContext ctx) {
        expectRefused(vertx, ctx, "http://portal.example");
    }

    @Test
    void handshake_fromLookAlikeOriginWithPath_isRefused(Vertx vertx, VertxTestContext ctx) {
        expectRefused(vertx, ctx, "http://localhost:8080/");
    }

    @Test
    void handshake_withOpaqueNullOrigin_isRefused(Vertx vertx, VertxTestContext ctx) {
        expectRefused(vertx, ctx, "null");
    }

    @Test
    void handshake_withoutOrigin_isRefused(Vertx vertx, VertxTestContext ctx) {
        expectRefused(vertx, ctx, null);
    }

    @Test
    void handshake_withRebindedHostName_isRefusedEvenFromAllowedOrigin(Vertx vertx, VertxTestContext ctx) {
        AgentFixture.deploy(vertx, stateDir)
                .compose(agent -> {
                    WebSocketConnectOptions options = AgentClient.options(agent.port(), AgentFixture.ALLOWED_ORIGIN);
                    options.addHeader("Host", "attacker.example:" + agent.port());
                    return AgentClient.connect(vertx, options);
                })
                .onComplete(ctx.failing(e -> ctx.verify(() -> {
                    assertThat(e).isInstanceOf(UpgradeRejectedException.class);
                    assertThat(((UpgradeRejectedException) e).getStatus()).isEqualTo(403);
                    ctx.completeNow();
                })));
    }

    @Test
    void plainHttpRequest_getsNotFoundAndNoInformation(Vertx vertx, VertxTestContext ctx) {
        AgentFixture.deploy(vertx, stateDir)
                .compose(agent -> vertx.createHttpClient().request(HttpMethod.GET, agent.port(), "127.0.0.1", "/"))
                .compose(request -> request.send())
                .compose(response -> response.body().map(body -> {
                    assertThat(response.statusCode()).isEqualTo(404);
                    assertThat(body.length()).isZero();
                    return null;
                }))
                .onComplete(ctx.succeedingThenComplete());
    }

    private void expectRefused(Vertx vertx, VertxTestContext ctx, String origin) {
        AgentFixture.deploy(vertx, stateDir)
                .compose(agent -> AgentClient.connect(vertx, agent.port(), origin))
                .onComplete(ctx.failing(e -> ctx.verify(() -> {
                    assertThat(e).isInstanceOf(UpgradeRejectedException.class);
                    assertThat(((UpgradeRejectedException) e).getStatus()).isEqualTo(403);
                    ctx.completeNow();
                })));
    }
}
