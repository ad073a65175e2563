package org.cardsync.e2e.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.cardsync.e2e.OperatorApi;
import org.cardsync.e2e.SimulatedTerminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 part 3: two packaged backends (separate JVMs) on one PostgreSQL, many terminals driving the same few cards
 * (the real applet) through both at once, each message to an instance chosen at random, some REQUESTs sent to both
 * instances at the same instant; a staff client queueing CREDITs through both. Under that load, backends are killed
 * with SIGKILL and restarted on the same database, then PostgreSQL is stopped and started again under them. A terminal
 * whose answer is lost (or 503) sends the same signed REQUEST or ACK again to the other instance ({@link FaultCard}).
 *
 * <p>Where the kills fall: after a random delay, at the first instant when a client request to the instance is open
 * ({@link ServerFleet#crashAndRestart}), so a kill lands wherever the instance's requests happen to be (reading,
 * waiting for the row lock, inside the transaction, between commit and answer) in proportion to the time they spend
 * there, without any hook in the production code. Requests cut that way are counted apart from those refused while an
 * instance was down, and at least one must be cut. Many kills (scripts/soak-servers) cover the short windows too.
 *
 * <p>Then one clean session per card until nothing is pending, and {@link ServerInvariants}: no second script for a
 * session (a resent REQUEST gets the same script or STALE_ATC, never another), every 201 action EXECUTED once, every
 * received script settled as the card ran it, the card's CA and balance equal to the EXECUTED actions in order; and
 * throughout, every 5xx a 503 DATABASE_UNAVAILABLE with Retry-After. Sizes from system properties {@code faults.kills}
 * (at least 1), {@code faults.pgRestarts}, {@code faults.cards}, {@code faults.terminals}; {@code faults.seed} replays
 * a run's random choices (printed first); prints one {@code RELIABILITY servers ...} line.
 */
class CrashedAndParallelServersTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHANNEL_BACK = "listening on cardsync_changed again";

    private final int kills = Integer.getInteger("faults.kills", 4);
    private final int databaseRestarts = Integer.getInteger("faults.pgRestarts", 2);
    private final int cardCount = Integer.getInteger("faults.cards", 3);
    private final int terminalCount = Integer.getInteger("faults.terminals", 6);
    private final long seed = Long.getLong("faults.seed", new Random().nextLong());

    private final Ledger ledger = new Ledger();
    private final AtomicBoolean loading = new AtomicBoolean(true);
    private final List<Thread> load = new ArrayList<>();
    private final Map<String, OperatorApi> staffClients = new ConcurrentHashMap<>();
    private ServerFleet fleet;

    @AfterEach
    void stop() throws InterruptedException {
        stopLoad();
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    void twoBackendsOnOneDatabase_killedAndDatabaseRestartedUnderLoad_loseNothingAndIssueNoScriptTwice()
            throws Exception {
        // first, so that a run that fails or hangs midway has printed it (replay: -Dfaults.seed=...)
        System.out.printf("faults seed=%d (replay its choices with -Dfaults.seed=%d)%n", seed, seed);
        if (kills < 1) {
            throw new IllegalArgumentException("faults.kills=" + kills + ": this test is about kills, at least 1");
        }
        try {
            run();
        } catch (Exception | AssertionError e) {
            System.out.printf("faults seed=%d failed: %s%n", seed, e);
            throw e;
        }
    }

    private void run() throws Exception {
        Random random = new Random(seed);
        fleet = ServerFleet.start("servers", 2);
        List<FaultCard> cards = issueCards();

        startLoad(cards);
        Thread.sleep(8_000); // both instances, no fault: the duplicated REQUESTs race on the row lock
        for (int k = 0; k < kills; k++) {
            Thread.sleep(200 + random.nextInt(2_500));
            fleet.crashAndRestart(random.nextInt(fleet.size()));
        }
        for (int r = 0; r < databaseRestarts; r++) {
            Thread.sleep(500 + random.nextInt(2_000));
            restartDatabaseUnderLoad(cards.get(0));
        }
        stopLoad();

        for (FaultCard card : cards) {
            settleEverything(card, random);
        }
        List<String> violations = new ArrayList<>(ledger.violations());
        try (Connection db = fleet.database().connect()) {
            violations.addAll(ServerInvariants.check(db, ledger, cards));
        }
        System.out.printf("RELIABILITY servers instances=%d terminals=%d sessions=%d kills=%d pgRestarts=%d"
                        + " violations=%d actions=%d scripts=%d messages=%d cut=%d down=%d lostOther=%d"
                        + " requestResends=%d(answered=%d,stale=%d,gaveUp=%d) ackResends=%d(answered=%d,stale=%d,gaveUp=%d)"
                        + " databaseUnavailable=%d portMoves=%d seed=%d%n",
                fleet.size(), terminalCount, ledger.sessions(), kills, databaseRestarts, violations.size(),
                ledger.queuedAmounts().size(), ledger.scripts().size(), ledger.messages(),
                ledger.unanswered(ServerFleet.Loss.CUT), ledger.unanswered(ServerFleet.Loss.DOWN),
                ledger.unanswered(ServerFleet.Loss.OTHER),
                resends("request"), ledger.resends("request", Ledger.Outcome.ANSWERED),
                ledger.resends("request", Ledger.Outcome.STALE), ledger.resends("request", Ledger.Outcome.GAVE_UP),
                resends("ack"), ledger.resends("ack", Ledger.Outcome.ANSWERED),
                ledger.resends("ack", Ledger.Outcome.STALE), ledger.resends("ack", Ledger.Outcome.GAVE_UP),
                ledger.databaseUnavailable(), fleet.portMoves(), seed);
        assertThat(violations).as("violations (seed " + seed + ")").isEmpty();
        // each kill waits for an open request (ServerFleet.crashAndRestart): some must have been cut, or the kills
        // did not land inside request handling and the run proved nothing about it
        assertThat(ledger.unanswered(ServerFleet.Loss.CUT)).as("requests cut by a kill (seed " + seed + ")")
                .isPositive();
        assertThat(resends("request") + resends("ack")).as("messages resent after a lost answer").isPositive();
        assertThat(ledger.queuedAmounts()).as("actions answered 201").isNotEmpty();
        assertThat(ledger.scripts()).as("scripts the cards ran").isNotEmpty();
    }

    private long resends(String endpoint) {
        return ledger.resends().stream().filter(r -> r.endpoint().equals(endpoint)).count();
    }

    private List<FaultCard> issueCards() throws IOException, InterruptedException {
        OperatorApi admin = new OperatorApi(fleet.baseUrl(0), "admin");
        List<FaultCard> cards = new ArrayList<>();
        Random ids = new Random(seed);
        for (int i = 0; i < cardCount; i++) {
            byte[] cardId = new byte[8];
            ids.nextBytes(cardId);
            JsonNode file = admin.issueCard(HexFormat.of().formatHex(cardId), "bob");
            long applicationId = admin.applicationId(file.path("cardId").asText(), SimulatedTerminal.AID);
            cards.add(new FaultCard(file, applicationId));
        }
        return cards;
    }

    /** Terminals, a staff client queueing through both instances, and a watcher of the script table. */
    private void startLoad(List<FaultCard> cards) {
        for (int t = 0; t < terminalCount; t++) {
            Random random = new Random(seed + 1 + t);
            loadThread("terminal-" + t, () -> {
                FaultCard card = cards.get(random.nextInt(cards.size()));
                card.session(fleet, random, random.nextInt(4) == 0, ledger);
            });
        }
        Random staffRandom = new Random(seed - 1);
        loadThread("staff", () -> {
            FaultCard card = cards.get(staffRandom.nextInt(cards.size()));
            long amount = 1 + staffRandom.nextInt(50);
            queue(staffRandom.nextInt(fleet.size()), card, amount);
            Thread.sleep(100 + staffRandom.nextInt(300));
        });
        loadThread("script-watch", () -> {
            watchInFlightScripts();
            Thread.sleep(200);
        });
    }

    /** The staff client queues a CREDIT through {@code instance}, at the address the instance has now. */
    private void queue(int instance, FaultCard card, long amount) throws InterruptedException {
        ServerFleet.Call call = fleet.begin(instance);
        try {
            OperatorApi staff = staffClients.computeIfAbsent(call.baseUrl(), url -> new OperatorApi(url, "helpdesk"));
            HttpResponse<String> answer = staff.tryQueueCredit(card.applicationId(), amount);
            JsonNode body = answer.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(answer.body());
            if (answer.statusCode() == 201) {
                ledger.queued(body.get(0).path("id").asLong(), amount);
            }
            ledger.answered("POST /api/applications/{id}/actions", answer.statusCode(), body,
                    answer.headers().firstValue("Retry-After").isPresent());
        } catch (IOException e) {
            ledger.noAnswer(fleet.loss(call, e));
        } finally {
            fleet.end(call);
        }
    }

    /** ARCHITECTURE rule 7 at any instant, not only at the end: at most one script in flight per application. */
    private void watchInFlightScripts() {
        try (Connection db = fleet.database().connect(); Statement s = db.createStatement();
                ResultSet r = s.executeQuery("select application_id, count(*) from script where status = 'IN_FLIGHT'"
                        + " group by application_id having count(*) > 1")) {
            while (r.next()) {
                ledger.violation("application " + r.getLong(1) + " had " + r.getLong(2) + " scripts in flight at once");
            }
        } catch (IOException | SQLException e) {
            // PostgreSQL is restarting: nothing to watch
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    private void loadThread(String name, Step step) {
        Thread thread = new Thread(() -> {
            while (loading.get()) {
                try {
                    step.run();
                } catch (InterruptedException e) {
                    return;
                } catch (Exception | AssertionError e) {
                    ledger.violation(name + " failed: " + e);
                }
            }
        }, "faults-" + name);
        load.add(thread);
        thread.start();
    }

    /**
     * Ends the load. A thread still running after 60 s (a session resends for at most 20 s per message) is stuck: a
     * violation, and it is interrupted, so that it cannot post during the final checks and make them lie.
     */
    private void stopLoad() throws InterruptedException {
        loading.set(false);
        for (Thread thread : load) {
            thread.join(60_000);
            if (thread.isAlive()) {
                ledger.violation(thread.getName() + " did not stop within 60 s of the end of the load: "
                        + List.of(thread.getStackTrace()));
                thread.interrupt();
                thread.join(10_000);
            }
        }
        for (Thread thread : load) {
            if (thread.isAlive()) {
                throw new AssertionError(thread.getName() + " still runs after an interrupt: the final checks would"
                        + " run under its load (seed " + seed + ")");
            }
        }
        load.clear();
    }

    /**
     * PostgreSQL stopped and started again under load. While it is down, both instances answer the staff API and the
     * terminal API (a real signed REQUEST) with 503 DATABASE_UNAVAILABLE and Retry-After; once it is back, each
     * instance serves requests again and its LISTEN connection is back, without a restart.
     */
    private void restartDatabaseUnderLoad(FaultCard probeCard) throws Exception {
        int[] relistenedBefore = new int[fleet.size()];
        for (int i = 0; i < fleet.size(); i++) {
            relistenedBefore[i] = occurrences(fleet.backend(i).logText(), CHANNEL_BACK);
        }
        // signed before the stop: while PostgreSQL is down, the card's sessions hold it for their resends
        List<String> probes = new ArrayList<>();
        for (int i = 0; i < fleet.size(); i++) {
            probes.add(probeCard.signRequestOutOfSession());
        }
        fleet.restartDatabase(() -> {
            for (int i = 0; i < fleet.size(); i++) {
                probeWhileDown(i, probeCard, probes.get(i));
            }
        });
        for (int i = 0; i < fleet.size(); i++) {
            OperatorApi helpdesk = new OperatorApi(fleet.baseUrl(i), "helpdesk");
            int instance = i;
            awaitTrue("instance " + i + " serves again after the database restart", () ->
                    helpdesk.tryGet("/api/applications/" + probeCard.applicationId()).statusCode() == 200);
            awaitTrue("instance " + i + " LISTENs again", () ->
                    occurrences(fleet.backend(instance).logText(), CHANNEL_BACK) > relistenedBefore[instance]);
        }
    }

    private void probeWhileDown(int instance, FaultCard probeCard, String request) throws Exception {
        HttpResponse<String> staff = new OperatorApi(fleet.baseUrl(instance), "helpdesk")
                .tryGet("/api/applications/" + probeCard.applicationId());
        expectUnavailable("instance " + instance + " GET /api/applications/{id}", staff.statusCode(),
                JSON.readTree(staff.body()), staff.headers().firstValue("Retry-After").isPresent());
        SimulatedTerminal.Answer terminal = probeCard.post(fleet, instance, "request", request, new Ledger());
        if (terminal == null) {
            ledger.violation("instance " + instance + " did not answer a REQUEST while the database was down");
        } else {
            expectUnavailable("instance " + instance + " POST /api/terminal/request", terminal.status(),
                    terminal.body(), terminal.retryAfter());
        }
    }

    private void expectUnavailable(String what, int status, JsonNode body, boolean retryAfter) {
        if (status != 503 || !"DATABASE_UNAVAILABLE".equals(body.path("code").asText()) || !retryAfter) {
            ledger.violation(what + " answered " + status + " " + body + (retryAfter ? "" : " without Retry-After")
                    + " while the database was down");
        }
    }

    /** Clean sessions (both instances, no fault) until the card application has nothing pending or in flight. */
    private void settleEverything(FaultCard card, Random random) throws Exception {
        OperatorApi helpdesk = new OperatorApi(fleet.baseUrl(0), "helpdesk");
        for (int session = 0; session < 40; session++) {
            card.session(fleet, random, false, ledger);
            JsonNode detail = helpdesk.application(card.applicationId());
            if (detail.path("pendingTotal").asLong() == 0 && !detail.path("inFlight").isObject()) {
                return;
            }
            if ("FROZEN".equals(detail.path("status").asText())) {
                ledger.violation("card " + card.cardId() + " is FROZEN: " + detail.path("frozen"));
                return;
            }
        }
        ledger.violation("card " + card.cardId() + " still has actions pending after 40 clean sessions");
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void awaitTrue(String what, Condition condition) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (!condition.holds()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(what + ": not within 90 s");
            }
            Thread.sleep(250);
        }
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }
}
