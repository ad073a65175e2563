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
            long t0 = System.nanoTime();
            String request = card.request();
            long t1 = System.nanoTime();
            List<String> script = script(post("request", request));
            long t2 = System.nanoTime();
            for (String apdu : script) {
                card.execute(apdu);
            }
            String ack = card.ack();
            long t3 = System.nanoTime();
            post("ack", ack);
            long t4 = System.nanoTime();
            latencies.record(t1 - t0 + t3 - t2, t2 - t1, t4 - t3, t4 - t0);
        }
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
    private List<String> script(String answer) {
        JsonNode commands;
        try {
            commands = JSON.readTree(answer).path("script").path("commands");
        } catch (IOException e) {
            throw new SessionFailure("REQUEST's answer is not JSON: " + answer);
        }
        List<String> apdus = new ArrayList<>(commands.size());
        for (JsonNode command : commands) {
            apdus.add(command.path("apdu").asText());
        }
        if (apdus.size() != actionsPerSession) {
            throw new SessionFailure("REQUEST answered a script of " + apdus.size() + " commands, not "
                    + actionsPerSession + " (queue ran out, or the backend lacks -Dcardsync.scripts.max-actions="
                    + actionsPerSession + ")");
        }
        return apdus;
    }
}
