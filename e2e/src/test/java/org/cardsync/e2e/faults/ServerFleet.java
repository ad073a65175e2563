package org.cardsync.e2e.faults;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.http.HttpConnectTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.cardsync.e2e.BackendServer;
import org.cardsync.e2e.PostgresServer;

/**
 * Several packaged backends (separate JVMs) on one PostgreSQL (the run command's dev-postgres launcher), each on a
 * port of its own that it keeps across restarts, as behind a load balancer. A backend is crashed with SIGKILL and
 * started again on the same database; PostgreSQL is stopped and started again on the same data directory and port.
 *
 * <p>Clients ask for an instance's address at each request ({@link #begin}), as a load balancer's pool: an instance
 * that had to move to another port (see {@link #pickPort()}) is followed. The fleet also knows which requests were
 * outstanding when an instance was killed, so a lost answer is classified ({@link Loss}) by what happened, not guessed.
 */
final class ServerFleet implements AutoCloseable {

    private static final Path OUTPUT = Path.of(System.getProperty("e2e.outputDir", "target"));
    private static final Path BACKEND_JAR = Path.of(System.getProperty("e2e.backendJar",
            "../backend/target/quarkus-app/quarkus-run.jar"));
    /**
     * JVM options and properties of every backend. Every terminal of the test posts from 127.0.0.1: the terminal
     * API's per-client limit (600 a minute per instance) would refuse the honest load; the per-application
     * allowance only counts rejected messages, and duplicated REQUESTs are rejected on purpose; the signed-message
     * allowance per card application (60 a minute) would refuse the schedules' back-to-back sessions on one card.
     */
    private static final List<String> PROPERTIES = List.of(
            // start-up is what a kill costs: C1 only and the serial collector start a backend markedly sooner on a
            // 2-core CI machine, and neither changes what the code does
            "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-Dcardsync.terminal.rate-limit.per-client=1000000",
            "-Dcardsync.terminal.rate-limit.per-application=1000000",
            "-Dcardsync.terminal.rate-limit.signed-per-application=1000000");
    /** Quarkus's words when its HTTP port is taken (ApplicationLifecycleManager), and the JDK's. */
    private static final List<String> PORT_TAKEN = List.of("seems to be in use", "Address already in use");
    private static final int START_ATTEMPTS = 3;

    private final String name;
    private PostgresServer database;
    private final List<BackendServer> backends = new ArrayList<>();
    private final List<Integer> ports = new ArrayList<>();
    private final int[] starts;
    /** Per instance: how many times it was killed, whether it is down now, how many client requests are open. */
    private final int[] kills;
    private final boolean[] down;
    private final AtomicInteger[] outstanding;
    private final AtomicInteger portMoves = new AtomicInteger();
    private int databaseStarts = 1;

    private ServerFleet(String name, PostgresServer database, int instances) {
        this.name = name;
        this.database = database;
        this.starts = new int[instances];
        this.kills = new int[instances];
        this.down = new boolean[instances];
        this.outstanding = new AtomicInteger[instances];
        for (int i = 0; i < instances; i++) {
            outstanding[i] = new AtomicInteger();
        }
    }

    /** Starts PostgreSQL on a fresh data directory and {@code instances} backends on it; waits until all are ready. */
    static ServerFleet start(String name, int instances) throws IOException {
        Path data = Files.createTempDirectory(Files.createDirectories(OUTPUT), name + "-").resolve("postgres");
        ServerFleet fleet = new ServerFleet(name, PostgresServer.start(data, log(name + "-postgres-1"), pickPort()),
                instances);
        try {
            // One after the other on a fresh database: the demo profile's seeding (DemoData) checks, then inserts,
            // so two first starts at once race on the demo users (a unique violation fails the slower one).
            for (int i = 0; i < instances; i++) {
                fleet.backends.add(null);
                fleet.ports.add(pickPort());
                fleet.startInstance(i);
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
        return "http://localhost:" + ports.get(instance);
    }

    synchronized BackendServer backend(int instance) {
        return backends.get(instance);
    }

    synchronized PostgresServer database() {
        return database;
    }

    /** How many restarts found the instance's port taken by another process and moved it to a new one. */
    int portMoves() {
        return portMoves.get();
    }

    /** A client request to an instance, from its start: the address then, and whether that instance was up. */
    record Call(int instance, String baseUrl, int incarnation, boolean wasUp) {
    }

    /** Why a request got no answer. */
    enum Loss {
        /** The instance was down or restarting when it was sent, or nothing listened: it never reached a handler. */
        DOWN,
        /** Sent to a live instance that was killed before it answered: the kill landed inside its handling. */
        CUT,
        /** Neither: e.g. a timeout or a reset on a live instance that was not killed. */
        OTHER
    }

    /** A client starts a request to {@code instance}; {@link #end} when it has its answer or knows it has none. */
    synchronized Call begin(int instance) {
        outstanding[instance].incrementAndGet();
        return new Call(instance, baseUrl(instance), kills[instance], !down[instance]);
    }

    void end(Call call) {
        outstanding[call.instance()].decrementAndGet();
    }

    /** Classifies the failure {@code e} of {@code call} (after {@link #end} or before: either way). */
    synchronized Loss loss(Call call, IOException e) {
        if (!call.wasUp() || e instanceof ConnectException || e instanceof HttpConnectTimeoutException) {
            return Loss.DOWN;
        }
        return kills[call.instance()] != call.incarnation() ? Loss.CUT : Loss.OTHER;
    }

    /**
     * SIGKILL to backend {@code instance} (by PID) at the first instant, from now, when a client request to it is
     * open (so that the kill lands inside request handling; at most 5 s of waiting, then anyway), then the same
     * command again on the same database; waits until ready.
     */
    void crashAndRestart(int instance) throws IOException, InterruptedException {
        for (int waited = 0; outstanding[instance].get() == 0 && waited < 5_000; waited++) {
            Thread.sleep(1);
        }
        BackendServer crashed;
        synchronized (this) {
            kills[instance]++;
            down[instance] = true;
            crashed = backends.get(instance);
        }
        crashed.crash();
        startInstance(instance);
    }

    /** Stops every backend cleanly (SIGTERM), e.g. before an operator restores the database. */
    void stopBackends() {
        for (int i = 0; i < backends.size(); i++) {
            synchronized (this) {
                down[i] = true;
            }
            backends.get(i).close();
        }
    }

    /** Starts every backend again after {@link #stopBackends()}; waits until ready. */
    void startBackends() throws IOException {
        for (int i = 0; i < backends.size(); i++) {
            startInstance(i);
        }
    }

    /**
     * Starts instance {@code i} on its port and waits until it is ready and the process listening is this one.
     *
     * <p>Why a restart may move to another port: the instance keeps its port across restarts (as behind a load
     * balancer), but while it is down the port is free, and on this shared machine another process may take it (a
     * port of the kernel's ephemeral range can be handed out to any outgoing connection or port-0 bind). Ports are
     * therefore picked below that range ({@link #pickPort()}), which makes this rare; if the port is taken anyway,
     * the start fails fast, and we start again on a new port, print it, count it ({@link #portMoves()}), and the
     * clients follow (they ask {@link #begin} at each request, as a load balancer whose pool is updated). Failing the
     * run instead would fail it for another build's doing, and would not test anything more.
     */
    private void startInstance(int i) throws IOException {
        for (int attempt = 1;; attempt++) {
            int port;
            synchronized (this) {
                starts[i]++;
                port = ports.get(i);
            }
            BackendServer backend = BackendServer.start(BACKEND_JAR, OUTPUT, database(),
                    name + "-backend" + i + "-" + starts[i], PROPERTIES, port);
            try {
                backend.awaitReady();
                awaitListeningOn(backend, port);
            } catch (RuntimeException e) {
                backend.close();
                if (attempt == START_ATTEMPTS || PORT_TAKEN.stream().noneMatch(backend.logText()::contains)) {
                    throw e;
                }
                int next = pickPort();
                System.out.printf("ServerFleet: port %d of backend %d was taken by another process while it was"
                        + " down; starting it on port %d, clients follow%n", port, i, next);
                portMoves.incrementAndGet();
                synchronized (this) {
                    ports.set(i, next);
                }
                continue;
            }
            synchronized (this) {
                backends.set(i, backend);
                down[i] = false;
            }
            return;
        }
    }

    /**
     * The health check answered on {@code port}, but was it this process? Another program that took the port would
     * answer too (another build's backend even with 200): only this backend's own "Listening on" line says so.
     */
    private static void awaitListeningOn(BackendServer backend, int port) {
        // the demo profile listens on 127.0.0.1 unless CARDSYNC_BIND says otherwise
        String listening = "Listening on: http://127.0.0.1:" + port;
        for (int waited = 0; waited < 300; waited++) {
            String log = backend.logText();
            if (log.contains(listening)) {
                return;
            }
            if (PORT_TAKEN.stream().anyMatch(log::contains)) {
                break;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IllegalStateException(backend + " answered ready on port " + port + " but did not log '" + listening
                + "': another process holds the port");
    }

    /**
     * A free port below the kernel's ephemeral range (net.ipv4.ip_local_port_range): the kernel never hands such a
     * port to an outgoing connection or a port-0 bind (how every other test here finds its ports), so only a program
     * asking for that number could take it while an instance or PostgreSQL is down. 24511 is the agent's port.
     */
    static int pickPort() {
        int below = ephemeralRangeStart();
        for (int tries = 0; tries < 200; tries++) {
            int port = ThreadLocalRandom.current().nextInt(10_000, below);
            if (port == 24511) {
                continue;
            }
            try (ServerSocket probe = new ServerSocket(port)) {
                return port;
            } catch (IOException taken) {
                // in use: try another
            }
        }
        throw new IllegalStateException("no free port between 10000 and " + below + " after 200 tries");
    }

    private static int ephemeralRangeStart() {
        try {
            String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
            return Math.max(11_000, Integer.parseInt(range.split("\\s+")[0]));
        } catch (IOException | RuntimeException e) {
            return 32_768; // Linux's default
        }
    }

    /**
     * An operator's restart of PostgreSQL under load: a clean stop (SIGTERM, PostgreSQL's fast shutdown: open
     * transactions are rolled back and every session ends with 57P01), {@code whileDown} while nothing listens on its
     * port, and a start on the same data directory and port. The backends are left alone: they must recover by
     * themselves, so PostgreSQL cannot move to another port (the backends' JDBC URL names it); a port taken meanwhile
     * (rare: see {@link #pickPort()}) fails the run with that reason in the message.
     */
    void restartDatabase(DownTime whileDown) throws Exception {
        PostgresServer stopped = database();
        stopped.close();
        whileDown.run();
        databaseStarts++;
        PostgresServer started;
        try {
            started = PostgresServer.start(stopped.dataDirectory(), log(name + "-postgres-" + databaseStarts),
                    stopped.port());
        } catch (IllegalStateException e) {
            throw new IllegalStateException("PostgreSQL did not start again on port " + stopped.port() + " (if its log"
                    + " says the address is in use, another process took the port while it was down): " + e.getMessage(),
                    e);
        }
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
            backends.stream().filter(b -> b != null).forEach(BackendServer::close);
        } finally {
            database.close();
        }
    }
}
