package org.cardsync.e2e;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The packaged bridge agent (its shaded jar) with the simulated demo card and no PC/SC, on a free port,
 * with its config and data directories in a fresh directory of this run: the allow-list holds the
 * origin the test allows through the agent's own {@code allow-origin} command, as a user would do it,
 * and the simulated card starts as issued.
 */
final class BridgeAgent implements AutoCloseable {

    private final ManagedProcess process;
    private final int port;

    private BridgeAgent(ManagedProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    static BridgeAgent start(Path jar, Path outputDir, String allowedOrigin) throws IOException, InterruptedException {
        return start(jar, outputDir, allowedOrigin, true);
    }

    /**
     * @param simulated true: the simulated demo card and no PC/SC; false: the PC/SC readers of this machine only
     */
    static BridgeAgent start(Path jar, Path outputDir, String allowedOrigin, boolean simulated)
            throws IOException, InterruptedException {
        return start(jar, outputDir, allowedOrigin, simulated, List.of(), simulated ? "agent" : "agent-pcsc");
    }

    /**
     * @param runOptions more options of {@code cardsync-agent run}: {@code --allow-origin} for this run only,
     *     {@code --card-file} for another simulated card
     * @param name the log's name under e2e-logs/
     */
    static BridgeAgent start(Path jar, Path outputDir, String allowedOrigin, boolean simulated, List<String> runOptions,
            String name) throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no bridge agent at " + jar + ": build it first (./mvnw -pl bridge-agent"
                    + " -am package -DskipTests) or run the whole build (./mvnw verify)");
        }
        Path home = Files.createTempDirectory(Files.createDirectories(outputDir.resolve("agent-home")), "run-");
        Path config = home.resolve("config");
        Path data = home.resolve("data");
        Path logs = outputDir.resolve("e2e-logs");

        ManagedProcess allow = ManagedProcess.start("agent allow-origin", List.of(
                ManagedProcess.java(), "-jar", jar.toString(),
                "allow-origin", allowedOrigin, "--config-dir", config.toString()),
                home, logs.resolve("agent-allow-origin.log"));
        int exit = allow.awaitExit(Duration.ofSeconds(60));
        if (exit != 0) {
            throw new IllegalStateException("cardsync-agent allow-origin exited with " + exit + ":\n" + allow.tail());
        }

        int port = FreePort.find();
        List<String> command = new java.util.ArrayList<>(List.of(ManagedProcess.java(), "-jar", jar.toString(), "run"));
        if (simulated) {
            command.addAll(List.of("--simulated-card", "--no-pcsc"));
        }
        command.addAll(List.of("--port", String.valueOf(port), "--config-dir", config.toString(),
                "--data-dir", data.toString()));
        command.addAll(runOptions);
        ManagedProcess process = ManagedProcess.start(name, command, home, logs.resolve(name + ".log"));
        return new BridgeAgent(process, port);
    }

    void awaitReady() {
        awaitListening(process, port);
    }

    /** Until the agent process logged that it listens on {@code port} and a connection to it succeeds. */
    static void awaitListening(ManagedProcess process, int port) {
        process.awaitReady("listening on 127.0.0.1:" + port, () -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
                return true;
            } catch (IOException e) {
                return false;
            }
        }, Duration.ofSeconds(60));
    }

    int port() {
        return port;
    }

    /** What the page's {@code ?agent=} parameter says. */
    String url() {
        return "ws://127.0.0.1:" + port;
    }

    /** The test's own connection to this agent, as a page of {@code origin}. */
    AgentControl control(String origin) {
        return AgentControl.open(url(), origin);
    }

    /** The file the agent's output (stdout and stderr) goes to. */
    Path logPath() {
        return process.log();
    }

    /** The agent's log so far. */
    String log() {
        return process.logText();
    }

    void awaitLog(String text, Duration limit) {
        process.awaitReady("logging \"" + text + "\"", () -> process.logContains(text), limit);
    }

    @Override
    public void close() {
        process.close();
    }

    @Override
    public String toString() {
        return "agent " + url() + " " + process;
    }
}
