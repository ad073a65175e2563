package org.cardsync.backend.bench;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cardsync.backend.testsupport.TestTerminal;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a test (its name keeps it out of surefire's default run; scripts/bench-sessions runs it):
 * complete card sessions per second (REQUEST, a 3-action script executed on the real applet, ACK) against
 * the backend on PostgreSQL, next to pgbench's TPS on the same server in the same run. Results are written
 * to target/bench-sessions.txt; docs/performance.md explains them.
 */
@QuarkusTest
@TestProfile(BenchProfile.class)
class SessionThroughputBench {
    private static final Logger LOG = Logger.getLogger(SessionThroughputBench.class);
    private static final int TERMINALS = Integer.getInteger("bench.terminals", 4);
    private static final int SECONDS = Integer.getInteger("bench.seconds", 20);
    private static final int WARMUP_SECONDS = Integer.getInteger("bench.warmup", 10);

    private static final int ACTIONS_PER_TERMINAL = Integer.getInteger("bench.actions", 30000);

    @Inject
    AgroalDataSource dataSource;

    @Test
    void sessionsPerSecond_nextToPgbench() throws Exception {
        String url;
        try (Connection c = dataSource.getConnection()) {
            url = c.getMetaData().getURL();
        }
        Matcher m = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/(\\w+)").matcher(url);
        if (!m.find()) {
            throw new IllegalStateException("not a PostgreSQL URL: " + url);
        }
        String host = m.group(1);
        String port = m.group(2);

        List<TestTerminal> terminals = new ArrayList<>();
        for (int i = 0; i < TERMINALS; i++) {
            terminals.add(TestTerminal.issue("bob"));
        }
        // Queue the work up front with one JDBC batch per card, outside the measured loop (the operator API's
        // bcrypt login per call would otherwise eat the two cores). Set-up only: nothing measured goes this way.
        for (TestTerminal t : terminals) {
            queueCredits(t.applicationId, ACTIONS_PER_TERMINAL);
        }
        run(terminals, WARMUP_SECONDS); // JIT, connection pool, jcardsim warm-up
        // -Dbench.jfr=<file> records a JFR profile of the measured window only (not start-up or set-up)
        String jfr = System.getProperty("bench.jfr");
        jdk.jfr.Recording recording = null;
        if (jfr != null) {
            recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
            recording.start();
        }
        Result r = run(terminals, SECONDS);
        if (recording != null) {
            recording.dump(Path.of(jfr));
            recording.close();
        }

        runPgbench(host, port, List.of("-i", "-s", "10", "-q"));
        String pgbench = runPgbench(host, port, List.of("-c", String.valueOf(TERMINALS), "-j", "2", "-T",
                String.valueOf(SECONDS), "-n"));
        Matcher tps = Pattern.compile("tps = ([0-9.]+)").matcher(pgbench);
        double pgTps = tps.find() ? Double.parseDouble(tps.group(1)) : Double.NaN;

        String report = String.format(
                "terminals=%d seconds=%d sessions=%d sessions_per_s=%.1f actions_per_s=%.1f%n"
                        + "per session, median ms: card=%.2f request=%.2f ack=%.2f (p99 request=%.2f ack=%.2f)%n"
                        + "pgbench tpc-b clients=%d tps=%.1f ratio=%.2f%n",
                TERMINALS, SECONDS, r.sessions, r.sessions / (double) SECONDS, 3.0 * r.sessions / SECONDS,
                r.median(r.cardNanos), r.median(r.requestNanos), r.median(r.ackNanos), r.p99(r.requestNanos),
                r.p99(r.ackNanos), TERMINALS, pgTps, (r.sessions / (double) SECONDS) / pgTps);
        LOG.info("\n" + report);
        Files.writeString(Path.of("target/bench-sessions.txt"), report + "\n--- pgbench ---\n" + pgbench);
    }

    private static final class Result {
        long sessions;
        final List<Long> cardNanos = new ArrayList<>();
        final List<Long> requestNanos = new ArrayList<>();
        final List<Long> ackNanos = new ArrayList<>();

        synchronized void add(long card, long request, long ack) {
            sessions++;
            cardNanos.add(card);
            requestNanos.add(request);
            ackNanos.add(ack);
        }

        double median(List<Long> xs) {
            return percentile(xs, 0.5);
        }

        double p99(List<Long> xs) {
            return percentile(xs, 0.99);
        }

        private static double percentile(List<Long> xs, double p) {
            long[] a = xs.stream().mapToLong(Long::longValue).toArray();
            Arrays.sort(a);
            return a.length == 0 ? Double.NaN : a[(int) Math.min(a.length - 1, Math.floor(p * a.length))] / 1e6;
        }
    }

    private void queueCredits(long applicationId, int n) throws java.sql.SQLException {
        try (Connection c = dataSource.getConnection();
             java.sql.PreparedStatement ps = c.prepareStatement("insert into action (application_id, type, payload, state, "
                     + "position, attempts, merit_failures, cancel_requested, requested_by, created_at, updated_at) "
                     + "values (?, 'CREDIT', '00000001', 'QUEUED', ?, 0, 0, false, 'bench', now(), now())")) {
            c.setAutoCommit(false);
            for (int i = 1; i <= n; i++) {
                ps.setLong(1, applicationId);
                ps.setLong(2, i);
                ps.addBatch();
                if (i % 1000 == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
            c.commit();
        }
    }

    /** A lean HTTP client, so that the client side of the bench costs little next to the server. */
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String post(String endpoint, String messageHex) {
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/terminal/" + endpoint))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"" + messageHex + "\"}")).build();
        try {
            HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(endpoint + " answered " + r.statusCode() + ": " + r.body());
            }
            return r.body();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Result run(List<TestTerminal> terminals, int seconds) throws Exception {
        Result result = new Result();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(terminals.size());
        List<Future<?>> futures = new ArrayList<>();
        for (TestTerminal t : terminals) {
            futures.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    long t0 = System.nanoTime();
                    String request = t.cardRequest();
                    long t1 = System.nanoTime();
                    List<String> script = new ArrayList<>();
                    for (JsonNode c : JSON.readTree(post("request", request)).path("script").path("commands")) {
                        script.add(c.path("apdu").asText());
                    }
                    long t2 = System.nanoTime();
                    if (script.size() != 3) {
                        throw new IllegalStateException("ran out of queued actions; raise -Dbench.actions");
                    }
                    script.forEach(t::execute);
                    String ack = t.cardAck();
                    long t3 = System.nanoTime();
                    post("ack", ack);
                    long t4 = System.nanoTime();
                    result.add((t1 - t0) + (t3 - t2), t2 - t1, t4 - t3);
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        return result;
    }

    private static String runPgbench(String host, String port, List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("pgbench", "-h", host, "-p", port, "-U", "postgres"));
        cmd.addAll(args);
        cmd.add("postgres");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("PGPASSWORD", "postgres");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("pgbench failed: " + out);
        }
        return out;
    }
}
