package org.cardsync.agent.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.json.schema.Validator;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.cardsync.agent.reader.ReaderDirectory;
import org.cardsync.agent.sim.TestCards;
import org.cardsync.agent.wire.ErrorCode;
import org.cardsync.agent.wire.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/agent-protocol.schema.json is the agent's wire contract, and the web UI generates its TypeScript types
 * from it (docs/web-ui.md). This test holds the agent to it: the closed sets (error codes, request types, event
 * types) are read from the agent's enums, and every message the agent really sends in a session that touches
 * every request type, an error of each kind of path and the events must validate against the schema. The schema's
 * DefaultPort is the agent's default port.
 */
@ExtendWith(VertxExtension.class)
class AgentProtocolSchemaTest {

    /** Surefire runs in the module's directory. */
    private static final Path SCHEMA = Path.of("..", "docs", "agent-protocol.schema.json");
    private static final String READER = AgentFixture.READER;

    @TempDir
    Path stateDir;

    /** Held for the whole test: Vert.x closes a client nobody references any more. */
    private WebSocketClient client;

    private static JsonObject schema() throws IOException {
        return new JsonObject(Files.readString(SCHEMA));
    }

    private static Set<String> enumOf(JsonObject schema, String definition) {
        return schema.getJsonObject("$defs").getJsonObject(definition).getJsonArray("enum").stream()
                .map(String.class::cast).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void errorCodes_areTheSchemasClosedSet() throws IOException {
        assertThat(enumOf(schema(), "ErrorCode"))
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(ErrorCode.values()).map(Enum::name).toList());
    }

    @Test
    void messageTypes_areTheSchemasRequestErrorAndEventMessages() throws IOException {
        JsonObject defs = schema().getJsonObject("$defs");
        List<String> inSchema = new ArrayList<>();
        for (Object ref : defs.getJsonObject("RequestMessage").getJsonArray("oneOf")) {
            inSchema.add(typeConstant(defs, ((JsonObject) ref).getString("$ref").replace("#/$defs/", "")));
        }
        inSchema.add(typeConstant(defs, "ErrorMessage"));
        inSchema.add(typeConstant(defs, "EventMessage"));
        assertThat(inSchema).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(MessageType.values()).map(MessageType::wireName).toList());
    }

    private static String typeConstant(JsonObject defs, String message) {
        return defs.getJsonObject(message).getJsonObject("properties").getJsonObject("type").getString("const");
    }

    @Test
    void eventTypes_areTheSchemasReaderEventTypes() throws IOException {
        assertThat(enumOf(schema(), "ReaderEventType")).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(ReaderDirectory.EventType.values()).map(ReaderDirectory.EventType::wireName).toList());
    }

    @Test
    void defaultPort_isTheSchemasDefaultPort() throws IOException {
        // The web UI looks for the agent on this port; its agent-client.test.ts reads it from the schema too.
        assertThat(schema().getJsonObject("$defs").getJsonObject("DefaultPort").getInteger("const"))
                .isEqualTo(AgentOptions.DEFAULT_PORT);
    }

    @Test
    void everyMessageOfARealSession_validatesAgainstTheSchema(Vertx vertx, VertxTestContext ctx) throws IOException {
        SchemaRepository repository = SchemaRepository.create(new JsonSchemaOptions().setDraft(Draft.DRAFT202012)
                .setBaseUri("https://cardsync.invalid/").setOutputFormat(OutputFormat.Basic));
        JsonObject schema = schema();
        repository.dereference(JsonSchema.of(schema));
        Function<String, Validator> validatorFor = definition -> repository.validator(
                JsonSchema.of(new JsonObject().put("$ref", schema.getString("$id") + "#/$defs/" + definition)));
        Validator pageMessage = validatorFor.apply("RequestMessage");
        Validator agentMessage = validatorFor.apply("AgentMessage");

        AgentFixture.deploy(vertx, stateDir)
                .compose(agent -> {
                    client = vertx.createWebSocketClient();
                    return client.connect(AgentClient.options(agent.port(), AgentFixture.ALLOWED_ORIGIN));
                })
                .compose(ws -> {
                    Session session = new Session(ws);
                    return session.request("hello", new JsonObject())
                            .compose(r -> session.request("list-readers", null))
                            .compose(r -> session.request("transmit", new JsonObject().put("apdu", "80300000")))
                            .compose(r -> session.request("connect", new JsonObject().put("reader", READER)))
                            .compose(r -> session.request("transmit", new JsonObject().put("apdu", TestCards.selectApdu())))
                            .compose(r -> session.request("transmit-batch", new JsonObject()
                                    .put("apdus", new JsonArray().add(TestCards.selectApdu()).add(TestCards.selectApdu()))
                                    .put("acceptSw", new JsonArray().add("9000"))))
                            .compose(r -> session.badRequest("transmit-batch", new JsonObject()
                                    .put("apdus", new JsonArray().add("80"))))
                            .compose(r -> session.request("disconnect", new JsonObject().put("reset", true)))
                            .compose(r -> session.request("sim-remove", null))
                            .compose(r -> session.request("connect", new JsonObject().put("reader", READER)))
                            .compose(r -> session.request("sim-insert", null))
                            .compose(r -> session.request("sim-remove", new JsonObject().put("afterExecutes", 3)))
                            .compose(r -> session.badRequest("no-such-type", null))
                            .compose(r -> session.raw("{\"v\":1,"))
                            .map(r -> session);
                })
                .onComplete(ctx.succeeding(session -> ctx.verify(() -> {
                    for (JsonObject sent : session.sent) {
                        assertValid(pageMessage, sent);
                    }
                    for (JsonObject received : session.received) {
                        assertValid(agentMessage, received);
                    }
                    Set<String> receivedTypes = session.received.stream().map(m -> m.getString("type"))
                            .collect(Collectors.toSet());
                    assertThat(receivedTypes).as("the session touched every message type")
                            .containsAll(Arrays.stream(MessageType.values()).map(MessageType::wireName).toList());
                    ctx.completeNow();
                })));
    }

    private static void assertValid(Validator validator, JsonObject message) {
        OutputUnit result = validator.validate(message);
        assertThat(result.getValid())
                .as(() -> message.encode() + " does not follow docs/agent-protocol.schema.json: "
                        + result.getErrors().stream().filter(e -> !e.getError().startsWith("A subschema"))
                                .map(e -> e.getInstanceLocation() + " " + e.getError() + " (" + e.getKeywordLocation() + ")")
                                .limit(6).toList())
                .isTrue();
    }

    /** One page's socket, recording the valid requests and every frame received; a request waits for its reply. */
    private static final class Session {
        final List<JsonObject> sent = new ArrayList<>();
        final List<JsonObject> received = new ArrayList<>();
        private final Map<String, Promise<JsonObject>> waiting = new HashMap<>();
        private final WebSocket ws;
        private int nextId;

        Session(WebSocket ws) {
            this.ws = ws;
            ws.textMessageHandler(text -> {
                JsonObject message = new JsonObject(text);
                received.add(message);
                Promise<JsonObject> reply = waiting.remove(String.valueOf(message.getString("id")));
                if (reply != null) {
                    reply.complete(message);
                }
            });
        }

        /** A request that follows the schema (the test checks it does). */
        Future<JsonObject> request(String type, JsonObject payload) {
            JsonObject message = envelope(type, payload);
            sent.add(message);
            return send(message.getString("id"), message.encode());
        }

        /** A request the schema does not allow, for the agent's error reply. */
        Future<JsonObject> badRequest(String type, JsonObject payload) {
            JsonObject message = envelope(type, payload);
            return send(message.getString("id"), message.encode());
        }

        private JsonObject envelope(String type, JsonObject payload) {
            JsonObject message = new JsonObject().put("v", 1).put("id", "p" + (++nextId)).put("type", type);
            return payload == null ? message : message.put("payload", payload);
        }

        /** A frame the agent cannot read: its error reply has a null id. */
        Future<JsonObject> raw(String text) {
            return send("null", text);
        }

        private Future<JsonObject> send(String id, String text) {
            Promise<JsonObject> reply = Promise.promise();
            waiting.put(id, reply);
            ws.writeTextMessage(text);
            return reply.future();
        }
    }
}
