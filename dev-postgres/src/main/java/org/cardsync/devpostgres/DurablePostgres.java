package org.cardsync.devpostgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A PostgreSQL 17 server from zonky's embedded binaries on a data directory that outlives it, set up so that
 * a commit it acknowledged survives a crash: the database the demo's backend writes to.
 *
 * <p>zonky is a test library: its builder starts PostgreSQL with {@code -F} (fsync off) and
 * {@code synchronous_commit=off}, which answer a commit before it reaches the disk. Here both are turned back
 * on explicitly, and {@link #start} checks the running server's settings before anyone may use it.
 */
public final class DurablePostgres implements AutoCloseable {
    /** The database the backend uses; created on first start. */
    public static final String DATABASE = "cardsync";
    /** zonky's initdb creates this superuser and trusts local connections (the server listens on loopback only). */
    public static final String USER = "postgres";

    /*
     * What makes an acknowledged commit durable, by PostgreSQL's own definitions (docs: "WAL configuration",
     * "Reliability"): the commit record is flushed to disk before the commit returns, and pages are written
     * whole after a checkpoint so that a torn write can be repaired from the WAL.
     */
    private static final Map<String, String> DURABILITY = Map.of(
            "fsync", "on",
            "synchronous_commit", "on",
            "full_page_writes", "on");

    private static final Duration STARTUP_LIMIT = Duration.ofSeconds(120);

    private final EmbeddedPostgres server;
    private final Path dataDirectory;

    private DurablePostgres(EmbeddedPostgres server, Path dataDirectory) {
        this.server = server;
        this.dataDirectory = dataDirectory;
    }

    /**
     * Starts PostgreSQL on {@code dataDirectory} (initialised on first use, kept afterwards) and returns once it
     * accepts connections, with the {@value #DATABASE} database present.
     *
     * @param port the TCP port on 127.0.0.1, or 0 for a free one
     * @throws IllegalStateException if a server from an earlier run still uses the directory, or if the running
     *                               server does not have the durability settings
     */
    public static DurablePostgres start(Path dataDirectory, int port) throws IOException {
        refuseWhileAnotherServerRuns(dataDirectory);
        if (port != 0) {
            refuseBusyPort(port);
        }
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                // The caller stops the server (DevPostgres on SIGTERM); a hook of zonky's own could race it.
                .setRegisterShutdownHook(false)
                .setPGStartupWait(STARTUP_LIMIT)
                .setPort(port)
                // Trust authentication (zonky's initdb) is safe only while nobody off this machine can connect.
                .setServerConfig("listen_addresses", "localhost");
        DURABILITY.forEach(builder::setServerConfig);
        DurablePostgres postgres = new DurablePostgres(builder.start(), dataDirectory);
        try {
            postgres.checkDurabilityAndCreateDatabase();
        } catch (SQLException | RuntimeException e) {
            postgres.close();
            throw new IllegalStateException("PostgreSQL on " + dataDirectory + " is not usable: " + e.getMessage(), e);
        }
        return postgres;
    }

    public int port() {
        return server.getPort();
    }

    /** The URL the backend is given (QUARKUS_DATASOURCE_JDBC_URL). */
    public String jdbcUrl() {
        return jdbcUrl(port());
    }

    public static String jdbcUrl(int port) {
        return "jdbc:postgresql://localhost:" + port + "/" + DATABASE;
    }

    /** The postmaster's process id, from the lock file PostgreSQL keeps in its data directory. */
    public long postmasterPid() throws IOException {
        return runningPostmaster(dataDirectory)
                .orElseThrow(() -> new IllegalStateException("no PostgreSQL running on " + dataDirectory))
                .pid();
    }

    /** Stops PostgreSQL in its "fast" mode: open transactions roll back, committed data is checkpointed. */
    @Override
    public void close() throws IOException {
        server.close();
    }

    private void checkDurabilityAndCreateDatabase() throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl(port()).replace("/" + DATABASE, "/postgres"), USER, "")) {
            for (Map.Entry<String, String> setting : DURABILITY.entrySet()) {
                try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SHOW " + setting.getKey())) {
                    r.next();
                    if (!setting.getValue().equals(r.getString(1))) {
                        throw new IllegalStateException(setting.getKey() + " is " + r.getString(1) + ", not "
                                + setting.getValue() + ": acknowledged commits could be lost in a crash");
                    }
                }
            }
            try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                q.setString(1, DATABASE);
                try (ResultSet r = q.executeQuery()) {
                    if (!r.next()) {
                        try (Statement s = c.createStatement()) {
                            s.execute("CREATE DATABASE " + DATABASE);
                        }
                    }
                }
            }
        }
    }

    /*
     * A launcher killed with SIGKILL leaves its PostgreSQL running. Starting a second server on the same files
     * would fail after a long wait, or, on the same port, silently reuse the old one: say so at once instead.
     * We never stop that server ourselves: it is not ours.
     */
    private static void refuseWhileAnotherServerRuns(Path dataDirectory) throws IOException {
        Optional<ProcessHandle> running = runningPostmaster(dataDirectory);
        if (running.isPresent()) {
            throw new IllegalStateException("PostgreSQL (pid " + running.get().pid() + ") from an earlier run still uses "
                    + dataDirectory + "; stop it with: kill " + running.get().pid());
        }
    }

    /* PostgreSQL would fail to bind, and zonky would only notice after its whole start-up wait. */
    private static void refuseBusyPort(int port) {
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            probe.setReuseAddress(true);
        } catch (IOException e) {
            throw new IllegalStateException("port " + port + " on 127.0.0.1 is in use: choose another one, or 0 for a free one");
        }
    }

    /** The live postgres process named by the data directory's postmaster.pid, if any (the PID may be reused). */
    private static Optional<ProcessHandle> runningPostmaster(Path dataDirectory) throws IOException {
        Path lockFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.isRegularFile(lockFile)) {
            return Optional.empty();
        }
        String firstLine = Files.readAllLines(lockFile, StandardCharsets.US_ASCII).stream().findFirst().orElse("").trim();
        if (!firstLine.matches("\\d+")) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(firstLine))
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false));
    }
}
