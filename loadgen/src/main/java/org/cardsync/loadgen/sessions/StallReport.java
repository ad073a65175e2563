package org.cardsync.loadgen.sessions;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.cardsync.loadgen.DatabaseOptions;
import org.cardsync.loadgen.http.BackendHttp;

/**
 * What both ends were doing while a request waited for its answer: written when an exchange has waited 10 s, while it
 * is still stuck, so that a lost answer can be told apart from a slow one (a backend thread still in the request, a
 * database session waiting on a lock) and from one the network or the client lost (the answer's bytes sitting in the
 * client socket's receive queue). One file per stall beside the results, at most {@value #MAX_REPORTS} per run (a
 * line on stderr for every stall), written on a thread of its own so that the stuck terminal goes on waiting.
 */
final class StallReport {
    private static final int MAX_REPORTS = 3;
    private static final int COMMAND_SECONDS = 20;
    private static final String ACTIVITY = "select pid, usename, state, wait_event_type, wait_event, backend_xid,"
            + " now() - xact_start as in_transaction, now() - query_start as in_query, left(query, 200) as query"
            + " from pg_stat_activity where backend_type = 'client backend' and pid <> pg_backend_pid()"
            + " order by xact_start nulls last";
    private static final String WAITING_LOCKS = "select pid, locktype, relation::regclass, mode, granted,"
            + " pg_blocking_pids(pid) as blocked_by from pg_locks where not granted";

    private final Path out;
    private final URI backend;
    private final Long backendPid;
    private final DatabaseOptions database;
    private final AtomicInteger stalls = new AtomicInteger();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "stall-report");
        thread.setDaemon(true);
        return thread;
    });

    StallReport(Path out, URI backend, Long backendPid, DatabaseOptions database) {
        this.out = out;
        this.backend = backend;
        this.backendPid = backendPid;
        this.database = database;
    }

    /** Counts a stall and has its report written (returns at once: a {@link BackendHttp} stall listener). */
    void stalled(BackendHttp.Stall stall) {
        int n = stalls.incrementAndGet();
        if (n > MAX_REPORTS) {
            System.err.println("sessions: stall " + n + ": " + stall.request() + " waits for its answer (" + stall.stage()
                    + "); not described (the first " + MAX_REPORTS + " are)");
            return;
        }
        String ownThreads = ownThreads(); // now, while the request is stuck; the rest of the report takes seconds
        writer.execute(() -> write(n, stall, ownThreads));
    }

    /** Waits for the reports still being written (the load generator exits right after the run). */
    void finish() throws InterruptedException {
        writer.shutdown();
        if (!writer.awaitTermination(MAX_REPORTS * 5L * COMMAND_SECONDS, TimeUnit.SECONDS)) {
            System.err.println("sessions: a stall report was still being written when the run ended");
        }
    }

    /** How many requests have stalled so far. */
    int count() {
        return stalls.get();
    }

    private void write(int n, BackendHttp.Stall stall, String ownThreads) {
        Path file = out.resolveSibling(out.getFileName().toString().replaceFirst("\\.json$", "") + "-stall-" + n + ".txt");
        StringBuilder report = new StringBuilder();
        report.append(String.format(Locale.ROOT, "%s: %s, waiting %.1f s at %s (%s)%n%n", stall.request(),
                stall.stage(), (System.nanoTime() - stall.startedNanos()) / 1e9,
                Instant.now(), stall.connection()));
        section(report, "TCP connections to the backend (ss -tnoi; Recv-Q on the client side = an answer not read)",
                () -> command("ss", "-tnoi", "( sport = :" + backend.getPort() + " or dport = :" + backend.getPort() + " )"));
        section(report, "PostgreSQL sessions", () -> query(ACTIVITY));
        section(report, "PostgreSQL locks not granted", () -> query(WAITING_LOCKS));
        section(report, "the backend's threads (jcmd Thread.print)", () -> backendPid == null
                ? "(no --backend-pid)" : command(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                        Long.toString(backendPid), "Thread.print"));
        section(report, "the load generator's threads (when the stall was seen)", () -> ownThreads);
        try {
            Files.writeString(file, report);
            System.err.println("sessions: " + stall.request() + " waits for its answer (" + stall.stage() + "); both ends"
                    + " described in " + file);
        } catch (IOException e) {
            System.err.println("sessions: could not write " + file + ": " + e.getMessage());
        }
    }

    private interface Source {
        String read() throws Exception;
    }

    private static void section(StringBuilder report, String title, Source source) {
        report.append("== ").append(title).append(" ==\n");
        try {
            report.append(source.read());
        } catch (Exception e) {
            report.append("(could not read: ").append(e).append(")\n");
        }
        report.append('\n');
    }

    /** A command's output, or what it printed until it was stopped after {@value #COMMAND_SECONDS} s. */
    private static String command(String... line) throws IOException, InterruptedException {
        Path output = Files.createTempFile("cardsync-stall-", ".txt");
        try {
            // to a file, not a pipe: a thread dump fills a pipe's buffer, and a jcmd attaching to a JVM that is itself
            // stuck must not hold the report up beyond the limit
            Process process = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            boolean ended = process.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS);
            if (!ended) {
                process.destroyForcibly();
            }
            return Files.readString(output) + (ended ? "" : "(stopped after " + COMMAND_SECONDS + " s)\n");
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private String query(String sql) throws SQLException {
        StringBuilder text = new StringBuilder();
        DriverManager.setLoginTimeout(COMMAND_SECONDS);
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.setQueryTimeout(COMMAND_SECONDS);
            ResultSet rows = s.executeQuery(sql);
            ResultSetMetaData meta = rows.getMetaData();
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                names.add(meta.getColumnName(i));
            }
            text.append(String.join(" | ", names)).append('\n');
            while (rows.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= names.size(); i++) {
                    values.add(String.valueOf(rows.getObject(i)));
                }
                text.append(String.join(" | ", values)).append('\n');
            }
        }
        return text.toString();
    }

    private static String ownThreads() {
        StringBuilder text = new StringBuilder();
        for (ThreadInfo thread : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
            text.append(thread);
        }
        return text.toString();
    }
}
