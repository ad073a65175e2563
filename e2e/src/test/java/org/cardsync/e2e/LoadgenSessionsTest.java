package org.cardsync.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The load generator of scripts/bench-sessions (loadgen/target/cardsync-loadgen.jar) against the packaged backend
 * with the benchmark's settings, for 2 seconds: its sessions are complete ones the backend settled, and it reads
 * CPU and latency; then, on the same backend (one start-up less in CI), its seed and the console search of
 * scripts/bench-search. A check that the benchmarks work, never of their speed.
 */
class LoadgenSessionsTest {
    private static final Path OUTPUT = Path.of(System.getProperty("e2e.outputDir", "target"));
    private static final Path BACKEND_JAR = Path.of(System.getProperty("e2e.backendJar",
            "../backend/target/quarkus-app/quarkus-run.jar"));
    private static final Path LOADGEN_JAR = Path.of(System.getProperty("e2e.loadgenJar",
            "../loadgen/target/cardsync-loadgen.jar"));
    /** The settings scripts/bench-sessions gives the backend. */
    private static final List<String> BENCH_SETTINGS = List.of("-Dcardsync.scripts.max-actions=3",
            "-Dcardsync.terminal.rate-limit.per-client=1000000000",
            "-Dcardsync.terminal.rate-limit.per-application=1000000000",
            "-Dcardsync.terminal.rate-limit.signed-per-application=1000000000",
            "-Dcardsync.terminal.rate-limit.challenges-per-client=1000000000",
            "-Dquarkus.datasource.jdbc.acquisition-timeout=60S");
    /** Sessions the first of the two terminals runs before the window (loadgen sessions --history). */
    private static final int HISTORY = 3;

    /** Card applications the seed brings the database to before the search. */
    private static final int SEEDED = 40;

    @Test
    void sessions_runsCompleteSessionsTheBackendSettles_andTheSearchTimesCheckedAnswers() throws Exception {
        Path work = Files.createTempDirectory(Files.createDirectories(OUTPUT), "loadgen-");
        Path data = work.resolve("postgres");
        try (PostgresServer database = PostgresServer.start(data, OUTPUT.resolve("e2e-logs/loadgen-postgres.log"));
             BackendServer backend = BackendServer.start(BACKEND_JAR, OUTPUT, database, "loadgen-backend", BENCH_SETTINGS)) {
            backend.awaitReady();
            Path out = work.resolve("sessions-t2.json");
            long postmaster = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
            String backendUrl = "http://127.0.0.1:" + backend.port();
            String jdbc = "jdbc:postgresql://127.0.0.1:" + database.port() + "/cardsync";
            String log = loadgen(work, data, "sessions", "--backend", backendUrl, "--jdbc", jdbc, "--jdbc-user", "cardsync",
                    "--terminals", "2", "--seconds", "2", "--warmup", "0", "--history", Integer.toString(HISTORY),
                    "--postgres-pid", Long.toString(postmaster), "--out", out.toString());

            JsonNode result = new ObjectMapper().readTree(out.toFile());
            long sessions = result.path("sessions").asLong();
            assertThat(sessions).as(log).isPositive();
            assertThat(result.path("errors").asLong()).isZero();
            assertThat(result.path("terminals").asInt()).isEqualTo(2);
            JsonNode request = result.path("latencyMs").path("request");
            assertThat(request.path("p50").asDouble()).isPositive()
                    .isLessThanOrEqualTo(request.path("p99").asDouble());
            assertThat(request.path("p99").asDouble()).isLessThanOrEqualTo(request.path("max").asDouble());
            assertThat(result.path("cpuSeconds").path("postgres").asDouble()).isPositive();
            assertThat(result.path("cpuSeconds").path("loadgen").asDouble()).isPositive();
            // every session counted ran its 3 CREDITs on the card and the backend settled them on the ACK
            // (no warm-up: every session the load generator ran is in the window, or in the first card's history)
            try (Connection c = database.connect();
                 ResultSet executed = c.createStatement().executeQuery(
                         "select count(*) from action where requested_by = 'loadgen' and state = 'EXECUTED'")) {
                executed.next();
                assertThat(executed.getLong(1)).isEqualTo(3 * (sessions + HISTORY));
            }

            // the search signs in as the demo helpdesk and fails the run on any answer that contradicts the seed
            loadgen(work, data, "seed", "--jdbc", jdbc, "--jdbc-user", "cardsync", "--applications",
                    Integer.toString(SEEDED), "--long-histories", "2", "--history-sessions", "3");
            Path searched = work.resolve("search.json");
            String searchLog = loadgen(work, data, "search", "--backend", backendUrl, "--runs", "2", "--warmup", "0",
                    "--out", searched.toString());
            JsonNode search = new ObjectMapper().readTree(searched.toFile());
            // the console's total of an empty search is every card in the database, the seeded ones included
            try (Connection c = database.connect();
                 ResultSet cards = c.createStatement().executeQuery("select count(*) from card")) {
                cards.next();
                assertThat(search.path("cards").asLong()).as(searchLog).isEqualTo(cards.getLong(1));
            }
            // every kind was timed over its 2 runs, and the kinds that name one seeded card found exactly it
            assertThat(search.path("kinds")).as(searchLog).isNotEmpty().allSatisfy(kind -> {
                assertThat(kind.path("p50_ms").asDouble()).isPositive().isLessThanOrEqualTo(kind.path("max_ms").asDouble());
            });
            assertThat(search.path("kinds")).as(searchLog)
                    .filteredOn(kind -> kind.path("kind").asText().startsWith("whole card id"))
                    .singleElement().satisfies(kind -> assertThat(kind.path("hits_last").asLong()).isEqualTo(1));
            assertThat(search.path("kinds")).filteredOn(kind -> kind.path("kind").asText().startsWith("no match"))
                    .singleElement().satisfies(kind -> assertThat(kind.path("hits_last").asLong()).isZero());
        }
    }

    /** Runs one loadgen command to its end, with the backend's database password; its output, once it succeeded. */
    private static String loadgen(Path work, Path data, String... command) throws Exception {
        List<String> line = new ArrayList<>(List.of(ManagedProcess.java(), "-jar",
                LOADGEN_JAR.toAbsolutePath().toString()));
        line.addAll(List.of(command));
        Path logFile = work.resolve("loadgen-" + command[0] + ".log");
        ProcessBuilder loadgen = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(logFile.toFile());
        // the backend's password, from the file dev-postgres writes beside its data directory
        loadgen.environment().put("CARDSYNC_LOADGEN_JDBC_PASSWORD",
                Files.readString(data.resolveSibling("postgres.password"), StandardCharsets.US_ASCII).strip());
        Process process = loadgen.start();
        try {
            assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("loadgen " + command[0] + " ended").isTrue();
        } finally {
            process.destroyForcibly();
        }
        String log = Files.readString(logFile);
        assertThat(process.exitValue()).as(log).isZero();
        return log;
    }
}
