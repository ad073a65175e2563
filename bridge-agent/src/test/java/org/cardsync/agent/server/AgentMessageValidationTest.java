package org.cardsync.agent.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Every message is checked at the edge; a bad one gets a precise error and the connection lives on. */
@ExtendWith(VertxExtension.class)
class AgentMessageValidationTest {

    @TempDir
    Path stateDir;

    private Future<AgentClient> page(Vertx vertx) {
        return AgentFixture.deploy(vertx, stateDir).compose(agent -> agent.page(vertx));
    }

    private static void assertError(JsonObject reply, String id, String code) {
        assertThat(reply.getString("type")).isEqualTo("error");
        assertThat(reply.getValue("id")).isEqualTo(id);
        assertThat(reply.getJsonObject("payload").getString("code")).isEqualTo(code);
        assertThat(reply.getJsonObject("payload").getString("message")).isNotBlank();
    }

    @Test
    void malformedJson_getsMalformedJsonError_andTheConnectionStaysUsable(Vertx vertx, VertxTestContext ctx) {
        page(vertx).compose(page -> page.sendRaw("{\"v\":1,\"id\":\"x\",").compose(reply -> {
            assertError(reply, null, "MALFORMED_JSON");
            return page.call("hello", null);
        })).onComplete(ctx.succeedingThenComplete());
    }

    @Test
    void jsonArrayInsteadOfObject_getsMalformedJsonError(Vertx vertx, VertxTestContext ctx) {
        page(vertx).compose(page -> page.sendRaw("[1,2]"))
                .onComplete(ctx.succeeding(reply -> ctx.verify(() -> {
                    assertError(reply, null, "MALFORMED_JSON");
                    ctx.completeNow();
                })));
    }

    @Test
    void unknownMessageType_getsUnknownTypeErrorWithItsId(Vertx vertx, VertxTestContext ctx) {
        page(vertx).compose(page -> page.request("format-card"))
                .onComplete(ctx.succeeding(reply -> ctx.verify(() -> {
                    assertError(reply, "r1", "UNKNOWN_TYPE");
                    assertThat(reply.getJsonObject("payload").getString("message")).contains("format-card");
                    ctx.completeNow();
                })));
    }

    @Test
    void wrongProtocolVersion_getsUnsupportedVersionError(Vertx vertx, VertxTestContext ctx) {
        page(vertx).compose(page -> page.sendRaw("a", "{\"v\":2,\"id\":\"a\",\"type\":\"hello\"}"))
                .onComplete(ctx.succeeding(reply -> ctx.verify(() -> {
                    assertError(reply, "a", "UNSUPPORTED_VERSION");
                    ctx.completeNow();
                })));
    }

    @Test
    void missingProtocolVersion_getsUnsupportedVersionError(Vertx vertx, VertxTestContext ctx) {
        page(vertx).compose(page -> page.sendRaw("a", "{\"id\":\"a\",\"type\":\"hello\"}"))
                .onComplete(ctx.succeeding(reply -> ctx.verify(() -> {
                    assertError(reply, "a", "UNSUPPORTED_VERSION");
                    ctx.completeNow();
                })));
    }

    @Test
    void missingId_getsInvalidMessageError(Vertx vertx, VertxTestContext ctx) {
        page(vertx).compose(page -> page.sendRaw("{\"v\":1,\"type\":\"hello\"}"))
                .onComplete(ctx.succeeding(reply -> ctx.verify(() -> {
                    assertError(reply, null, "INVALID_MESSAGE");
                    ctx.completeNow();
                })));
    }

    @Test
    void payloadThatIsAString_getsInvalidMessageError(Vertx vertx, VertxTestContext ctx) {
        page(vertx).compose(page -> page.sendRaw("a", "{\"v\":1,\"id\":\"a\",\"type\":\"connect\",\"payload\":\"{}\"}"))
                .onComplete(ctx.succeeding(reply -> ctx.verify(() -> {
                    assertError(reply, "a", "INVALID_MESSAGE");
                    ctx.completeNow();
                })));
    }

    @Test
    void connectWithoutReaderName_getsInvalidMessageError(Vertx vertx, VertxTestContext ctx) {
        page(vertx).compose(page -> page.request("connect", new JsonObject()))
                .onComplete(ctx.succeeding(reply -> ctx.verify(() -> {
                    assertError(reply, "r1", "INVALID_MESSAGE");
                    ctx.completeNow();
                })));
    }

    @Test
    void binaryFrame_getsInvalidMessageError(Vertx vertx, VertxTestContext ctx) {
        page(vertx).compose(page -> {
            Promise<JsonObject> reply = Promise.promise();
            page.webSocket().textMessageHandler(text -> reply.tryComplete(new JsonObject(text)));
            page.webSocket().writeBinaryMessage(Buffer.buffer(new byte[] {0x00, (byte) 0xA4, 0x04, 0x00}));
            return reply.future();
        }).onComplete(ctx.succeeding(reply -> ctx.verify(() -> {
            assertError(reply, null, "INVALID_MESSAGE");
            assertThat(reply.getJsonObject("payload").getString("message")).contains("binary");
            ctx.completeNow();
        })));
    }
}
