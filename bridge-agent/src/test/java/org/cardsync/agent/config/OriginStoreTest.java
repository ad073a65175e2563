package org.cardsync.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OriginStoreTest {

    @TempDir
    Path configDir;

    @Test
    void withoutAFile_theBackendsDefaultOriginsAreAllowed() throws IOException {
        assertThat(new OriginStore(configDir).load()).containsExactlyInAnyOrderElementsOf(OriginStore.DEFAULT_ORIGINS);
    }

    @Test
    void runOrigins_withoutAFile_replaceTheDefaults() throws IOException {
        // `run --allow-origin http://localhost:5173` must not leave http://localhost:8080 open as well.
        WebOrigin dev = WebOrigin.parse("http://localhost:5173");
        assertThat(new OriginStore(configDir).effective(Set.of(dev))).containsExactly(dev);
        assertThat(new OriginStore(configDir).effective(Set.of()))
                .containsExactlyInAnyOrderElementsOf(OriginStore.DEFAULT_ORIGINS);
    }

    @Test
    void runOrigins_withAFile_addToTheUsersList() throws IOException {
        OriginStore store = new OriginStore(configDir);
        WebOrigin portal = WebOrigin.parse("https://portal.example");
        store.allow(portal);
        WebOrigin dev = WebOrigin.parse("http://localhost:5173");
        assertThat(store.effective(Set.of(dev))).containsExactlyInAnyOrder(portal, dev);
    }

    @Test
    void allowThenRevoke_persistsInAnOwnerOnlyFile() throws IOException {
        OriginStore store = new OriginStore(configDir);
        assertThat(store.allow(WebOrigin.parse("https://portal.example"))).isTrue();
        assertThat(store.allow(WebOrigin.parse("https://portal.example:443"))).isFalse();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file()))).isEqualTo("rw-------");
        assertThat(store.revoke(WebOrigin.parse("https://portal.example"))).isTrue();
        assertThat(store.revoke(WebOrigin.parse("https://portal.example"))).isFalse();
        assertThat(new OriginStore(configDir).load()).isEmpty();
    }

    @Test
    void theFirstAllow_onAFreshDirectory_allowsExactlyThatOrigin() throws IOException {
        // Copying the demo defaults into the user's list would keep any local server on port 8080 allowed.
        WebOrigin portal = WebOrigin.parse("https://portal.bank.example");
        new OriginStore(configDir).allow(portal);
        assertThat(new OriginStore(configDir).load()).containsExactly(portal);
        assertThat(new OriginStore(configDir).effective(Set.of())).containsExactly(portal);
    }

    @Test
    void fileWithAnInvalidOrigin_isRefusedRatherThanHalfRead() throws IOException {
        Files.writeString(configDir.resolve("allowed-origins.json"), "{\"allowedOrigins\":[\"https://a.example/x\"]}");
        assertThatThrownBy(() -> new OriginStore(configDir).load()).hasMessageContaining("not a valid allow-list");
    }

    @Test
    void directories_followXdgAndIgnoreRelativeValues() {
        AgentDirectories xdg = AgentDirectories.resolve(Map.of("XDG_CONFIG_HOME", "/c", "XDG_DATA_HOME", "/d"),
                "/home/u", "Linux");
        assertThat(xdg.config()).isEqualTo(Path.of("/c/cardsync-agent"));
        assertThat(xdg.data()).isEqualTo(Path.of("/d/cardsync-agent"));
        AgentDirectories fallback = AgentDirectories.resolve(Map.of("XDG_DATA_HOME", "relative"), "/home/u", "Linux");
        assertThat(fallback.config()).isEqualTo(Path.of("/home/u/.config/cardsync-agent"));
        assertThat(fallback.data()).isEqualTo(Path.of("/home/u/.local/share/cardsync-agent"));
    }
}
