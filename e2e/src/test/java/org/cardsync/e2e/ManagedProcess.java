package org.cardsync.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A program the tests start as its own operating-system process, with its output in a log file under
 * target/, ended by its PID: politely first, then forcibly.
 */
final class ManagedProcess implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);

    private final String name;
    private final Process process;
    private final Path log;
    private final Thread killOnExit;

    private ManagedProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        // Should the test JVM die without running @AfterAll, this process must not outlive it.
        this.killOnExit = new Thread(process::destroyForcibly, "e2e-kill-" + name);
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    static ManagedProcess start(String name, List<String> command, Path workDir, Path log) throws IOException {
        return start(name, command, Map.of(), workDir, log);
    }

    /** Starts with {@code environment} added to (and overriding) the test JVM's environment. */
    static ManagedProcess start(String name, List<String> command, Map<String, String> environment, Path workDir,
            Path log) throws IOException {
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        Process process = builder
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .start();
        return new ManagedProcess(name, process, log);
    }

    /** The java launcher of the JVM running the tests. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    /**
     * Waits until {@code ready} holds, checking every 100 ms; fails at once if the process exits, and after
     * {@code limit}, with the end of its log in the message.
     */
    void awaitReady(String what, BooleanSupplier ready, Duration limit) {
        Instant deadline = Instant.now().plus(limit);
        while (!ready.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue() + " before "
                        + what + "; end of " + log + ":\n" + tail());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(name + " (pid " + pid() + ") not " + what + " after "
                        + limit.toSeconds() + " s; end of " + log + ":\n" + tail());
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
        }
    }

    /** Waits for the process to exit by itself and returns its exit code. */
    int awaitExit(Duration limit) throws InterruptedException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            close();
            throw new IllegalStateException(name + " did not finish within " + limit.toSeconds() + " s:\n" + tail());
        }
        return process.exitValue();
    }

    /** Whether the log contains {@code text} so far. */
    boolean logContains(String text) {
        return logText().contains(text);
    }

    String tail() {
        String text = logText();
        return text.length() <= 4000 ? text : "..." + text.substring(text.length() - 4000);
    }

    String logText() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** Ends the process by its PID with SIGKILL, as a crash would: no shutdown hook, no clean-up. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " (pid " + pid() + ") survived SIGKILL for 30 s");
        }
        close();
    }

    /** Ends the process by its PID: SIGTERM and 15 s to shut down cleanly, then SIGKILL. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException e) {
            // The JVM is shutting down already; the hook runs anyway.
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + pid() + ", log " + log + ")";
    }
}
