package org.cardsync.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * What the backend acknowledged survives a crash. The packaged backend and PostgreSQL (the run command's
 * dev-postgres launcher, on a data directory that outlives them) are each their own process; a crash is
 * SIGKILL to the backend and, at the same instant, to every PostgreSQL process, so neither gets to flush or
 * shut down; then both start again on the same data directory.
 *
 * <p>What they prove: the restarted system still has everything it acknowledged, so the backend's data lives in
 * the data directory (not in memory, not in a database created afresh at start) and PostgreSQL's crash
 * recovery brings every acknowledged commit back. What they cannot prove: that a commit reached the disk before
 * it was acknowledged. SIGKILL ends processes, not the machine, so the operating system's page cache keeps
 * whatever PostgreSQL wrote, flushed or not: with fsync=off these tests would pass just the same (and
 * synchronous_commit=off would only be caught if the kill happened to fall within the WAL writer's delay). That
 * guarantee is DurablePostgres's: at start-up it reads fsync, synchronous_commit and full_page_writes back from
 * the running server (SHOW) and refuses to report ready unless all three are on.
 */
class CrashRecoveryTest {

    private static final Path OUTPUT = Path.of(System.getProperty("e2e.outputDir", "target"));
    private static final Path BACKEND_JAR = Path.of(System.getProperty("e2e.backendJar",
            "../backend/target/quarkus-app/quarkus-run.jar"));

    private Path work;
    private String testName;
    private int starts;
    private PostgresServer database;
    private BackendServer backend;

    @BeforeEach
    void startSystem(TestInfo test) throws IOException {
        work = Files.createTempDirectory(Files.createDirectories(OUTPUT), "crash-");
        testName = test.getTestMethod().orElseThrow().getName();
        startBoth();
    }

    @AfterEach
    void stopSystem() {
        try {
            if (backend != null) {
                backend.close();
            }
        } finally {
            if (database != null) {
                database.close();
            }
        }
    }

    @Test
    void actionAnswered201_isStillQueuedAfterCrashAndRestart() throws Exception {
        OperatorApi helpdesk = new OperatorApi(backend.baseUrl(), "helpdesk");
        long applicationId = helpdesk.applicationId(issueCard().path("cardId").asText(), SimulatedTerminal.AID);

        long actionId = helpdesk.queueCredit(applicationId, 250); // answered 201 Created
        crashAndRestart();

        OperatorApi afterRestart = new OperatorApi(backend.baseUrl(), "helpdesk");
        assertThat(afterRestart.actionState(applicationId, actionId)).isEqualTo("QUEUED");
    }

    @Test
    void scriptIssuedBeforeCrash_isStillInFlight_andItsReplayedRequestIsRefusedAsStale() throws Exception {
        JsonNode personalisation = issueCard();
        SimulatedTerminal terminal = new SimulatedTerminal(personalisation);
        OperatorApi helpdesk = new OperatorApi(backend.baseUrl(), "helpdesk");
        long applicationId = helpdesk.applicationId(personalisation.path("cardId").asText(), SimulatedTerminal.AID);
        List<Long> queued = List.of(helpdesk.queueCredit(applicationId, 250), helpdesk.queueCredit(applicationId, 100));

        String request = terminal.request();
        SimulatedTerminal.Answer issued = terminal.post(backend.baseUrl(), "request", request);
        assertThat(issued.status()).as(issued.body().toString()).isEqualTo(200);
        List<String> script = issued.scriptApdus();
        assertThat(script).hasSize(2);
        crashAndRestart();

        OperatorApi afterRestart = new OperatorApi(backend.baseUrl(), "helpdesk");
        JsonNode inFlight = afterRestart.application(applicationId).path("inFlight");
        assertThat(inFlight.isObject()).as("a script in flight after the restart: " + inFlight).isTrue();
        assertThat(ids(inFlight.path("actions"))).isEqualTo(queued);

        // The same signed REQUEST again, as an attacker replaying it to get a second script issued
        SimulatedTerminal.Answer replay = terminal.post(backend.baseUrl(), "request", request);
        assertThat(replay.status()).isEqualTo(409);
        assertThat(replay.body().path("code").asText()).isEqualTo("STALE_ATC");
        assertThat(ids(afterRestart.application(applicationId).path("inFlight").path("actions")))
                .as("the replay issued nothing").isEqualTo(queued);

        // The script issued before the crash still runs, and its ACK settles both actions exactly once
        assertThat(terminal.execute(script)).containsOnly(0x9000);
        SimulatedTerminal.Answer ack = terminal.post(backend.baseUrl(), "ack", terminal.ack());
        assertThat(ack.status()).as(ack.body().toString()).isEqualTo(200);
        assertThat(queued).allSatisfy(id -> assertThat(afterRestart.actionState(applicationId, id)).isEqualTo("EXECUTED"));
        assertThat(terminal.balance()).isEqualTo(1000 + 250 + 100);
    }

    private JsonNode issueCard() throws IOException, InterruptedException {
        byte[] cardId = new byte[8];
        ThreadLocalRandom.current().nextBytes(cardId);
        return new OperatorApi(backend.baseUrl(), "admin").issueCard(HexFormat.of().formatHex(cardId), "bob");
    }

    private void startBoth() throws IOException {
        starts++;
        String logName = testName + "-" + starts;
        database = PostgresServer.start(work.resolve("postgres"), OUTPUT.resolve("e2e-logs/postgres-" + logName + ".log"));
        backend = BackendServer.start(BACKEND_JAR, OUTPUT, database, "backend-" + logName);
        backend.awaitReady();
    }

    private void crashAndRestart() throws Exception {
        backend.crash();
        database.crash();
        backend = null;
        database = null;
        startBoth();
    }

    private static List<Long> ids(JsonNode actions) {
        List<Long> ids = new ArrayList<>();
        actions.forEach(a -> ids.add(a.path("id").asLong()));
        return ids;
    }
}
