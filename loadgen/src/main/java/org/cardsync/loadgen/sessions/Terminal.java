package org.cardsync.loadgen.sessions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.cardsync.loadgen.http.BackendHttp;

/**
 * One terminal with its card, running complete sessions back to back as a real terminal does: the card signs a
 * REQUEST, the backend answers a script, the card runs its commands and signs an ACK, the backend settles it.
 * Not thread-safe: one thread drives one terminal.
 */
final class Terminal {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SimulatedCard card;
    private final BackendHttp http;
    private final int actionsPerSession;

    Terminal(SimulatedCard card, BackendHttp http, int actionsPerSession) {
        this.card = card;
        this.http = http;
        this.actionsPerSession = actionsPerSession;
    }

    /** Runs sessions until {@code deadline} (System.nanoTime), recording each complete one in {@code latencies}. */
    void runUntil(long deadline, Latencies latencies) {
        while (System.nanoTime() < deadline) {
            session(latencies);
        }
    }

    /** Runs {@code count} sessions, recording each in {@code latencies}. */
    void runSessions(int count, Latencies latencies) {
        for (int i = 0; i < count; i++) {
            session(latencies);
        }
    }

    private void session(Latencies latencies) {
        long t0 = System.nanoTime();
        String request = card.request();
        long t1 = System.nanoTime();
        Script script = script(post("request", request));
        long t2 = System.nanoTime();
        for (String apdu : script.apdus()) {
            card.execute(apdu);
        }
        String ack = card.ack();
        long t3 = System.nanoTime();
        settled(post("ack", ack), script.baseCa());
        long t4 = System.nanoTime();
        latencies.record(t1 - t0 + t3 - t2, t2 - t1, t4 - t3, t4 - t0);
    }

    private record Script(long baseCa, List<String> apdus) {
    }

    private String post(String endpoint, String messageHex) {
        BackendHttp.Answer answer = http.post("/api/terminal/" + endpoint, "{\"message\":\"" + messageHex + "\"}");
        if (answer.status() != 200) {
            throw new SessionFailure(endpoint.toUpperCase(java.util.Locale.ROOT) + " answered " + answer.status()
                    + ": " + answer.body());
        }
        return answer.body();
    }

    /** The script's EXECUTE APDUs; exactly {@code actionsPerSession} of them, or the run measures something else. */
    private Script script(String answer) {
        JsonNode script = json("REQUEST", answer).path("script");
        JsonNode commands = script.path("commands");
        List<String> apdus = new ArrayList<>(commands.size());
        for (JsonNode command : commands) {
            apdus.add(command.path("apdu").asText());
        }
        if (apdus.size() != actionsPerSession) {
            throw new SessionFailure("REQUEST answered a script of " + apdus.size() + " commands, not "
                    + actionsPerSession + " (queue ran out, or the backend lacks -Dcardsync.scripts.max-actions="
                    + actionsPerSession + ")");
        }
        return new Script(script.path("baseCa").asLong(-1), apdus);
    }

    /**
     * The ACK's settlement: every action of the script executed and the counter past them. A session whose actions
     * were requeued or failed did not do the work the figure counts (and the window's last one meets no next REQUEST).
     */
    private void settled(String answer, long baseCa) {
        JsonNode settlement = json("ACK", answer).path("settlement");
        int executed = settlement.path("executed").size();
        long confirmedCa = settlement.path("confirmedCa").asLong(-1);
        if (executed != actionsPerSession || confirmedCa != baseCa + actionsPerSession) {
            throw new SessionFailure("ACK settled " + executed + " executed action(s) at CA " + confirmedCa
                    + ", not " + actionsPerSession + " at CA " + (baseCa + actionsPerSession) + ": " + answer);
        }
    }

    private static JsonNode json(String message, String answer) {
        try {
            return JSON.readTree(answer);
        } catch (IOException e) {
            throw new SessionFailure(message + "'s answer is not JSON: " + answer);
        }
    }
}
