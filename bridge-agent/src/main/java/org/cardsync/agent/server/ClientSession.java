package org.cardsync.agent.server;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.cardsync.agent.reader.ApduExchange;
import org.cardsync.agent.reader.CardConnection;
import org.cardsync.agent.reader.ErrorCode;
import org.cardsync.agent.reader.ReaderException;
import org.cardsync.agent.reader.ReaderInfo;
import org.cardsync.agent.sim.SimulatedReaderSource;
import org.cardsync.agent.wire.Hex;
import org.cardsync.protocol.apdu.CommandApdu;
import org.cardsync.protocol.apdu.MalformedApduException;
import org.cardsync.protocol.apdu.ResponseApdu;

/**
 * One page's WebSocket: parses each message, checks it at the edge, hands it to the handler of its
 * type and sends the reply with the request's id. Lives on the agent's event loop; card I/O runs on
 * this session's own single-thread worker, so that one page's APDUs run in the order sent.
 */
final class ClientSession {

    private static final Logger LOG = Logger.getLogger(ClientSession.class.getName());

    private static final int MAX_ID_LENGTH = 64;
    private static final int MAX_READER_NAME_LENGTH = 256;
    private static final Pattern SW_PATTERN = Pattern.compile("[0-9A-Fa-fXx]{4}");

    private final AgentVerticle agent;
    private final ServerWebSocket ws;
    private final int number;
    private final String origin;

    /** The reader this page holds, or null. */
    /** Read by the card's worker too (a batch stops when the page lets go). */
    private volatile HeldCard held;
    /** The reader a connect is under way for, so that a second connect cannot lease another one meanwhile. */
    private String connecting;
    /** A reader whose card was pulled out while this page held it, until the page connects or disconnects. */
    private String lostReader;
    private volatile boolean closed;

    /** A connected card with its worker thread. */
    private record HeldCard(String reader, CardConnection connection, ApduExchange exchange, WorkerExecutor worker) {
    }

    ClientSession(AgentVerticle agent, ServerWebSocket ws, int number, String origin) {
        this.agent = agent;
        this.ws = ws;
        this.number = number;
        this.origin = origin;
        ws.textMessageHandler(this::onText);
        ws.binaryMessageHandler(this::onBinary);
        ws.exceptionHandler(e -> LOG.log(Level.FINE, this + ": " + e.getMessage(), e));
    }

    private void onBinary(Buffer buffer) {
        sendError(null, ErrorCode.INVALID_MESSAGE, "binary frames are not part of the protocol; send JSON text");
    }

    private void onText(String text) {
        JsonObject message;
        try {
            message = new JsonObject(text);
        } catch (DecodeException | ClassCastException e) {
            sendError(null, ErrorCode.MALFORMED_JSON, "message is not a JSON object");
            return;
        }
        Object rawId = message.getValue("id");
        if (!(rawId instanceof String id) || id.isEmpty() || id.length() > MAX_ID_LENGTH) {
            sendError(null, ErrorCode.INVALID_MESSAGE, "\"id\" must be a string of 1 to " + MAX_ID_LENGTH
                    + " characters");
            return;
        }
        Object version = message.getValue("v");
        if (!(version instanceof Integer v) || v != AgentVersion.PROTOCOL) {
            sendError(id, ErrorCode.UNSUPPORTED_VERSION, "this agent speaks protocol version "
                    + AgentVersion.PROTOCOL + ", the message says " + version);
            return;
        }
        Object rawType = message.getValue("type");
        MessageType type = rawType instanceof String t ? MessageType.fromWireName(t) : null;
        if (type == null) {
            sendError(id, ErrorCode.UNKNOWN_TYPE, "unknown message type " + (rawType instanceof String
                    ? "\"" + rawType + "\"" : String.valueOf(rawType)));
            return;
        }
        Object rawPayload = message.getValue("payload");
        if (rawPayload != null && !(rawPayload instanceof JsonObject)) {
            sendError(id, ErrorCode.INVALID_MESSAGE, "\"payload\" must be an object");
            return;
        }
        JsonObject payload = rawPayload == null ? new JsonObject() : (JsonObject) rawPayload;
        Future<JsonObject> reply;
        try {
            reply = dispatch(type, payload);
        } catch (RequestException e) {
            reply = Future.failedFuture(e);
        }
        reply.onComplete(result -> {
            if (result.succeeded()) {
                send(new JsonObject().put("v", AgentVersion.PROTOCOL).put("id", id).put("type", type.wireName())
                        .put("payload", result.result()));
            } else {
                sendFailure(id, result.cause());
            }
        });
    }

    private Future<JsonObject> dispatch(MessageType type, JsonObject payload) throws RequestException {
        switch (type) {
            case HELLO:
                return onHello();
            case LIST_READERS:
                return onListReaders();
            case CONNECT:
                return onConnect(payload);
            case TRANSMIT:
                return onTransmit(payload);
            case TRANSMIT_BATCH:
                return onTransmitBatch(payload);
            case DISCONNECT:
                return onDisconnect(payload);
            case SIM_INSERT:
                return onSimulatedInsert();
            case SIM_REMOVE:
                return onSimulatedRemove();
            default:
                throw new RequestException(ErrorCode.UNKNOWN_TYPE, "unknown message type " + type.wireName());
        }
    }

    private Future<JsonObject> onHello() {
        return Future.succeededFuture(new JsonObject()
                .put("agent", AgentVersion.AGENT)
                .put("agentVersion", AgentVersion.version())
                .put("protocolVersion", AgentVersion.PROTOCOL)
                .put("simulation", agent.simulated() != null)
                .put("origin", origin));
    }

    private Future<JsonObject> onListReaders() {
        return agent.getVertx().executeBlocking(() -> agent.directory().list(), false).map(readers -> {
            JsonArray list = new JsonArray();
            for (ReaderInfo r : readers) {
                ClientSession holder = agent.leaseHolder(r.name());
                list.add(new JsonObject()
                        .put("name", r.name())
                        .put("cardPresent", r.cardPresent())
                        .put("simulated", r.simulated())
                        .put("inUse", holder != null)
                        .put("heldByYou", holder == this));
            }
            return new JsonObject().put("readers", list);
        });
    }

    private Future<JsonObject> onConnect(JsonObject payload) throws RequestException {
        String reader = requireString(payload, "reader", MAX_READER_NAME_LENGTH);
        if (held != null) {
            throw new RequestException(ErrorCode.ALREADY_CONNECTED, "this page already holds \"" + held.reader()
                    + "\"; disconnect first");
        }
        if (connecting != null) {
            // A second connect before the first answered would lease a second reader that nothing releases.
            throw new RequestException(ErrorCode.ALREADY_CONNECTED, "this page is already connecting to \""
                    + connecting + "\"; wait for the answer");
        }
        ClientSession holder = agent.leaseHolder(reader);
        if (holder != null) {
            throw new RequestException(ErrorCode.READER_BUSY, "\"" + reader + "\" is in use by another page"
                    + " (another tab or window); close it there or wait");
        }
        // Lease first, on the event loop, so that a second connect arriving meanwhile sees the reader busy.
        agent.lease(reader, this);
        connecting = reader;
        WorkerExecutor worker = agent.getVertx().createSharedWorkerExecutor("cardsync-card-" + number, 1);
        return worker.executeBlocking(() -> agent.directory().connect(reader), true)
                .transform(result -> {
                    connecting = null;
                    if (result.failed()) {
                        agent.release(reader, this);
                        worker.close();
                        return Future.failedFuture(result.cause());
                    }
                    CardConnection connection = result.result();
                    if (closed) {
                        worker.executeBlocking(() -> {
                            connection.disconnect(true);
                            return null;
                        }).onComplete(v -> worker.close());
                        agent.release(reader, this);
                        return Future.failedFuture(new RequestException(ErrorCode.NOT_CONNECTED, "page went away"));
                    }
                    held = new HeldCard(reader, connection,
                            new ApduExchange(connection, agent.options().logApduData()), worker);
                    lostReader = null;
                    LOG.info(this + " connected to " + reader);
                    return Future.succeededFuture(new JsonObject().put("reader", reader)
                            .put("atr", Hex.encode(connection.atr())));
                });
    }

    private Future<JsonObject> onTransmit(JsonObject payload) throws RequestException {
        CommandApdu command = parseApdu(requireString(payload, "apdu", 2 * CommandApdu.MAX_LENGTH + 2), "apdu");
        HeldCard card = requireHeld();
        return card.worker().executeBlocking(() -> card.exchange().transmit(command), true)
                .transform(result -> {
                    if (result.failed()) {
                        return Future.failedFuture(onCardFailure(card, result.cause()));
                    }
                    return Future.succeededFuture(responseJson(result.result()));
                });
    }

    private Future<JsonObject> onTransmitBatch(JsonObject payload) throws RequestException {
        Object rawApdus = payload.getValue("apdus");
        int max = agent.options().maxBatch();
        if (!(rawApdus instanceof JsonArray apdus) || apdus.isEmpty() || apdus.size() > max) {
            throw new RequestException(ErrorCode.INVALID_MESSAGE, "\"apdus\" must be an array of 1 to " + max
                    + " hex strings");
        }
        List<CommandApdu> commands = new ArrayList<>();
        for (int i = 0; i < apdus.size(); i++) {
            if (!(apdus.getValue(i) instanceof String hex)) {
                throw new RequestException(ErrorCode.INVALID_MESSAGE, "apdus[" + i + "] must be a hex string");
            }
            // All checked before the first is sent: a batch with a bad APDU sends nothing.
            commands.add(parseApdu(hex, "apdus[" + i + "]"));
        }
        List<String> accept = parseAcceptSw(payload.getValue("acceptSw"));
        HeldCard card = requireHeld();
        List<ResponseApdu> responses = new ArrayList<>();
        return card.worker().executeBlocking(() -> {
            for (CommandApdu command : commands) {
                if (closed || held != card) {
                    break; // the page let go of the reader: send nothing more for it
                }
                ResponseApdu response = card.exchange().transmit(command);
                synchronized (responses) {
                    responses.add(response);
                }
                if (!accepted(response.swHex(), accept)) {
                    break;
                }
            }
            return null;
        }, true).transform(result -> {
            JsonArray done = new JsonArray();
            synchronized (responses) {
                responses.forEach(r -> done.add(responseJson(r)));
            }
            if (result.failed()) {
                Throwable cause = onCardFailure(card, result.cause());
                if (cause instanceof RequestException re) {
                    // What did run is a hint for the display (the card's counter is the fact).
                    cause = new RequestException(re.code(), re.getMessage(), new JsonObject().put("responses", done));
                }
                return Future.failedFuture(cause);
            }
            boolean complete = responses.size() == commands.size()
                    && accepted(responses.get(responses.size() - 1).swHex(), accept);
            return Future.succeededFuture(new JsonObject().put("responses", done).put("complete", complete));
        });
    }

    private Future<JsonObject> onDisconnect(JsonObject payload) throws RequestException {
        Object rawReset = payload.getValue("reset", Boolean.TRUE);
        if (!(rawReset instanceof Boolean reset)) {
            throw new RequestException(ErrorCode.INVALID_MESSAGE, "\"reset\" must be true or false");
        }
        if (held == null) {
            if (lostReader != null) {
                String reader = lostReader;
                lostReader = null;
                return Future.succeededFuture(new JsonObject().put("reader", reader).put("cardRemoved", true));
            }
            throw new RequestException(ErrorCode.NOT_CONNECTED, "this page holds no reader");
        }
        String reader = held.reader();
        return releaseHeld(reset).map(v -> new JsonObject().put("reader", reader).put("cardRemoved", false));
    }

    private Future<JsonObject> onSimulatedInsert() throws RequestException {
        SimulatedReaderSource sim = requireSimulation();
        return agent.getVertx().executeBlocking(sim::insert, false).map(changed -> simulatedState(sim, changed));
    }

    private Future<JsonObject> onSimulatedRemove() throws RequestException {
        SimulatedReaderSource sim = requireSimulation();
        return agent.getVertx().executeBlocking(sim::remove, false).map(changed -> simulatedState(sim, changed));
    }

    private static JsonObject simulatedState(SimulatedReaderSource sim, boolean changed) {
        return new JsonObject().put("reader", SimulatedReaderSource.READER_NAME)
                .put("cardPresent", sim.list().get(0).cardPresent())
                .put("changed", changed);
    }

    private SimulatedReaderSource requireSimulation() throws RequestException {
        if (agent.simulated() == null) {
            throw new RequestException(ErrorCode.SIMULATION_OFF, "the agent runs without a simulated card"
                    + " (start it with --simulated-card)");
        }
        return agent.simulated();
    }

    private HeldCard requireHeld() throws RequestException {
        if (held != null) {
            return held;
        }
        if (lostReader != null) {
            throw new RequestException(ErrorCode.CARD_REMOVED, "the card was removed from \"" + lostReader
                    + "\"; connect again (and read the card's identity again: it may be another card)");
        }
        throw new RequestException(ErrorCode.NOT_CONNECTED, "connect to a reader first");
    }

    /** Maps a worker failure; a card gone for good ends this page's hold on the reader. */
    private Throwable onCardFailure(HeldCard card, Throwable cause) {
        if (cause instanceof ReaderException re) {
            if ((re.code() == ErrorCode.CARD_REMOVED || re.code() == ErrorCode.PCSC_UNAVAILABLE) && held == card) {
                onCardLost(card.reader());
            }
            return new RequestException(re.code(), re.getMessage());
        }
        return cause;
    }

    /** The card in the held reader was removed (or the reader unplugged): let go of it. */
    void onCardLost(String reader) {
        if (held == null || !held.reader().equals(reader)) {
            return;
        }
        lostReader = reader;
        releaseHeld(false);
    }

    /** The page went away (or the agent stops): its card is reset and let go. */
    Future<Void> onClosed() {
        closed = true;
        if (held != null) {
            return releaseHeld(true);
        }
        return Future.succeededFuture();
    }

    private Future<Void> releaseHeld(boolean reset) {
        HeldCard card = held;
        held = null;
        LOG.info(this + " releases " + card.reader());
        // Queued behind any command still running on this card (a batch stops at its next APDU). The reader is
        // leased to nobody else until the card is disconnected and reset: otherwise this page's leftover
        // commands could run between the next holder's, and the reset would wipe the next holder's session.
        return card.worker().executeBlocking(() -> {
            card.connection().disconnect(reset);
            return (Void) null;
        }, true).eventually(() -> {
            agent.release(card.reader(), this);
            return card.worker().close();
        });
    }

    private static JsonObject responseJson(ResponseApdu response) {
        return new JsonObject().put("response", Hex.encode(response.bytes())).put("sw", response.swHex());
    }

    private static CommandApdu parseApdu(String hex, String field) throws RequestException {
        try {
            return CommandApdu.parseHex(hex);
        } catch (MalformedApduException e) {
            throw new RequestException(ErrorCode.INVALID_APDU, field + ": " + e.getMessage());
        }
    }

    private static List<String> parseAcceptSw(Object raw) throws RequestException {
        if (raw == null) {
            return List.of("9000");
        }
        if (!(raw instanceof JsonArray list) || list.isEmpty() || list.size() > 64) {
            throw new RequestException(ErrorCode.INVALID_MESSAGE, "\"acceptSw\" must be an array of 1 to 64"
                    + " status word patterns");
        }
        List<String> patterns = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof String s) || !SW_PATTERN.matcher(s).matches()) {
                throw new RequestException(ErrorCode.INVALID_MESSAGE, "acceptSw entries are 4 hex digits, X for"
                        + " any digit (\"9000\", \"63CX\"); got " + o);
            }
            patterns.add(s.toUpperCase());
        }
        return patterns;
    }

    static boolean accepted(String sw, List<String> patterns) {
        for (String p : patterns) {
            boolean match = true;
            for (int i = 0; i < 4 && match; i++) {
                match = p.charAt(i) == 'X' || p.charAt(i) == sw.charAt(i);
            }
            if (match) {
                return true;
            }
        }
        return false;
    }

    private static String requireString(JsonObject payload, String field, int maxLength) throws RequestException {
        Object value = payload.getValue(field);
        if (!(value instanceof String s) || s.isEmpty()) {
            throw new RequestException(ErrorCode.INVALID_MESSAGE, "\"" + field + "\" must be a non-empty string");
        }
        if (s.length() > maxLength) {
            if ("apdu".equals(field)) {
                throw new RequestException(ErrorCode.INVALID_APDU, "apdu: APDU of " + s.length() / 2
                        + " bytes is longer than the largest extended APDU (" + CommandApdu.MAX_LENGTH + " bytes)");
            }
            throw new RequestException(ErrorCode.INVALID_MESSAGE, "\"" + field + "\" is longer than " + maxLength
                    + " characters");
        }
        return s;
    }

    void sendEvent(JsonObject payload) {
        send(new JsonObject().put("v", AgentVersion.PROTOCOL).put("type", MessageType.EVENT).put("payload", payload));
    }

    private void sendFailure(String id, Throwable cause) {
        if (cause instanceof RequestException re) {
            JsonObject payload = new JsonObject().put("code", re.code().name()).put("message", re.getMessage());
            if (re.details() != null) {
                payload.mergeIn(re.details());
            }
            sendErrorPayload(id, payload);
        } else if (cause instanceof ReaderException re) {
            sendError(id, re.code(), re.getMessage());
        } else {
            // Never a class name or stack trace to a page; the log has them.
            LOG.log(Level.WARNING, this + ": request " + id + " failed", cause);
            sendError(id, ErrorCode.INTERNAL_ERROR, "the agent failed; see its log");
        }
    }

    private void sendError(String id, ErrorCode code, String message) {
        sendErrorPayload(id, new JsonObject().put("code", code.name()).put("message", message));
    }

    private void sendErrorPayload(String id, JsonObject payload) {
        send(new JsonObject().put("v", AgentVersion.PROTOCOL).put("id", id).put("type", MessageType.ERROR)
                .put("payload", payload));
    }

    private void send(JsonObject message) {
        if (!closed && !ws.isClosed()) {
            ws.writeTextMessage(message.encode());
        }
    }

    @Override
    public String toString() {
        return "page #" + number + " (" + origin + ")";
    }
}
