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
import org.postgresql.PGConnection;

/**
 * A PostgreSQL 17 server from zonky's embedded binaries on a data directory that outlives it, set up so that
 * a commit it acknowledged survives a crash: the database the demo's backend writes to.
 *
 * <p>zonky is a test library: its builder starts PostgreSQL with {@code -F} (fsync off) and
 * {@code synchronous_commit=off}, which answer a commit before it reaches the disk. Here both are turned back
 * on explicitly, and {@link #start} checks the running server's settings before anyone may use it.
 *
 * <p>zonky's initdb also trusts every local connection, which on a shared machine would let any local user
 * connect as the superuser and edit the counters the server relies on (ARCHITECTURE.md rule 8). Here the
 * cluster is made with password authentication (SCRAM) from the start, the server listens on 127.0.0.1 only and
 * opens no Unix socket, and the backend gets a role of its own, {@value #USER}: no superuser, the owner of the
 * {@value #DATABASE} database. The two passwords are random, in files beside the data directory that only
 * their owner may read: {@code <data-dir>.password} ({@value #USER}, for the backend) and
 * {@code <data-dir>.superuser.password} ({@value #SUPERUSER}, for this launcher and an operator's psql).
 */
public final class DurablePostgres implements AutoCloseable {
       /** The database the backend uses; created on first start, owned by {@link #USER}. */
    public static final String DATABASE = "cardsync";
    /** The backend's role: it may log in and owns {@link #DATABASE}, nothing more. */
    public static final String USER = "cardsync";
    /** The superuser initdb creates; only this launcher uses it, for its checks and to set up {@link #USER}. */
    public static final String SUPERUSER = "postgres";

    /*
     * What makes an acknowledged commit durable, by PostgreSQL's own definitions (docs: "WAL configuration",
     * "Reliability"): the commit record is flushed to disk before the commit returns, and pages are written
     * whole after a checkpoint so that a torn write can be repaired from the WAL.
     */
    private static final Map<String, String> DURABILITY = Map.of(
            "fsync", "on",
            "synchronous_commit", "on",
            "full_page_writes", "on");

    /*
     * Who can reach the server at all: TCP on the loopback address only, and no Unix socket (zonky would put it
     * in /tmp, where every local user can reach it).
     */
    private static final Map<String, String> ACCESS = Map.of(
            "listen_addresses", "127.0.0.1",
            "unix_socket_directories", "");

    private static final Duration STARTUP_LIMIT = Duration.ofSeconds(120);

    private final EmbeddedPostgres server;
    private final Path dataDirectory;

    private DurablePostgres(EmbeddedPostgres server, Path dataDirectory) {
        this.server = server;
        this.dataDirectory = dataDirectory;
    }

    /**
     * Starts PostgreSQL on {@code dataDirectory} (initialised on first use, kept afterwards) and returns once it
     * accepts connections, with the {@value #USER} role, its password in {@link #passwordFile(Path)}, and the
     * {@value #DATABASE} database present.
     *
     * @param port the TCP port on 127.0.0.1, or 0 for a free one
     * @throws IllegalStateException if a server from an earlier run still uses the directory, if an existing
     *                               directory has no superuser password file, or if the running server does not
     *                               have the durability and access settings
     */
    public static DurablePostgres start(Path dataDirectory, int port) throws IOException {
        refuseWhileAnotherServerRuns(dataDirectory);
        if (port != 0) {
            refuseBusyPort(port);
        }
        Path superuserPasswordFile = superuserPasswordFile(dataDirectory);
        // zonky runs initdb when, and only when, the directory has no postgresql.conf yet
        boolean fresh = !Files.exists(dataDirectory.resolve("postgresql.conf"));
        String superuserPassword = fresh ? PasswordFile.create(superuserPasswordFile)
                : existingSuperuserPassword(dataDirectory, superuserPasswordFile);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                // The caller stops the server (DevPostgres on SIGTERM); a hook of zonky's own could race it.
                .setRegisterShutdownHook(false)
                .setPGStartupWait(STARTUP_LIMIT)
                .setPort(port)
                // zonky's readiness check connects as the superuser, with these connection properties
                .setConnectConfig("password", superuserPassword);
        if (fresh) {
            /*
             * zonky runs initdb with "-A trust" and appends its "locale config" as --key=value options, the only
             * initdb options it lets us give; initdb takes the last authentication method given. So the cluster
             * requires SCRAM passwords from its first start, with no moment in which a local user could connect
             * as the superuser unasked.
             */
            builder.setLocaleConfig("auth", "scram-sha-256")
                    .setLocaleConfig("pwfile", superuserPasswordFile.toAbsolutePath().toString());
        }
        DURABILITY.forEach(builder::setServerConfig);
        ACCESS.forEach(builder::setServerConfig);
        DurablePostgres postgres = new DurablePostgres(builder.start(), dataDirectory);
        try {
            postgres.checkAndSetUp(superuserPassword);
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
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    /** The file with {@value #USER}'s password (the backend's QUARKUS_DATASOURCE_PASSWORD), mode 0600. */
    public static Path passwordFile(Path dataDirectory) {
        return besideDataDirectory(dataDirectory, ".password");
    }

    /** The file with {@value #SUPERUSER}'s password, mode 0600. */
    public static Path superuserPasswordFile(Path dataDirectory) {
        return besideDataDirectory(dataDirectory, ".superuser.password");
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

    private void checkAndSetUp(String superuserPassword) throws SQLException, IOException {
        String url = jdbcUrl(port()).replace("/" + DATABASE, "/postgres");
        try (Connection c = DriverManager.getConnection(url, SUPERUSER, superuserPassword)) {
            for (Map.Entry<String, String> setting : DURABILITY.entrySet()) {
                requireSetting(c, setting, "acknowledged commits could be lost in a crash");
            }
            for (Map.Entry<String, String> setting : ACCESS.entrySet()) {
                requireSetting(c, setting, "other local users could connect");
            }
            refuseTrustRules(c);
            setUpRoleAndDatabase(c);
        }
    }

    private static void requireSetting(Connection c, Map.Entry<String, String> setting, String risk) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SHOW " + setting.getKey())) {
            r.next();
            if (!setting.getValue().equals(r.getString(1))) {
                throw new IllegalStateException(setting.getKey() + " is '" + r.getString(1) + "', not '"
                        + setting.getValue() + "': " + risk);
            }
        }
    }

    /* A pg_hba.conf edited by hand (or made by zonky's trust-all initdb) would let any local user in unasked. */
    private static void refuseTrustRules(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT line_number, error FROM pg_hba_file_rules"
                        + " WHERE auth_method = 'trust' OR error IS NOT NULL ORDER BY line_number")) {
            if (r.next()) {
                throw new IllegalStateException("pg_hba.conf line " + r.getInt(1) + (r.getString(2) == null
                        ? " trusts connections without a password" : " is invalid: " + r.getString(2)));
            }
        }
    }

    /*
     * The backend connects as a role that cannot read or change anything outside its own database, nor turn off
     * durability. Its password goes to the server already hashed (pgjdbc's alterUserPassword computes the SCRAM
     * verifier), so it never appears in a statement the server could log. The role follows its password file, so
     * a restart reuses the file, and a lost file is replaced with a new password.
     */
    private void setUpRoleAndDatabase(Connection c) throws SQLException, IOException {
        if (!exists(c, "SELECT 1 FROM pg_roles WHERE rolname = ?", USER)) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE ROLE " + USER + " LOGIN");
            }
        }
        c.unwrap(PGConnection.class).alterUserPassword(USER, PasswordFile.readOrCreate(passwordFile(dataDirectory)).toCharArray(), null);
        if (!exists(c, "SELECT 1 FROM pg_database WHERE datname = ?", DATABASE)) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + DATABASE + " OWNER " + USER);
            }
        }
    }

    private static boolean exists(Connection c, String query, String name) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(query)) {
            q.setString(1, name);
            try (ResultSet r = q.executeQuery()) {
                return r.next();
            }
        }
    }

    /*
     * A directory without its superuser password file was made by a cardsync from before passwords (trusting every
     * local user), or lost the file: no one can set it up any more without the password.
     */
    private static String existingSuperuserPassword(Path dataDirectory, Path passwordFile) throws IOException {
        if (!Files.isRegularFile(passwordFile)) {
            throw new IllegalStateException(dataDirectory + " has no superuser password file " + passwordFile
                    + " (it was made by an older cardsync that trusted every local user, or the file was deleted):"
                    + " delete the directory to start over");
        }
        return PasswordFile.read(passwordFile);
    }

    private static Path besideDataDirectory(Path dataDirectory, String suffix) {
        Path absolute = dataDirectory.toAbsolutePath();
        return absolute.resolveSibling(absolute.getFileName() + suffix);
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
