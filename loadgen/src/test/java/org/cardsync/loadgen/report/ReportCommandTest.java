package org.cardsync.loadgen.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.cardsync.loadgen.pgbench.PgbenchResult;
import org.cardsync.loadgen.sessions.SessionsResult;
import org.cardsync.loadgen.sessions.SessionsResult.Percentiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ReportCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path run;

    private void sessions(int terminals, long sessions, double seconds, double backendCpu, double postgresCpu,
                          double loadgenCpu) throws IOException {
        Percentiles request = new Percentiles(2.5, 4.0, 9.5, 20.0, 3.0);
        Percentiles ack = new Percentiles(1.5, 3.0, 7.5, 15.0, 2.0);
        Percentiles card = new Percentiles(0.4, 0.5, 0.9, 2.0, 0.45);
        Percentiles session = new Percentiles(5.0, 8.0, 17.0, 30.0, 6.0);
        JSON.writeValue(run.resolve("sessions-t" + terminals + ".json").toFile(), new SessionsResult("", terminals, 10,
                seconds, sessions, sessions / seconds, 3, 0, List.of(), 0,
                new SessionsResult.LatencyMs(request, ack, card, session),
                new SessionsResult.CpuSeconds(backendCpu, postgresCpu, loadgenCpu), List.of(1.5, 1.7)));
    }

    private void pgbench(int clients, long transactions, double tps, double postgresCpu) throws IOException {
        JSON.writeValue(run.resolve("pgbench-c" + clients + ".json").toFile(), new PgbenchResult(clients, 20,
                transactions, tps, 2.0, new PgbenchResult.CpuSeconds(1.0, postgresCpu), List.of(1.4, 1.6)));
    }

    @Test
    void report_pairsSessionsWithPgbench_andWritesTablesChartsAndBenchLines() throws Exception {
        sessions(4, 2000, 20.0, 2.0, 1.0, 0.5);   // 100 sessions/s; 1 ms backend, 0.5 ms PostgreSQL, 0.25 ms loadgen
        pgbench(4, 8000, 400.0, 4.0);            // 400 TPS; 0.5 ms of PostgreSQL per transaction
        sessions(8, 3000, 20.0, 3.0, 1.5, 0.6);  // no pgbench beside this one
        Path report = run.resolve("out/report.md");

        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int exit;
        try {
            System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
            exit = new CommandLine(new ReportCommand()).execute("--run", run.toString(), "--out", report.toString(),
                    "--charts", run.resolve("images").toString());
        } finally {
            System.setOut(original);
        }

        assertThat(exit).isZero();
        String md = Files.readString(report);
        assertThat(md).contains("| 4 | 100.0 | 400.0 | 0.250 | 2.50 / 9.50 | 1.50 / 7.50 | 0.40 | 1.5→1.7 |")
                .contains("| 8 | 150.0 | – | - |")
                .contains("| 4 | 1.00 | 0.50 | 0.25 | 1.75 | 0.500 |")
                .contains("![../images/perf-sessions-throughput.svg](../images/perf-sessions-throughput.svg)");
        assertThat(stdout.toString(StandardCharsets.UTF_8).lines().toList()).containsExactly(
                "BENCH sessions terminals=4 sessions_per_s=100.0 pgbench_tps=400.0 ratio=0.250 request_p50_ms=2.50 "
                        + "request_p99_ms=9.50 ack_p50_ms=1.50 ack_p99_ms=7.50 cpu_ms_per_session_backend=1.00 "
                        + "cpu_ms_per_session_postgres=0.50 cpu_ms_per_session_loadgen=0.25 load=1.5→1.7",
                "BENCH sessions terminals=8 sessions_per_s=150.0 pgbench_tps=- ratio=- request_p50_ms=2.50 "
                        + "request_p99_ms=9.50 ack_p50_ms=1.50 ack_p99_ms=7.50 cpu_ms_per_session_backend=1.00 "
                        + "cpu_ms_per_session_postgres=0.50 cpu_ms_per_session_loadgen=0.20 load=1.5→1.7");
        DocumentBuilderFactory xml = DocumentBuilderFactory.newInstance();
        xml.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false); // offline
        for (String chart : List.of("throughput", "latency", "cpu")) {
            Path svg = run.resolve("images/perf-sessions-" + chart + ".svg");
            // well-formed SVG that a browser or the docs can show
            assertThat(xml.newDocumentBuilder().parse(svg.toFile())
                    .getDocumentElement().getTagName()).isEqualTo("svg");
        }
        assertThat(Files.readString(run.resolve("images/perf-sessions-cpu.svg")))
                .contains("CPU per complete session").contains("PostgreSQL").contains("4 terminals");
    }

    @Test
    void report_ofADirectoryWithoutSessions_fails() {
        int exit = new CommandLine(new ReportCommand()).execute("--run", run.toString(), "--out",
                run.resolve("report.md").toString());

        assertThat(exit).isNotZero();
        assertThat(run.resolve("report.md")).doesNotExist();
    }
}
