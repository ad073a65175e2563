package org.cardsync.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * PostgreSQL as {@code ./scripts/run} starts it: the packaged dev-postgres launcher (dev-postgres/target) as
 * its own process, on a data directory that outlives it, on a free port it writes to a file once ready, with the
 * backend's password in a file beside the data directory.
 */
public final class PostgresServer implements AutoCloseable {

    private final ManagedProcess launcher;
    private final Path dataDirectory;
    private int port;

    private PostgresServer(ManagedProcess launcher, Path dataDirectory) {
        this.launcher = launcher;
        this.dataDirectory = dataDirectory;
    }

    /** Starts the launcher on {@code dataDirectory} (created on first use, reused after that) and waits until ready. */
    public static PostgresServer start(Path dataDirectory, Path log) throws IOException {
        return start(dataDirectory, log, 0);
    }

    /**
     * As {@link #start(Path, Path)}, on {@code port} (0: a free one). With this server's {@link #dataDirectory()} and
     * {@link #port()} after {@link #close()}, it is an operator's restart: the backends keep their JDBC URL.
     */
    public static PostgresServer start(Path dataDirectory, Path log, int port) throws IOException {
        Path jar = Path.of(System.getProperty("e2e.postgresJar", "../dev-postgres/target/cardsync-dev-postgres.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no dev-postgres launcher at " + jar + ": build it first (./mvnw -pl"
                    + " dev-postgres package -DskipTests) or run the whole build (./mvnw verify)");
        }
        Path portFile = dataDirectory.resolveSibling(dataDirectory.getFileName() + ".port");
        Files.deleteIfExists(portFile);
        ManagedProcess launcher = ManagedProcess.start("postgres", List.of(
                ManagedProcess.java(), "-jar", jar.toAbsolutePath().toString(),
                "--data-dir", dataDirectory.toAbsolutePath().toString(),
                "--port", Integer.toString(port),
                "--port-file", portFile.toAbsolutePath().toString()),
                Files.createDirectories(dataDirectory.toAbsolutePath().getParent()), log);
        PostgresServer server = new PostgresServer(launcher, dataDirectory);
        try {
            launcher.awaitReady("ready (port file " + portFile + ")", () -> Files.exists(portFile), Duration.ofSeconds(120));
            server.port = Integer.parseInt(Files.readString(portFile, StandardCharsets.US_ASCII).trim());
        } catch (IOException | RuntimeException e) {
            launcher.close();
            throw e;
        }
        return server;
    }

    public int port() {
        return port;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** The system properties that point the packaged backend at this server, as the backend's own role. */
    List<String> backendProperties() {
        return List.of(
                "-Dquarkus.datasource.jdbc.url=jdbc:postgresql://127.0.0.1:" + port + "/cardsync",
                "-Dquarkus.datasource.username=cardsync");
    }

    /**
     * The backend's password, from the file the launcher wrote beside the data directory, for the backend's
     * environment as ./scripts/run gives it (not its command line, which every local user can read).
     */
    Map<String, String> backendEnvironment() throws IOException {
        return Map.of("QUARKUS_DATASOURCE_PASSWORD", password());
    }

    /**
     * A JDBC connection as the backend's own role, for what a test does behind the backend's back as an operator
     * would (e.g. restoring an older row, as a restored backup does).
     */
    public Connection connect() throws IOException, SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/cardsync", "cardsync", password());
    }

    /**
     * A JDBC connection to {@code database} as the superuser, as an operator's psql: for what the backend's own role
     * may not do, such as backing up and restoring the whole database.
     */
    public Connection connectAsSuperuser(String database) throws IOException, SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, "postgres",
                readSibling(".superuser.password"));
    }

    private String password() throws IOException {
        return readSibling(".password");
    }

    private String readSibling(String suffix) throws IOException {
        Path file = dataDirectory.resolveSibling(dataDirectory.getFileName() + suffix);
        return Files.readString(file, StandardCharsets.US_ASCII).strip();
    }

    /**
     * A power cut as PostgreSQL sees it: SIGKILL to the launcher, the postmaster and every PostgreSQL process
     * at once, so nothing gets to flush or shut down. Waits until they are all gone.
     */
    public void crash() throws IOException, InterruptedException {
        long postmasterPid = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());
        List<ProcessHandle> all = new ArrayList<>();
        ProcessHandle.of(postmasterPid).ifPresent(postmaster -> {
            all.add(postmaster);
            all.addAll(postmaster.descendants().collect(Collectors.toList()));
        });
        launcher.kill();
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : all) {
            try {
                p.onExit().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("PostgreSQL process " + p.pid() + " survived SIGKILL", e);
            }
        }
    }

    /** Stops PostgreSQL cleanly (SIGTERM to the launcher). */
    @Override
    public void close() {
        launcher.close();
    }

    @Override
    public String toString() {
        return "PostgreSQL on port " + port + ", data in " + dataDirectory + ", " + launcher;
    }
}
