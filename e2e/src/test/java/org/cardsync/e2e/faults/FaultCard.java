package org.cardsync.e2e.faults;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;
import org.cardsync.e2e.SimulatedTerminal;

/**
 * One card (the real applet on jcardsim) and what any terminal does with it: a whole session, each message posted to
 * a backend instance chosen at random. A card is in one reader at a time, so sessions on one card take turns (its
 * lock); many terminals take turns with the same few cards, and their sessions overlap across cards and instances.
 * Every 2xx the terminal receives is written to the {@link Ledger}.
 */
final class FaultCard {

    /** The duplicate REQUESTs' senders: the common pool has one thread on two cores, which would serialise them. */
    private static final ExecutorService SENDERS = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "fault-terminal-sender");
        thread.setDaemon(true);
        return thread;
    });

    /** How long a terminal keeps resending one message (the database's restart takes a few seconds). */
    private static final long RESEND_PATIENCE_MILLIS = 20_000;

    private final SimulatedTerminal terminal;
    private final String cardId;
    private final long applicationId;
    /** Fair: a terminal (or the test's probe) waiting for the card gets it in turn, not after every other one. */
    private final ReentrantLock inReader = new ReentrantLock(true);

    FaultCard(JsonNode personalisationFile, long applicationId) {
        this.terminal = new SimulatedTerminal(personalisationFile);
        this.cardId = personalisationFile.path("cardId").asText();
        this.applicationId = applicationId;
    }

    String cardId() {
        return cardId;
    }

    long applicationId() {
        return applicationId;
    }

    /**
     * One session: REQUEST, the script's commands on the card up to the first one it refuses, ACK. With
     * {@code duplicateRequest} the same signed REQUEST goes to two instances at the same instant, as a terminal that
     * retried through the load balancer: at most one script may be issued for the session. A message whose answer is
     * lost (its instance was killed, or was down) or refused 503 DATABASE_UNAVAILABLE is sent again, the same signed
     * bytes, to the other instance ({@link #resend}); if even that gets nowhere, the session ends there and the next
     * one settles it.
     */
    void session(ServerFleet fleet, Random random, boolean duplicateRequest, Ledger ledger) throws InterruptedException {
        inReader.lockInterruptibly();
        try {
            ledger.session();
            String request = terminal.request();
            int first = random.nextInt(fleet.size());
            List<CompletableFuture<SimulatedTerminal.Answer>> posts = new ArrayList<>();
            posts.add(postAsync(fleet, first, "request", request, ledger));
            if (duplicateRequest) {
                posts.add(postAsync(fleet, (first + 1) % fleet.size(), "request", request, ledger));
            }
            List<SimulatedTerminal.Answer> answers = new ArrayList<>();
            for (CompletableFuture<SimulatedTerminal.Answer> post : posts) {
                answers.add(post.join());
            }
            if (answers.stream().noneMatch(FaultCard::isFinal)) {
                answers.add(resend(fleet, first, "request", request, ledger));
            }
            List<JsonNode> scripts = new ArrayList<>();
            for (SimulatedTerminal.Answer answer : answers) {
                if (hasScript(answer) && !scripts.contains(answer.body().path("script"))) {
                    scripts.add(answer.body().path("script"));
                }
            }
            if (scripts.size() > 1) {
                ledger.violation("one REQUEST of card " + cardId + " was issued different scripts: " + scripts);
            }
            if (!scripts.isEmpty()) {
                run(scripts.get(0), ledger);
            }
            String ack = terminal.ack();
            int ackTo = random.nextInt(fleet.size());
            if (!isFinal(post(fleet, ackTo, "ack", ack, ledger))) {
                resend(fleet, ackTo, "ack", ack, ledger);
            }
        } finally {
            inReader.unlock();
        }
    }

    /**
     * The terminal's retry through the load balancer: the same signed {@code message}, whose answer from instance
     * {@code lastTried} was lost or 503, to the other instance, and on until an answer other than 503 comes (at most
     * {@link #RESEND_PATIENCE_MILLIS}). The answer must be a first delivery's (200: the lost one had changed nothing)
     * or {@code 409 STALE_ATC} (the lost one was committed and only its answer was lost); a resent REQUEST never gets
     * a second, different script for its session (checked here for what the terminal saw, and in
     * {@link ServerInvariants} against the database). Returns the answer, or null if none came or it broke that rule.
     */
    private SimulatedTerminal.Answer resend(ServerFleet fleet, int lastTried, String endpoint, String message,
            Ledger ledger) throws InterruptedException {
        long deadline = System.nanoTime() + RESEND_PATIENCE_MILLIS * 1_000_000;
        int instance = lastTried;
        while (System.nanoTime() < deadline) {
            instance = (instance + 1) % fleet.size();
            SimulatedTerminal.Answer answer = post(fleet, instance, endpoint, message, ledger);
            if (!isFinal(answer)) {
                Thread.sleep(answer == null ? 100 : 500); // down, or the database is restarting (503)
                continue;
            }
            if (answer.status() == 200) {
                JsonNode script = answer.body().path("script");
                boolean issued = hasScript(answer);
                ledger.resent(new Ledger.Resend(endpoint, applicationId, Ledger.Outcome.ANSWERED,
                        issued ? script.path("scriptId").asLong() : 0, issued ? script.path("sessionAtc").asLong() : 0));
                return answer;
            }
            if (answer.status() == 409 && "STALE_ATC".equals(answer.body().path("code").asText())) {
                ledger.resent(new Ledger.Resend(endpoint, applicationId, Ledger.Outcome.STALE, 0, 0));
                return answer;
            }
            ledger.violation("a resent " + endpoint + " of card " + cardId + " was answered " + answer.status() + " "
                    + answer.body() + ": neither a first delivery's answer nor STALE_ATC");
            return null;
        }
        ledger.resent(new Ledger.Resend(endpoint, applicationId, Ledger.Outcome.GAVE_UP, 0, 0));
        return null;
    }

    /** An answer the terminal acts on: any but none at all and a retryable 5xx. */
    private static boolean isFinal(SimulatedTerminal.Answer answer) {
        return answer != null && answer.status() < 500;
    }

    /** A script with no command (nothing pending) is no script: it has no id and issues nothing. */
    private static boolean hasScript(SimulatedTerminal.Answer answer) {
        return answer != null && answer.status() == 200 && !answer.body().path("script").path("commands").isEmpty();
    }

    /** Signs a REQUEST (a session the server will never hear of), e.g. to probe a backend with a real message. */
    String signRequestOutOfSession() {
        inReader.lock();
        try {
            String request = terminal.request();
            terminal.ack();
            return request;
        } finally {
            inReader.unlock();
        }
    }

    /** The card's own counters and balance, read when no session runs. */
    org.cardsync.protocol.CardStatus status() {
        inReader.lock();
        try {
            return terminal.status();
        } finally {
            inReader.unlock();
        }
    }

    private void run(JsonNode script, Ledger ledger) {
        List<Ledger.Command> commands = new ArrayList<>();
        List<String> apdus = new ArrayList<>();
        for (JsonNode c : script.path("commands")) {
            commands.add(new Ledger.Command(c.path("actionId").asLong(), c.path("sequence").asLong()));
            apdus.add(c.path("apdu").asText());
        }
        List<Ledger.Command> executed = new ArrayList<>();
        for (int i = 0; i < apdus.size(); i++) {
            if (terminal.execute(List.of(apdus.get(i))).get(0) != 0x9000) {
                break; // later commands would be refused anyway (docs/api.md, Terminal API)
            }
            executed.add(commands.get(i));
        }
        ledger.script(new Ledger.ReceivedScript(applicationId, script.path("scriptId").asLong(),
                script.path("sessionAtc").asLong(), commands, executed));
    }

    private CompletableFuture<SimulatedTerminal.Answer> postAsync(ServerFleet fleet, int instance, String endpoint,
            String message, Ledger ledger) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return post(fleet, instance, endpoint, message, ledger);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }, SENDERS);
    }

    /**
     * Posts a card message; null when no answer came (connection refused, reset or cut: the fleet says which, and the
     * ledger counts it).
     */
    SimulatedTerminal.Answer post(ServerFleet fleet, int instance, String endpoint, String message, Ledger ledger)
            throws InterruptedException {
        ServerFleet.Call call = fleet.begin(instance);
        try {
            SimulatedTerminal.Answer answer = terminal.post(call.baseUrl(), endpoint, message);
            ledger.answered("POST /api/terminal/" + endpoint, answer.status(), answer.body(), answer.retryAfter());
            return answer;
        } catch (IOException e) {
            ledger.noAnswer(fleet.loss(call, e));
            return null;
        } finally {
            fleet.end(call);
        }
    }
}
