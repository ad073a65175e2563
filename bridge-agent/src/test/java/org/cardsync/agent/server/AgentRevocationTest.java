package org.cardsync.agent.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.cardsync.agent.config.AllowListWatcher;
import org.cardsync.agent.config.OriginStore;
import org.cardsync.agent.config.WebOrigin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `revoke-origin` while a page of that origin is connected: the page loses its socket, and the card. */
class AgentRevocationTest {

    @TempDir
    Path stateDir;

    @TempDir
    Path configDir;

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void revokingAnOriginOnDisk_closesItsOpenPagesWith1008_andKeepsTheOthers() throws Exception {
        AgentFixture agent = AgentFixture.deploy(vertx, stateDir).toCompletionStage().toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        OriginStore store = new OriginStore(configDir);
        store.allow(WebOrigin.parse(AgentFixture.ALLOWED_ORIGIN));
        store.allow(WebOrigin.parse("https://portal.example"));
        AllowListWatcher.start(vertx, 100, store, agent.originPolicy(), Set.of());

        AgentClient revoked = await(agent.page(vertx));
        AgentClient kept = await(AgentClient.connect(vertx, agent.port(), "https://portal.example"));
        await(revoked.call("connect", new JsonObject().put("reader", AgentFixture.READER)));
        Promise<Short> closed = Promise.promise();
        revoked.webSocket().closeHandler(v -> closed.tryComplete(revoked.webSocket().closeStatusCode()));

        store.revoke(WebOrigin.parse(AgentFixture.ALLOWED_ORIGIN));

        assertThat(await(closed.future())).isEqualTo(AgentVerticle.ORIGIN_REVOKED);
        // The reader is let go (the card reset, which takes a moment): the page still allowed can take it.
        JsonObject reply = null;
        for (int attempt = 0; attempt < 100; attempt++) {
            reply = await(kept.request("connect", new JsonObject().put("reader", AgentFixture.READER)));
            if (!"READER_BUSY".equals(reply.getJsonObject("payload").getString("code"))) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(reply.getString("type")).as(reply.encode()).isEqualTo("connect");
        // A new handshake of the revoked origin is refused.
        assertThat(agent.originPolicy().check(AgentFixture.ALLOWED_ORIGIN).allowed()).isFalse();
    }

    @Test
    void aRevokedPageThatIgnoresTheCloseFrame_getsNoFurtherCommandRun_andLosesItsSocket() throws Exception {
        AgentFixture agent = AgentFixture.deploy(vertx, stateDir).toCompletionStage().toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        try (RawClient page = new RawClient(agent.port())) {
            assertThat(page.handshake(AgentFixture.ALLOWED_ORIGIN)).isEqualTo(101);
            page.frame(RawClient.TEXT, true, request("c", "connect",
                    "{\"reader\":\"" + AgentFixture.READER + "\"}"));
            assertThat(page.readText()).contains("\"type\":\"connect\"", "\"id\":\"c\"");

            agent.originPolicy().replace(Set.of(WebOrigin.parse("https://portal.example")));
            assertThat(page.closeStatus()).isEqualTo(AgentVerticle.ORIGIN_REVOKED);

            // A program (not a browser) does not answer the close and goes on: the command must not run.
            page.frame(RawClient.TEXT, true, request("late", "sim-remove", "{}"));
            // Nothing more comes back (no reply, no card event), and the agent ends the connection.
            assertThat(page.endedByPeer()).isTrue();
        }
        assertThat(agent.simulated().list().get(0).cardPresent()).as("the late sim-remove ran").isTrue();
    }

    @Test
    void aHandshakeInFlightWhenItsOriginIsRevoked_isRefused() throws Exception {
        CountDownLatch lookupStarted = new CountDownLatch(1);
        CountDownLatch revoked = new CountDownLatch(1);
        PeerOwners slowLookup = (peer, local) -> {
            lookupStarted.countDown();
            try {
                revoked.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return PeerOwners.Verdict.same("the test's own user");
        };
        AgentFixture agent = await(AgentFixture.deploy(vertx, stateDir, new ConnectionPolicy(slowLookup,
                ConnectionPolicy.DEFAULT_HANDSHAKE_TIMEOUT, ConnectionPolicy.DEFAULT_REFUSAL_LOG_INTERVAL)));
        try (RawClient page = new RawClient(agent.port())) {
            CompletableFuture<Integer> status = CompletableFuture.supplyAsync(() -> {
                try {
                    return page.handshake(AgentFixture.ALLOWED_ORIGIN);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            assertThat(lookupStarted.await(30, TimeUnit.SECONDS)).isTrue();
            // The revocation lands while the owner lookup runs: the open pages were closed, this one is not open yet.
            agent.originPolicy().replace(Set.of(WebOrigin.parse("https://portal.example")));
            revoked.countDown();
            assertThat(status.get(30, TimeUnit.SECONDS)).isEqualTo(403);
        }
    }

    private static byte[] request(String id, String type, String payload) {
        return ("{\"v\":1,\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"payload\":" + payload + "}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static <T> T await(io.vertx.core.Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
