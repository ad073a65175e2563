package org.cardsync.e2e.faults;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the backends promised during a fault run, as the clients saw it: every action answered 201, every script a
 * terminal received (and which of its commands the card executed), every answer that broke the error contract. The
 * checks after the run hold the database and the cards to it. Thread-safe.
 */
final class Ledger {

    /** A script as a terminal received it in a 200 answer to a REQUEST, and what the card made of it. */
    record ReceivedScript(long applicationId, long scriptId, long sessionAtc, List<Command> commands,
            List<Command> executedOnCard) {
    }

    /** One script command: the action it carries and its sequence number s. */
    record Command(long actionId, long sequence) {
    }

    /** What a terminal did when it resent a signed message whose answer it had lost. */
    enum Outcome {
        /** The resend was answered as a first delivery (200): the lost one had changed nothing. */
        ANSWERED,
        /** The resend was refused STALE_ATC: the lost one had been committed, its answer was what got lost. */
        STALE,
        /** No answer but 503s and lost answers within the terminal's patience: the next session settles it. */
        GAVE_UP
    }

    /**
     * A REQUEST or an ACK sent again, the same signed bytes, after its answer was lost; for a REQUEST answered with a
     * script, that script's id and session ATC (else 0).
     */
    record Resend(String endpoint, long applicationId, Outcome outcome, long scriptId, long sessionAtc) {
    }

    private final Map<Long, Long> queuedAmounts = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<ReceivedScript> scripts = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
    private final AtomicInteger messages = new AtomicInteger();
    private final AtomicInteger sessions = new AtomicInteger();
    private final Map<ServerFleet.Loss, AtomicInteger> unanswered = new ConcurrentHashMap<>();
    private final AtomicInteger databaseUnavailable = new AtomicInteger();
    private final ConcurrentLinkedQueue<Resend> resends = new ConcurrentLinkedQueue<>();

    /** An action the staff API answered 201 Created for. */
    void queued(long actionId, long amount) {
        queuedAmounts.put(actionId, amount);
    }

    void script(ReceivedScript script) {
        scripts.add(script);
    }

    void session() {
        sessions.incrementAndGet();
    }

    /** A request that got no answer, and why (the fleet knows which instance was killed under which request). */
    void noAnswer(ServerFleet.Loss why) {
        messages.incrementAndGet();
        unanswered.computeIfAbsent(why, w -> new AtomicInteger()).incrementAndGet();
    }

    void resent(Resend resend) {
        resends.add(resend);
    }

    /**
     * An answer from a backend: anything 5xx must be {@code 503 DATABASE_UNAVAILABLE} with Retry-After
     * (FAULTS-CONTRACT section 5); a 500 means a fault surfaced as a bug.
     */
    void answered(String what, int status, JsonNode body, boolean hasRetryAfter) {
        messages.incrementAndGet();
        if (status < 500) {
            return;
        }
        if (status == 503 && "DATABASE_UNAVAILABLE".equals(body.path("code").asText()) && hasRetryAfter
                && !body.path("message").asText().isBlank()) {
            databaseUnavailable.incrementAndGet();
        } else {
            violation(what + " answered " + status + " " + body + (hasRetryAfter ? "" : " without Retry-After"));
        }
    }

    void violation(String what) {
        violations.add(what);
    }

    Map<Long, Long> queuedAmounts() {
        return Map.copyOf(queuedAmounts);
    }

    List<ReceivedScript> scripts() {
        return new ArrayList<>(scripts);
    }

    List<String> violations() {
        return new ArrayList<>(violations);
    }

    int messages() {
        return messages.get();
    }

    int sessions() {
        return sessions.get();
    }

    int unanswered(ServerFleet.Loss why) {
        AtomicInteger count = unanswered.get(why);
        return count == null ? 0 : count.get();
    }

    List<Resend> resends() {
        return new ArrayList<>(resends);
    }

    /** How many {@code endpoint} messages were resent with {@code outcome}. */
    long resends(String endpoint, Outcome outcome) {
        return resends.stream().filter(r -> r.endpoint().equals(endpoint) && r.outcome() == outcome).count();
    }

    int databaseUnavailable() {
        return databaseUnavailable.get();
    }
}
