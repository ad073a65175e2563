package org.cardsync.loadgen.pgbench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.cardsync.loadgen.cpu.CpuClock;
import org.cardsync.loadgen.cpu.LoadAverage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pgbench}: PostgreSQL's TPC-B benchmark ({@code pgbench -c C -j min(C,2) -T S -n}) against the cluster the
 * backend uses, with the CPU it costs measured as {@code sessions} measures its own: pgbench's (it is this process's
 * child: its time is in our cutime + cstime once it has been waited for) and the whole cluster's, from /proc. The
 * database must have been initialised ({@code pgbench -i}); the password comes from PGPASSWORD, as pgbench's own.
 */
@Command(name = "pgbench", mixinStandardHelpOptions = true,
        description = "pgbench's TPC-B against the same PostgreSQL, with the CPU it costs.")
public final class PgbenchCommand implements Callable<Integer> {
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "PostgreSQL's host (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--port", required = true, description = "PostgreSQL's port")
    int port;

    @Option(names = "--user", defaultValue = "postgres", description = "Its user (default: ${DEFAULT-VALUE})")
    String user;

    @Option(names = "--database", defaultValue = "postgres", description = "The database pgbench -i initialised (default: ${DEFAULT-VALUE})")
    String database;

    @Option(names = "--clients", required = true, description = "Clients (-c), as many as the sessions' terminals")
    int clients;

    @Option(names = "--seconds", defaultValue = "20", description = "Duration (-T) (default: ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--postgres-pid", paramLabel = "PID", description = "The postmaster, for the cluster's CPU time")
    Long postgresPid;

    @Option(names = "--out", required = true, paramLabel = "FILE.json", description = "Where the results go")
    Path out;

    @Override
    public Integer call() throws Exception {
        List<String> command = new ArrayList<>(List.of("pgbench", "-h", host, "-p", Integer.toString(port), "-U", user,
                "-c", Integer.toString(clients), "-j", Integer.toString(Math.min(clients, 2)),
                "-T", Integer.toString(seconds), "-n", database));
        CpuClock cpu = CpuClock.system();
        double tick = 1.0 / CpuClock.ticksPerSecond();
        long self = ProcessHandle.current().pid();
        double loadBefore = LoadAverage.oneMinute();
        long reapedBefore = cpu.reapedChildrenTicks(self);
        int serverProcesses = postgresPid == null ? 0 : cpu.children(postgresPid).size();
        long postgresBefore = postgresPid == null ? 0 : cpu.clusterTicks(postgresPid);
        Process pgbench = new ProcessBuilder(command).redirectErrorStream(true).start();
        // a SIGTERM to this JVM (the script's Ctrl-C or clean-up) ends pgbench too, rather than leaving it to init
        Thread stopPgbench = new Thread(pgbench::destroy, "stop-pgbench");
        Runtime.getRuntime().addShutdownHook(stopPgbench);
        String output = new String(pgbench.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = pgbench.waitFor();
        Runtime.getRuntime().removeShutdownHook(stopPgbench);
        if (postgresPid != null) {
            // the server processes of pgbench's clients end after it: their CPU counts once the postmaster reaped them
            cpu.awaitChildrenAtMost(postgresPid, serverProcesses, Duration.ofSeconds(10));
        }
        Double postgresCpu = postgresPid == null ? null : (cpu.clusterTicks(postgresPid) - postgresBefore) * tick;
        double pgbenchCpu = (cpu.reapedChildrenTicks(self) - reapedBefore) * tick;
        double loadAfter = LoadAverage.oneMinute();
        if (exit != 0) {
            System.err.println("pgbench failed (exit " + exit + "):\n" + output);
            return 1;
        }
        PgbenchResult.Report report = PgbenchResult.parse(output);
        if (report.failed() > 0) {
            System.err.println("pgbench reports " + report.failed() + " failed transactions:\n" + output);
            return 1;
        }
        PgbenchResult result = new PgbenchResult(clients, seconds, report.transactions(), report.tps(),
                report.latencyMs(), new PgbenchResult.CpuSeconds(pgbenchCpu, postgresCpu),
                List.of(loadBefore, loadAfter));
        Files.createDirectories(out.toAbsolutePath().getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), result);
        System.out.printf(Locale.ROOT, "pgbench: clients=%d %.1f tps, latency %.2f ms -> %s%n", clients, report.tps(),
                report.latencyMs(), out);
        return 0;
    }
}
