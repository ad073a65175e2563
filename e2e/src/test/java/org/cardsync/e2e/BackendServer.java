package org.cardsync.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The packaged backend (backend/target/quarkus-app) in its demo profile, on a free port, on PostgreSQL started
 * by the run command's own launcher: the demo users and the demo card, seeded into a fresh database.
 */
public final class BackendServer implements AutoCloseable {

    private final ManagedProcess process;
    private final int port;
    /** The database this backend started for itself and stops with itself; null when given one. */
    private final PostgresServer ownDatabase;

    private BackendServer(ManagedProcess process, int port, PostgresServer ownDatabase) {
        this.process = process;
        this.port = port;
        this.ownDatabase = ownDatabase;
    }

    /** Starts a fresh PostgreSQL under target/ and the backend on it; {@link #awaitReady()} waits for it. */
    static BackendServer start(Path jar, Path outputDir) throws IOException {
        return start(jar, outputDir, List.of(), "backend");
    }

    /**
     * As {@link #start(Path, Path)}, with {@code properties} ({@code -Dkey=value}) added to the backend's command;
     * its log is e2e-logs/{@code name}.log, its database's {@code name}-postgres.log.
     */
    static BackendServer start(Path jar, Path outputDir, List<String> properties, String name) throws IOException {
        Path dataDirectory = Files.createTempDirectory(Files.createDirectories(outputDir), "postgres-").resolve("data");
        String databaseLog = "backend".equals(name) ? "postgres" : name + "-postgres";
        PostgresServer database = PostgresServer.start(dataDirectory, outputDir.resolve("e2e-logs/" + databaseLog + ".log"));
        try {
            return start(jar, outputDir, database, name, database, properties);
        } catch (IOException | RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** Starts the backend on {@code database}, which the caller stops; its log is e2e-logs/{@code name}.log. */
    static BackendServer start(Path jar, Path outputDir, PostgresServer database, String name) throws IOException {
        return start(jar, outputDir, database, name, null, List.of());
    }

    /**
     * As {@link #start(Path, Path, PostgresServer, String)} with {@code properties} ({@code -Dkey=value}) added: one
     * of several instances on one database.
     */
    public static BackendServer start(Path jar, Path outputDir, PostgresServer database, String name,
            List<String> properties) throws IOException {
        return start(jar, outputDir, database, name, null, properties, 0);
    }

    /**
     * As {@link #start(Path, Path, PostgresServer, String, List)} on {@code port}, the caller's choice: e.g. the port an
     * instance keeps across restarts, as a supervisor restarts it behind a load balancer.
     */
    public static BackendServer start(Path jar, Path outputDir, PostgresServer database, String name,
            List<String> properties, int port) throws IOException {
        return start(jar, outputDir, database, name, null, properties, port);
    }

    private static BackendServer start(Path jar, Path outputDir, PostgresServer database, String name,
            PostgresServer ownDatabase, List<String> properties) throws IOException {
        return start(jar, outputDir, database, name, ownDatabase, properties, 0);
    }

    private static BackendServer start(Path jar, Path outputDir, PostgresServer database, String name,
            PostgresServer ownDatabase, List<String> properties, int fixedPort) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no backend at " + jar + ": build it first (./mvnw -pl backend -am"
                    + " package -DskipTests) or run the whole build (./mvnw verify)");
        }
        int port = fixedPort != 0 ? fixedPort : FreePort.find();
        Path workDir = Files.createDirectories(outputDir.resolve("backend-work"));
        List<String> command = new ArrayList<>(List.of(ManagedProcess.java(),
                "-Dquarkus.profile=demo",
                "-Dquarkus.http.port=" + port));
        command.addAll(database.backendProperties());
        command.addAll(properties);
        command.addAll(List.of("-jar", jar.toString()));
        ManagedProcess process = ManagedProcess.start(name, command, database.backendEnvironment(), workDir,
                outputDir.resolve("e2e-logs/" + name + ".log"));
        return new BackendServer(process, port, ownDatabase);
    }

    public void awaitReady() {
        awaitHealthReady(process, port);
    }

    /** Waits until the backend {@code process} started on {@code port} answers /q/health/ready with 200. */
    static void awaitHealthReady(ManagedProcess process, int port) {
        String baseUrl = "http://localhost:" + port;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(baseUrl + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        process.awaitReady("ready on " + baseUrl, () -> {
            try {
                return http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }, Duration.ofSeconds(120));
    }

    int port() {
        return port;
    }

    /** The origin the tests allow on the agent: the page served by the backend as {@code localhost}. */
    public String baseUrl() {
        return "http://localhost:" + port;
    }

    /**
     * The same backend under another origin: {@code 127.0.0.1} instead of {@code localhost} is another
     * origin to a browser, and the agent was told to allow only the first.
     */
    String foreignBaseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The file the backend's output (stdout and stderr) goes to. */
    public Path logPath() {
        return process.log();
    }

    /** The backend's log so far (e.g. to see that its LISTEN connection came back). */
    public String logText() {
        return process.logText();
    }

    /** SIGKILL, as a crash would: whatever the backend had not committed is gone. */
    public void crash() throws InterruptedException {
        process.kill();
    }

    @Override
    public void close() {
        try {
            process.close();
        } finally {
            if (ownDatabase != null) {
                ownDatabase.close();
            }
        }
    }

    @Override
    public String toString() {
        return "backend " + baseUrl() + " " + process;
    }
}
