package org.cardsync.loadgen.sessions;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.cardsync.loadgen.DatabaseOptions;
import org.cardsync.loadgen.cpu.CpuClock;
import org.cardsync.loadgen.cpu.LoadAverage;
import org.cardsync.loadgen.http.BackendHttp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sessions}: complete card sessions per second against a running backend (REQUEST, a 3-action script run on
 * the card, ACK), from terminals of its own, each with its own card. Set-up (issuing the cards, queueing their
 * CREDITs) comes before a warm-up, and the warm-up before the measured window; the CPU the backend, the PostgreSQL
 * cluster and this process use is read from /proc at the window's two ends. Any failed session fails the run.
 */
@Command(name = "sessions", mixinStandardHelpOptions = true,
        description = "Complete card sessions per second from N terminals, each with its own card, against a backend.")
public final class SessionsCommand implements Callable<Integer> {
    /** The backend's scripts must hold exactly this many actions (-Dcardsync.scripts.max-actions=3). */
    static final int ACTIONS_PER_SESSION = 3;
    /** Sessions per second one terminal is assumed never to exceed, to size its queue. */
    private static final int SESSIONS_PER_SECOND_CEILING = 300;

    @Option(names = "--backend", required = true, paramLabel = "URL", description = "e.g. http://127.0.0.1:8080")
    URI backend;

    @Mixin
    DatabaseOptions database;

    @Option(names = "--terminals", defaultValue = "4", description = "Terminals, each with its own card (default: ${DEFAULT-VALUE})")
    int terminals;

    @Option(names = "--seconds", defaultValue = "20", description = "Measured window, in seconds (default: ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--warmup", defaultValue = "10", description = "Warm-up before it, in seconds (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--history", defaultValue = "0", paramLabel = "N", description = "Before the warm-up, every other"
            + " terminal (the first, the third...) runs N sessions, so that the window also measures cards with a long"
            + " settled history (default: ${DEFAULT-VALUE})")
    int history;

    @Option(names = "--out", required = true, paramLabel = "FILE.json", description = "Where the results go")
    Path out;

    @Option(names = "--label", defaultValue = "", description = "A label the report shows for this run")
    String label;

    @Option(names = "--backend-pid", paramLabel = "PID", description = "The backend's process, for its CPU time")
    Long backendPid;

    @Option(names = "--postgres-pid", paramLabel = "PID",
            description = "The PostgreSQL postmaster, for the CPU time of the whole cluster")
    Long postgresPid;

    @Option(names = "--jfr", paramLabel = "FILE.jfr",
            description = "Also record a JFR profile of the backend (--backend-pid) over the measured window")
    Path jfr;

    private StallReport stallReport;

    @Override
    public Integer call() throws Exception {
        if (terminals < 1 || seconds < 1 || warmup < 0 || history < 0) {
            throw new IllegalArgumentException("--terminals and --seconds must be at least 1, --warmup and --history"
                    + " at least 0");
        }
        if (jfr != null && backendPid == null) {
            throw new IllegalArgumentException("--jfr needs --backend-pid");
        }
        int actionsPerTerminal = ACTIONS_PER_SESSION * SESSIONS_PER_SECOND_CEILING * (warmup + seconds)
                + ACTIONS_PER_SESSION * history;
        if (actionsPerTerminal >= CardIssuer.PURSE_LIMIT - 1000) {
            throw new IllegalArgumentException("a window this long would queue " + actionsPerTerminal
                    + " CREDITs of 1 per card, beyond the purse limit " + CardIssuer.PURSE_LIMIT + ": shorten it");
        }
        stallReport = new StallReport(out, backend, backendPid, database);
        try (BackendHttp http = new BackendHttp(backend, terminals + 1)) {
            http.onStall(stallReport::stalled);
            List<Terminal> fleet = setUp(http, actionsPerTerminal);
            if (history > 0) {
                Window.Outcome past = runHistory(fleet);
                if (past.errors() > 0) {
                    return fail(new SessionsResult(label, terminals, warmup, 0, 0, 0, ACTIONS_PER_SESSION,
                            past.errors(), past.errorMessages(), 0, null, null, List.of()), "history set-up");
                }
            }
            if (warmup > 0) {
                Window.Outcome warm = Window.run(fleet, warmup);
                if (warm.errors() > 0) {
                    return fail(new SessionsResult(label, terminals, warmup, 0, 0, 0, ACTIONS_PER_SESSION,
                            warm.errors(), warm.errorMessages(), 0, null, null, List.of()), "warm-up");
                }
            }
            SessionsResult result = measure(fleet);
            write(result);
            return result.errors() == 0 && result.stalls() == 0 ? 0 : fail(result, "measured window");
        } finally {
            stallReport.finish();
        }
    }

    private List<Terminal> setUp(BackendHttp http, int actionsPerTerminal) throws Exception {
        long started = System.nanoTime();
        CardIssuer issuer = CardIssuer.signIn(http);
        List<Terminal> fleet = new ArrayList<>();
        List<Long> applications = new ArrayList<>();
        for (int i = 0; i < terminals; i++) {
            CardIssuer.IssuedCard issued = issuer.issue();
            applications.add(issued.applicationId());
            fleet.add(new Terminal(issued.card(), http, ACTIONS_PER_SESSION));
        }
        int serverProcesses = postgresPid == null ? 0 : CpuClock.system().children(postgresPid).size();
        ActionQueue.queueCredits(database, applications, actionsPerTerminal);
        if (postgresPid != null) {
            // the queueing connection's server process must be gone (its CPU reaped) before any window starts
            CpuClock.system().awaitChildrenAtMost(postgresPid, serverProcesses, Duration.ofSeconds(10));
        }
        System.out.printf(Locale.ROOT, "sessions: %d cards issued, %d CREDITs queued on each, in %.1f s%n",
                terminals, actionsPerTerminal, (System.nanoTime() - started) / 1e9);
        return fleet;
    }

    /** Every other terminal's card runs {@code history} sessions, really: the counters, chains and rows are real. */
    private Window.Outcome runHistory(List<Terminal> fleet) throws InterruptedException {
        long started = System.nanoTime();
        List<Terminal> withHistory = new ArrayList<>();
        for (int i = 0; i < fleet.size(); i += 2) {
            withHistory.add(fleet.get(i));
        }
        Window.Outcome past = Window.runSessions(withHistory, history);
        System.out.printf(Locale.ROOT, "sessions: %d card(s) given a history of %d settled sessions in %.1f s%n",
                withHistory.size(), history, (System.nanoTime() - started) / 1e9);
        return past;
    }

    private SessionsResult measure(List<Terminal> fleet) throws InterruptedException, IOException {
        BackendRecording recording = jfr == null ? null : BackendRecording.start(backendPid, jfr);
        CpuClock cpu = CpuClock.system();
        double tick = 1.0 / CpuClock.ticksPerSecond();
        long self = ProcessHandle.current().pid();
        double loadBefore = LoadAverage.oneMinute();
        long backendBefore = backendPid == null ? 0 : cpu.processTicks(backendPid);
        long postgresBefore = postgresPid == null ? 0 : cpu.clusterTicks(postgresPid);
        long selfBefore = cpu.processTicks(self);
        int stallsBefore = stallReport.count();
        Window.Outcome window = Window.run(fleet, seconds);
        long selfAfter = cpu.processTicks(self);
        int stalls = stallReport.count() - stallsBefore;
        Double backendCpu = backendPid == null ? null : (cpu.processTicks(backendPid) - backendBefore) * tick;
        Double postgresCpu = postgresPid == null ? null : (cpu.clusterTicks(postgresPid) - postgresBefore) * tick;
        double loadAfter = LoadAverage.oneMinute();
        if (recording != null) {
            recording.stop();
        }
        double windowSeconds = window.nanos() / 1e9;
        long sessions = window.latencies().sessions();
        return new SessionsResult(label, terminals, warmup, windowSeconds, sessions, sessions / windowSeconds,
                ACTIONS_PER_SESSION, window.errors(), window.errorMessages(), stalls,
                SessionsResult.LatencyMs.of(window.latencies()),
                new SessionsResult.CpuSeconds(backendCpu, postgresCpu, (selfAfter - selfBefore) * tick),
                List.of(loadBefore, loadAfter));
    }

    private void write(SessionsResult result) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), result);
        SessionsResult.Percentiles request = result.latencyMs().request();
        SessionsResult.Percentiles ack = result.latencyMs().ack();
        System.out.printf(Locale.ROOT, "sessions: terminals=%d sessions=%d in %.1f s: %.1f sessions/s; "
                        + "REQUEST p50 %.2f p99 %.2f ms, ACK p50 %.2f p99 %.2f ms, card p50 %.2f ms; errors=%d -> %s%n",
                result.terminals(), result.sessions(), result.seconds(), result.sessionsPerSecond(), request.p50(),
                request.p99(), ack.p50(), ack.p99(), result.latencyMs().card().p50(), result.errors(), out);
    }

    private int fail(SessionsResult result, String phase) throws IOException {
        if (result.latencyMs() == null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), result);
        }
        if (result.errors() > 0) {
            System.err.printf(Locale.ROOT, "sessions: %d failed session(s) in the %s; the run fails. First: %s%n",
                    result.errors(), phase, String.join(" | ", result.errorMessages()));
        }
        if (result.stalls() > 0) {
            System.err.printf(Locale.ROOT, "sessions: %d request(s) in the %s waited 10 s or more for their answer; the"
                    + " run fails (its figures are not a clean measure). Both ends: %s%n", result.stalls(), phase,
                    out.resolveSibling(out.getFileName().toString().replaceFirst("\\.json$", "") + "-stall-*.txt"));
        }
        return 1;
    }
}
