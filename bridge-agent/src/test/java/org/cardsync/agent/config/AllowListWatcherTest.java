package org.cardsync.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AllowListWatcherTest {

    private static final WebOrigin PORTAL = WebOrigin.parse("https://portal.example");
    private static final WebOrigin REVOKED = WebOrigin.parse("https://revoked.example");

    @TempDir
    Path configDir;

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void aReadThatFailed_isRetried_evenIfTheFileDoesNotChangeAgain() throws Exception {
        OriginStore store = new OriginStore(configDir);
        store.allow(PORTAL);
        store.allow(REVOKED);
        OriginPolicy policy = new OriginPolicy(store.load());
        AllowListWatcher.start(vertx, 50, store, policy, Set.of());

        // A hand edit caught half-written: the watcher cannot read it and keeps the old list.
        Files.writeString(store.file(), "{\"allowedOrigins\": [\"https://portal.exa");
        FileTime broken = FileTime.fromMillis(Files.getLastModifiedTime(store.file()).toMillis() + 10_000);
        Files.setLastModifiedTime(store.file(), broken);
        Thread.sleep(500);
        assertThat(policy.check(REVOKED.toString()).allowed()).isTrue();

        // The edit completes within the same timestamp (coarse file system clocks): the revocation must apply.
        Files.writeString(store.file(), "{\"allowedOrigins\": [\"https://portal.example\"]}");
        Files.setLastModifiedTime(store.file(), broken);
        for (int i = 0; i < 100 && policy.check(REVOKED.toString()).allowed(); i++) {
            Thread.sleep(50);
        }
        assertThat(policy.allowed()).containsExactly(PORTAL);
    }
}
