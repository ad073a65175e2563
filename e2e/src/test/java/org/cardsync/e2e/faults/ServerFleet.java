package org.cardsync.e2e.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cardsync.e2e.BackendServer;
import org.cardsync.e2e.PostgresServer;

/**
 * Several packaged backends (separate JVMs) on one PostgreSQL (the run command's dev-postgres launcher), each on a
 * port of its own that it keeps across restarts, as behind a load balancer. A backend is crashed with SIGKILL and
 * started again on the same database; PostgreSQL is stopped and started again on the same data directory and port.
 */
final class ServerFleet implements AutoCloseable {

    private static final Path OUTPUT = Path.of(System.getProperty("e2e.outputDir", "target"));
    private static final Path BACKEND_JAR = Path.of(System.getProperty("e2e.backendJar",
            "../backend/target/quarkus-app/quarkus-run.jar"));
    /**
     * JVM options and properties of every backend. Every terminal of the test posts from 127.0.0.1: the terminal
     * API's per-client limit (600 a minute per instance) would refuse the honest load; the per-application
     * allowance only counts rejected messages, and duplicated REQUESTs are rejected on purpose.
     */
    private static final List<String> PROPERTIES = List.of(
            // start-up is what a kill costs: C1 only and the serial collector start a backend markedly sooner on a
            // 2-core CI machine, and neither changes what the code does
            "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-Dcardsync.terminal.rate-limit.per-client=1000000",
            "-Dcardsync.terminal.rate-limit.per-application=1000000");

    private final String name;
    private PostgresServer database;
    private final List<BackendServer> backends = new ArrayList<>();
    private final int[] starts;
    private int databaseStarts = 1;

    private ServerFleet(String name, PostgresServer database, int instances) {
        this.name = name;
        this.database = database;
        this.starts = new int[instances];
    }

    /** Starts PostgreSQL on a fresh data directory and {@code instances} backends on it; waits until all are ready. */
    static ServerFleet start(String name, int instances) throws IOException {
        Path data = Files.createTempDirectory(Files.createDirectories(OUTPUT), name + "-").resolve("postgres");
        ServerFleet fleet = new ServerFleet(name, PostgresServer.start(data, log(name + "-postgres-1")), instances);
        try {
            // One after the other on a fresh database: the demo profile's seeding (DemoData) checks, then inserts,
            // so two first starts at once race on the demo users (a unique violation fails the slower one).
            for (int i = 0; i < instances; i++) {
                fleet.starts[i] = 1;
                BackendServer backend = BackendServer.start(BACKEND_JAR, OUTPUT, fleet.database,
                        name + "-backend" + i + "-1", PROPERTIES);
                fleet.backends.add(backend);
                backend.awaitReady();
            }
        } catch (IOException | RuntimeException e) {
            fleet.close();
            throw e;
        }
        return fleet;
    }

    int size() {
        return backends.size();
    }

    synchronized String baseUrl(int instance) {
        return backends.get(instance).baseUrl();
    }

    synchronized BackendServer backend(int instance) {
        return backends.get(instance);
    }

    synchronized PostgresServer database() {
        return database;
    }

    /** SIGKILL to backend {@code instance} (by PID), then the same command again on its port; waits until ready. */
    void crashAndRestart(int instance) throws IOException, InterruptedException {
        BackendServer crashed = backend(instance);
        crashed.crash();
        starts[instance]++;
        BackendServer restarted = crashed.restart(BACKEND_JAR, OUTPUT, database(), name + "-backend" + instance + "-"
                + starts[instance], PROPERTIES);
        synchronized (this) {
            backends.set(instance, restarted);
        }
        restarted.awaitReady();
    }

    /** Stops every backend cleanly (SIGTERM), e.g. before an operator restores the database. */
    void stopBackends() {
        backends.forEach(BackendServer::close);
    }

    /** Starts every backend again on its port after {@link #stopBackends()}; waits until ready. */
    void startBackends() throws IOException {
        for (int i = 0; i < backends.size(); i++) {
            starts[i]++;
            BackendServer next = backends.get(i).restart(BACKEND_JAR, OUTPUT, database, name + "-backend" + i + "-"
                    + starts[i], PROPERTIES);
            synchronized (this) {
                backends.set(i, next);
            }
        }
        backends.forEach(BackendServer::awaitReady);
    }

    /**
     * An operator's restart of PostgreSQL under load: a clean stop (SIGTERM, PostgreSQL's fast shutdown: open
     * transactions are rolled back and every session ends with 57P01), {@code whileDown} while nothing listens on its
     * port, and a start on the same data directory and port. The backends are left alone: they must recover by
     * themselves.
     */
    void restartDatabase(DownTime whileDown) throws Exception {
        PostgresServer stopped = database();
        stopped.close();
        whileDown.run();
        databaseStarts++;
        PostgresServer started = PostgresServer.start(stopped.dataDirectory(), log(name + "-postgres-" + databaseStarts),
                stopped.port());
        synchronized (this) {
            database = started;
        }
    }

    /** What a test does while PostgreSQL is down. */
    @FunctionalInterface
    interface DownTime {
        void run() throws Exception;
    }

    private static Path log(String name) {
        return OUTPUT.resolve("e2e-logs/faults-" + name + ".log");
    }

    @Override
    public void close() {
        try {
            stopBackends();
        } finally {
            database.close();
        }
    }
}
