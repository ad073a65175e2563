package org.cardsync.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The test's own line to a running bridge agent, as a page of an allowed origin (docs/agent-protocol.md): arms the
 * simulated card's removal (sim-remove with afterExecutes), puts it back (sim-insert) and reads the card itself
 * (SELECT, GET STATUS, READ PARAMETER), so that what a test asserts about the card comes from the card, not from
 * the page or the server.
 */
final class AgentControl implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String SIMULATED_READER = "cardsync Simulated Reader";

    private final Map<String, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger nextId = new AtomicInteger();
    private final StringBuilder frame = new StringBuilder();
    private WebSocket socket;

    private AgentControl() {
    }

    /** Connects to {@code agentUrl} as a page of {@code origin} (which the agent must allow). */
    static AgentControl open(String agentUrl, String origin) {
        AgentControl control = new AgentControl();
        control.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Origin", origin)
                .connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create(agentUrl), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        control.frame.append(data);
                        if (last) {
                            control.receive(control.frame.toString());
                            control.frame.setLength(0);
                        }
                        ws.request(1);
                        return null;
                    }
                }).join();
        return control;
    }

    private void receive(String text) {
        try {
            JsonNode message = JSON.readTree(text);
            CompletableFuture<JsonNode> waiter = pending.remove(message.path("id").asText(""));
            if (waiter != null) {
                waiter.complete(message);
            }
        } catch (IOException e) {
            pending.values().forEach(f -> f.completeExceptionally(e));
        }
    }

    /** Sends one request and returns the whole reply (a result or an error). */
    JsonNode request(String type, ObjectNode payload) {
        String id = "e2e-" + nextId.incrementAndGet();
        ObjectNode message = JSON.createObjectNode().put("v", 1).put("id", id).put("type", type);
        if (payload != null) {
            message.set("payload", payload);
        }
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        socket.sendText(message.toString(), true).join();
        try {
            return reply.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("no answer from the agent to " + message, e);
        }
    }

    /** Sends one request and fails unless it succeeded; returns its payload. */
    JsonNode call(String type, ObjectNode payload) {
        JsonNode reply = request(type, payload);
        if ("error".equals(reply.path("type").asText())) {
            throw new AssertionError("the agent refused " + type + ": " + reply);
        }
        return reply.path("payload");
    }

    /** Arms the pull right after the card's {@code executes}-th EXECUTE from now. */
    void removeCardAfterExecutes(int executes) {
        call("sim-remove", JSON.createObjectNode().put("afterExecutes", executes));
    }

    /** Pulls the simulated card out of its reader at once (and disarms a pull armed before). */
    void removeCard() {
        call("sim-remove", JSON.createObjectNode());
    }

    void insertCard() {
        call("sim-insert", null);
    }

    /** The card's own status record of application {@code aid} (docs/protocol.md section 7). */
    CardStatus readStatus(String aid) {
        return withCard(aid, () -> CardStatus.parse(transmit("8030000000")));
    }

    /** The value of parameter {@code slot} of application {@code aid}, as the card holds it. */
    byte[] readParameter(String aid, int slot) {
        return withCard(aid, () -> transmit("8032" + String.format("%02X", slot) + "0000"));
    }

    private interface CardRead<T> {
        T read();
    }

    /**
     * Holds the simulated reader for one read. A page that still holds it (the portal lets go when it is done)
     * makes the agent answer READER_BUSY: tried again for up to 20 s.
     */
    private <T> T withCard(String aid, CardRead<T> read) {
        Instant deadline = Instant.now().plusSeconds(20);
        while (true) {
            JsonNode connect = request("connect", JSON.createObjectNode().put("reader", SIMULATED_READER));
            if (!"error".equals(connect.path("type").asText())) {
                break;
            }
            if (!"READER_BUSY".equals(connect.path("payload").path("code").asText()) || Instant.now().isAfter(deadline)) {
                throw new AssertionError("cannot read the card: " + connect);
            }
            sleep(250);
        }
        try {
            String aidHex = aid.toUpperCase();
            transmit("00A40400" + String.format("%02X", aidHex.length() / 2) + aidHex + "00");
            return read.read();
        } finally {
            request("disconnect", JSON.createObjectNode().put("reset", true));
        }
    }

    /** The response data of a command the card must answer with 9000. */
    private byte[] transmit(String apdu) {
        JsonNode result = call("transmit", JSON.createObjectNode().put("apdu", apdu));
        String sw = result.path("sw").asText();
        if (!"9000".equals(sw)) {
            throw new AssertionError("the card answered " + sw + " to " + apdu);
        }
        String response = result.path("response").asText();
        return HexFormat.of().parseHex(response.substring(0, response.length() - 4));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").exceptionally(e -> null).join();
    }

    /** GET STATUS's record (docs/protocol.md section 7): the fields the tests check. */
    record CardStatus(int lifeCycle, long ca, long atc, long balance) {

        static final int BLOCKED = 0x03;

        static CardStatus parse(byte[] r) {
            int l = r[10] & 0xFF;
            return new CardStatus(r[1] & 0xFF, u32(r, 11 + l), u32(r, 15 + l), u32(r, 19 + l));
        }

        private static long u32(byte[] b, int off) {
            return ((b[off] & 0xFFL) << 24) | ((b[off + 1] & 0xFFL) << 16) | ((b[off + 2] & 0xFFL) << 8) | (b[off + 3] & 0xFFL);
        }
    }
}
