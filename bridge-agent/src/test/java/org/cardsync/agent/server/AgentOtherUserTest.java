package org.cardsync.agent.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attack of a second local account: a process of another OS user connects to the agent's loopback
 * port with a forged, allowed Origin and tries to pull the card. The agent must refuse it before the
 * upgrade; the same program run as the agent's own user is let in (so the refusal is the owner check's).
 *
 * <p>Needs root, as CI runs it: it creates a system user with a random name and removes it afterwards,
 * also when the test fails.
 */
class AgentOtherUserTest {

    private static final String PYTHON = "/usr/bin/python3";

    @TempDir
    Path stateDir;

    private final Vertx vertx = Vertx.vertx();
    private final String user = "cs-peer-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    private boolean userCreated;
    private AgentFixture agent;
    private String script;

    @BeforeEach
    void setUp() throws Exception {
        assertThat(System.getProperty("os.name")).as("the peer owner test runs on Linux").containsIgnoringCase("linux");
        assertThat(Files.getAttribute(Path.of("/proc/self"), "unix:uid"))
                .as("this test creates a second OS user and so needs root (CI runs as root)").isEqualTo(0);
        assertThat(run(List.of("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", user))
                .exit).as("useradd " + user).isZero();
        userCreated = true;
        try (InputStream in = getClass().getResourceAsStream("forged-origin-page.py")) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        agent = AgentFixture.deployOnBothLoopbacks(vertx, stateDir).toCompletionStage().toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } finally {
            if (userCreated) {
                assertThat(run(List.of("userdel", user)).exit).as("userdel " + user).isZero();
            }
        }
    }

    @Test
    void anotherOsUserWithAForgedAllowedOrigin_isRefusedAndCannotTouchTheCard() throws Exception {
        String uid = run(List.of("id", "-u", user)).out.trim();
        String gid = run(List.of("id", "-g", user)).out.trim();
        Result other = run(List.of("setpriv", "--reuid=" + uid, "--regid=" + gid, "--clear-groups",
                PYTHON, "-c", script, String.valueOf(agent.port()), AgentFixture.ALLOWED_ORIGIN));
        // The same over IPv6 loopback: its sockets are in /proc/net/tcp6, a table of their own.
        Result otherV6 = run(List.of("setpriv", "--reuid=" + uid, "--regid=" + gid, "--clear-groups",
                PYTHON, "-c", script, String.valueOf(agent.port()), AgentFixture.ALLOWED_ORIGIN, "::1"));

        assertThat(other.out).as(other.toString()).contains("status 403").doesNotContain("reply");
        assertThat(otherV6.out).as(otherV6.toString()).contains("status 403").doesNotContain("reply");
        assertThat(agent.simulated().list().get(0).cardPresent()).as("the card is still in its reader").isTrue();
        // The same program as the agent's own user gets in and pulls the card: the refusal above was the
        // owner check's, not the script's.
        Result own = run(List.of(PYTHON, "-c", script, String.valueOf(agent.port()), AgentFixture.ALLOWED_ORIGIN));
        assertThat(own.out).as(own.toString()).contains("status 101", "\"cardPresent\": false");
        assertThat(agent.simulated().list().get(0).cardPresent()).isFalse();
        System.out.println("SECURITY agent-other-user: a process of another OS user (uid " + uid + ") with a forged"
                + " allowed Origin: handshake refused on 127.0.0.1 (" + other.out.trim() + ") and on [::1] ("
                + otherV6.out.trim() + "), card untouched; the same"
                + " program as the agent's user: let in");
    }

    private record Result(int exit, String out) {
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(String.join(" ", command) + " finished").isTrue();
        return new Result(p.exitValue(), out);
    }
}
