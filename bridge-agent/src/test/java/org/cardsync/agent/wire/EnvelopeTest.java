package org.cardsync.agent.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The envelope of docs/agent-protocol.md section 2, parsed and built without a socket. */
class EnvelopeTest {

    private static Envelope refusal(String text) {
        InvalidEnvelopeException e = catchThrowableOfType(() -> Envelope.parse(text), InvalidEnvelopeException.class);
        assertThat(e).as("refused: " + text).isNotNull();
        Envelope reply = e.reply();
        assertThat(reply.type()).isEqualTo(MessageType.ERROR);
        assertThat(reply.payload().getString("message")).isNotBlank();
        return reply;
    }

    private static String code(Envelope reply) {
        return reply.payload().getString("code");
    }

    @Test
    void parse_documentedTransmitRequest_givesItsIdTypeAndPayload() throws Exception {
        Envelope request = Envelope.parse("{\"v\": 1, \"id\": \"r42\", \"type\": \"transmit\","
                + " \"payload\": {\"apdu\": \"80300000\" }}");

        assertThat(request.id()).isEqualTo("r42");
        assertThat(request.type()).isEqualTo(MessageType.TRANSMIT);
        assertThat(request.payload()).isEqualTo(new JsonObject().put("apdu", "80300000"));
    }

    @Test
    void parse_withoutPayload_givesAnEmptyPayload() throws Exception {
        assertThat(Envelope.parse("{\"v\":1,\"id\":\"a\",\"type\":\"hello\"}").payload()).isEqualTo(new JsonObject());
    }

    @Test
    void parse_notAJsonObject_isMalformedJsonWithNoId() {
        for (String text : new String[] {"{\"v\":1,", "[1,2]", "\"hello\"", ""}) {
            Envelope reply = refusal(text);
            assertThat(code(reply)).as(text).isEqualTo("MALFORMED_JSON");
            assertThat(reply.id()).isNull();
        }
    }

    @Test
    void parse_idMissingEmptyNotAStringOrTooLong_isInvalidMessageWithNoId() {
        String tooLong = "i".repeat(65);
        for (String id : new String[] {null, "\"\"", "7", "\"" + tooLong + "\""}) {
            String text = "{\"v\":1," + (id == null ? "" : "\"id\":" + id + ",") + "\"type\":\"hello\"}";
            Envelope reply = refusal(text);
            assertThat(code(reply)).as(text).isEqualTo("INVALID_MESSAGE");
            assertThat(reply.id()).isNull();
        }
    }

    @Test
    void parse_idOf64Characters_isAccepted() throws Exception {
        String id = "i".repeat(64);
        assertThat(Envelope.parse("{\"v\":1,\"id\":\"" + id + "\",\"type\":\"hello\"}").id()).isEqualTo(id);
    }

    @Test
    void parse_versionOtherThan1_isUnsupportedVersionWithTheRequestsId() {
        for (String v : new String[] {"2", "\"1\"", "1.5", "null"}) {
            Envelope reply = refusal("{\"v\":" + v + ",\"id\":\"r7\",\"type\":\"hello\"}");
            assertThat(code(reply)).as(v).isEqualTo("UNSUPPORTED_VERSION");
            assertThat(reply.id()).isEqualTo("r7");
        }
        assertThat(code(refusal("{\"id\":\"r7\",\"type\":\"hello\"}"))).isEqualTo("UNSUPPORTED_VERSION");
    }

    @Test
    void parse_unknownType_isUnknownTypeNamingIt() {
        Envelope reply = refusal("{\"v\":1,\"id\":\"r8\",\"type\":\"format-card\"}");
        assertThat(code(reply)).isEqualTo("UNKNOWN_TYPE");
        assertThat(reply.id()).isEqualTo("r8");
        assertThat(reply.payload().getString("message")).contains("format-card");
        assertThat(code(refusal("{\"v\":1,\"id\":\"r8\",\"type\":3}"))).isEqualTo("UNKNOWN_TYPE");
    }

    @Test
    void parse_payloadNotAnObject_isInvalidMessageWithTheRequestsId() {
        Envelope reply = refusal("{\"v\":1,\"id\":\"r9\",\"type\":\"transmit\",\"payload\":\"80300000\"}");
        assertThat(code(reply)).isEqualTo("INVALID_MESSAGE");
        assertThat(reply.id()).isEqualTo("r9");
    }

    @Test
    void parse_checksIdBeforeVersionBeforeType() {
        assertThat(code(refusal("{\"v\":2,\"type\":\"nope\"}"))).isEqualTo("INVALID_MESSAGE");
        assertThat(code(refusal("{\"v\":2,\"id\":\"a\",\"type\":\"nope\"}"))).isEqualTo("UNSUPPORTED_VERSION");
        assertThat(code(refusal("{\"v\":1,\"id\":\"a\",\"type\":\"nope\",\"payload\":1}"))).isEqualTo("UNKNOWN_TYPE");
    }

    @Test
    void error_isTheDocumentedErrorReply() {
        String message = "\"Virtual PCD 00 00\" is in use by another page (another tab or window); close it there or wait";
        Envelope reply = Envelope.error("r42", ErrorCode.READER_BUSY, message);

        assertThat(new JsonObject(reply.encode())).isEqualTo(new JsonObject("{\"v\": 1, \"id\": \"r42\","
                + " \"type\": \"error\", \"payload\": {\"code\": \"READER_BUSY\", \"message\": \"\\\"Virtual PCD 00 00\\\""
                + " is in use by another page (another tab or window); close it there or wait\"}}"));
    }

    @Test
    void error_aboutAnUnreadableMessage_carriesANullId() {
        JsonObject json = Envelope.error(null, ErrorCode.MALFORMED_JSON, "not JSON").toJson();
        assertThat(json.containsKey("id")).isTrue();
        assertThat(json.getValue("id")).isNull();
    }

    @Test
    void error_withDetails_putsThemBesideCodeAndMessage() {
        JsonObject responses = new JsonObject().put("responses", new io.vertx.core.json.JsonArray()
                .add(new JsonObject().put("response", "9000").put("sw", "9000")));
        JsonObject payload = Envelope.error("b1", new RequestException(ErrorCode.CARD_REMOVED, "gone", responses))
                .payload();

        assertThat(payload.getString("code")).isEqualTo("CARD_REMOVED");
        assertThat(payload.getString("message")).isEqualTo("gone");
        assertThat(payload.getJsonArray("responses")).isEqualTo(responses.getJsonArray("responses"));
    }

    @Test
    void result_carriesTheRequestsIdAndType() {
        JsonObject json = Envelope.result("r1", MessageType.TRANSMIT,
                new JsonObject().put("response", "9000").put("sw", "9000")).toJson();

        assertThat(json).isEqualTo(new JsonObject("{\"v\":1,\"id\":\"r1\",\"type\":\"transmit\","
                + "\"payload\":{\"response\":\"9000\",\"sw\":\"9000\"}}"));
    }

    @Test
    void event_isTheDocumentedEventWithNoId() {
        Envelope event = Envelope.event(new JsonObject().put("event", "card-removed").put("reader", "Virtual PCD 00 00"));

        JsonObject json = new JsonObject(event.encode());
        assertThat(json).isEqualTo(new JsonObject("{\"v\": 1, \"type\": \"event\","
                + " \"payload\": {\"event\": \"card-removed\", \"reader\": \"Virtual PCD 00 00\"}}"));
        assertThat(json.containsKey("id")).isFalse();
    }
}
