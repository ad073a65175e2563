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

    private final Map<Long, Long> queuedAmounts = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<ReceivedScript> scripts = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
    private final AtomicInteger messages = new AtomicInteger();
    private final AtomicInteger sessions = new AtomicInteger();
    private final AtomicInteger unanswered = new AtomicInteger();
    private final AtomicInteger databaseUnavailable = new AtomicInteger();

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

    /** A request that got no answer: the backend died under it, or was down. */
    void noAnswer() {
        messages.incrementAndGet();
        unanswered.incrementAndGet();
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

    int unanswered() {
        return unanswered.get();
    }

    int databaseUnavailable() {
        return databaseUnavailable.get();
    }
}
