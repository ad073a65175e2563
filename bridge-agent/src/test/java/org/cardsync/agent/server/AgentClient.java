package org.cardsync.agent.server;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.function.Predicate;

/**
 * A page, as far as the agent can tell: a real WebSocket client on loopback that sends an Origin header
 * of our choosing. Replies are matched to requests by id; events and id-less errors queue up.
 */
public final class AgentClient {

    private final WebSocketClient client;
    private final WebSocket ws;
    private final Map<String, Promise<JsonObject>> pending = new HashMap<>();
    private final Queue<Promise<JsonObject>> idless = new ArrayDeque<>();
    private final List<JsonObject> events = new ArrayList<>();
    private final List<Waiter> eventWaiters = new ArrayList<>();
    private int nextId;

    private record Waiter(Predicate<JsonObject> match, Promise<JsonObject> promise) {
    }

    private AgentClient(WebSocketClient client, WebSocket ws) {
        this.client = client;
        this.ws = ws;
        ws.textMessageHandler(this::onText);
    }

    public static WebSocketConnectOptions options(int port, String origin) {
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
                .setURI("/").setAllowOriginHeader(origin != null);
        if (origin != null) {
            options.putHeader("Origin", origin); // replaces the one Vert.x would derive from the host
        }
        return options;
    }

    public static Future<AgentClient> connect(Vertx vertx, int port, String origin) {
        return connect(vertx, options(port, origin));
    }

    public static Future<AgentClient> connect(Vertx vertx, WebSocketConnectOptions options) {
        WebSocketClient client = vertx.createWebSocketClient();
        return client.connect(options).map(ws -> new AgentClient(client, ws))
                .onFailure(e -> client.close());
    }

    private void onText(String text) {
        JsonObject message = new JsonObject(text);
        if ("event".equals(message.getString("type"))) {
            JsonObject payload = message.getJsonObject("payload");
            for (Iterator<Waiter> it = eventWaiters.iterator(); it.hasNext(); ) {
                Waiter w = it.next();
                if (w.match().test(payload)) {
                    it.remove();
                    w.promise().complete(payload);
                    return;
                }
            }
            events.add(payload);
            return;
        }
        String id = message.getString("id");
        Promise<JsonObject> p = id == null ? idless.poll() : pending.remove(id);
        if (p != null) {
            p.complete(message);
        }
    }

    /** Sends a request and returns the whole reply message (a result or an error). */
    public Future<JsonObject> request(String type, JsonObject payload) {
        String id = "r" + (++nextId);
        JsonObject message = new JsonObject().put("v", 1).put("id", id).put("type", type);
        if (payload != null) {
            message.put("payload", payload);
        }
        Promise<JsonObject> p = Promise.promise();
        pending.put(id, p);
        ws.writeTextMessage(message.encode());
        return p.future();
    }

    public Future<JsonObject> request(String type) {
        return request(type, null);
    }

    /** Sends a request and fails unless the reply is a result; returns its payload. */
    public Future<JsonObject> call(String type, JsonObject payload) {
        return request(type, payload).compose(reply -> "error".equals(reply.getString("type"))
                ? Future.failedFuture("expected a " + type + " result, got " + reply.encode())
                : Future.succeededFuture(reply.getJsonObject("payload")));
    }

    /** Sends raw text whose reply will carry a null id. */
    public Future<JsonObject> sendRaw(String text) {
        Promise<JsonObject> p = Promise.promise();
        idless.add(p);
        ws.writeTextMessage(text);
        return p.future();
    }

    /** Sends raw text with a known id. */
    public Future<JsonObject> sendRaw(String id, String text) {
        Promise<JsonObject> p = Promise.promise();
        pending.put(id, p);
        ws.writeTextMessage(text);
        return p.future();
    }

    /** The next event (already received or to come) whose payload matches. */
    public Future<JsonObject> event(String event, String reader) {
        Predicate<JsonObject> match = e -> event.equals(e.getString("event")) && reader.equals(e.getString("reader"));
        for (Iterator<JsonObject> it = events.iterator(); it.hasNext(); ) {
            JsonObject e = it.next();
            if (match.test(e)) {
                it.remove();
                return Future.succeededFuture(e);
            }
        }
        Promise<JsonObject> p = Promise.promise();
        eventWaiters.add(new Waiter(match, p));
        return p.future();
    }

    /** Forgets the events received so far: the next {@link #event} waits for one still to come. */
    public void clearEvents() {
        events.clear();
    }

    public WebSocket webSocket() {
        return ws;
    }

    public Future<Void> close() {
        return ws.close().eventually(() -> client.close());
    }
}
