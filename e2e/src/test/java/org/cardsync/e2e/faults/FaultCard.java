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

    private final SimulatedTerminal terminal;
    private final String cardId;
    private final long applicationId;
    private final ReentrantLock inReader = new ReentrantLock();

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
     * retried through the load balancer: at most one of them may issue a script for the session. A message that gets
     * no answer (its instance was killed or is down) ends the session there; the next one settles it.
     */
    void session(ServerFleet fleet, Random random, boolean duplicateRequest, Ledger ledger) throws InterruptedException {
        inReader.lock();
        try {
            ledger.session();
            String request = terminal.request();
            int first = random.nextInt(fleet.size());
            List<CompletableFuture<SimulatedTerminal.Answer>> posts = new ArrayList<>();
            posts.add(postAsync(fleet, first, "request", request, ledger));
            if (duplicateRequest) {
                posts.add(postAsync(fleet, (first + 1) % fleet.size(), "request", request, ledger));
            }
            List<JsonNode> scripts = new ArrayList<>();
            for (CompletableFuture<SimulatedTerminal.Answer> post : posts) {
                SimulatedTerminal.Answer answer = post.join();
                // a script with no command (nothing pending) is no script: it has no id and issues nothing
                if (answer != null && answer.status() == 200
                        && !answer.body().path("script").path("commands").isEmpty()) {
                    scripts.add(answer.body().path("script"));
                }
            }
            if (scripts.size() > 1) {
                ledger.violation("one REQUEST of card " + cardId + " was issued two scripts: " + scripts);
            }
            if (!scripts.isEmpty()) {
                run(scripts.get(0), ledger);
            }
            post(fleet, random.nextInt(fleet.size()), "ack", terminal.ack(), ledger);
        } finally {
            inReader.unlock();
        }
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

    /** Posts a card message; null when no answer came (connection refused or reset: the instance is down). */
    SimulatedTerminal.Answer post(ServerFleet fleet, int instance, String endpoint, String message, Ledger ledger)
            throws InterruptedException {
        try {
            SimulatedTerminal.Answer answer = terminal.post(fleet.baseUrl(instance), endpoint, message);
            ledger.answered("POST /api/terminal/" + endpoint, answer.status(), answer.body(), answer.retryAfter());
            return answer;
        } catch (IOException e) {
            ledger.noAnswer();
            return null;
        }
    }
}
