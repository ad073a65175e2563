package org.cardsync.agent.wire;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * One message of the agent's protocol, either way (docs/agent-protocol.md section 2): the protocol
 * version {@code v}, the request's {@code id}, a {@link MessageType} and an object payload.
 *
 * <p>A page's text is parsed here and every envelope check is made here, in the documented order, before
 * a handler sees the request; replies, errors and events are built here, so that every frame the agent
 * sends has the same shape.
 *
 * @param id the request's id; null in an event, and in an error about a message whose id was unreadable
 * @param type the message's type
 * @param payload the payload object, {@code {}} when a request had none
 */
public record Envelope(String id, MessageType type, JsonObject payload) {

    /** The only protocol version of this agent; checked on every message. */
    public static final int VERSION = 1;

    /** Long enough for any id scheme a page needs, short enough that ids cannot carry payloads. */
    public static final int MAX_ID_LENGTH = 64;

    public Envelope {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
    }

    /**
     * Parses a page's text frame as a request envelope: a JSON object, then {@code id}, {@code v},
     * {@code type} and {@code payload}, each checked before the next, so that a page learns the first
     * thing wrong with its message. A type this agent does not know is refused here; whether it is a
     * request type is the dispatcher's business.
     *
     * @throws InvalidEnvelopeException with the error reply to send (it carries the id once that was read)
     */
    public static Envelope parse(String text) throws InvalidEnvelopeException {
        JsonObject message;
        try {
            message = new JsonObject(text);
        } catch (DecodeException | ClassCastException e) {
            throw new InvalidEnvelopeException(null, ErrorCode.MALFORMED_JSON, "message is not a JSON object");
        }
        Object rawId = message.getValue("id");
        if (!(rawId instanceof String id) || id.isEmpty() || id.length() > MAX_ID_LENGTH) {
            throw new InvalidEnvelopeException(null, ErrorCode.INVALID_MESSAGE, "\"id\" must be a string of 1 to "
                    + MAX_ID_LENGTH + " characters");
        }
        Object version = message.getValue("v");
        if (!(version instanceof Integer v) || v != VERSION) {
            throw new InvalidEnvelopeException(id, ErrorCode.UNSUPPORTED_VERSION, "this agent speaks protocol version "
                    + VERSION + ", the message says " + version);
        }
        Object rawType = message.getValue("type");
        MessageType type = rawType instanceof String t ? MessageType.fromWireName(t) : null;
        if (type == null) {
            throw new InvalidEnvelopeException(id, ErrorCode.UNKNOWN_TYPE, "unknown message type "
                    + (rawType instanceof String ? "\"" + rawType + "\"" : String.valueOf(rawType)));
        }
        Object rawPayload = message.getValue("payload");
        if (rawPayload != null && !(rawPayload instanceof JsonObject)) {
            throw new InvalidEnvelopeException(id, ErrorCode.INVALID_MESSAGE, "\"payload\" must be an object");
        }
        return new Envelope(id, type, rawPayload == null ? new JsonObject() : (JsonObject) rawPayload);
    }

    /** The result of request {@code id} of type {@code type}. */
    public static Envelope result(String id, MessageType type, JsonObject payload) {
        return new Envelope(id, type, payload);
    }

    /** The error reply to request {@code id} (null when its id could not be read). */
    public static Envelope error(String id, ErrorCode code, String message) {
        return error(id, new RequestException(code, message));
    }

    /** The error reply to request {@code id}: the refusal's code and message, and its details if any. */
    public static Envelope error(String id, RequestException refusal) {
        JsonObject payload = new JsonObject().put("code", refusal.code().name()).put("message", refusal.getMessage());
        if (refusal.details() != null) {
            payload.mergeIn(refusal.details());
        }
        return new Envelope(id, MessageType.ERROR, payload);
    }

    /** An event for every page; events have no id. */
    public static Envelope event(JsonObject payload) {
        return new Envelope(null, MessageType.EVENT, payload);
    }

    /** The message as JSON: {@code v} always, {@code id} on every reply (null included), never on an event. */
    public JsonObject toJson() {
        JsonObject json = new JsonObject().put("v", VERSION);
        if (type != MessageType.EVENT) {
            json.put("id", id);
        }
        return json.put("type", type.wireName()).put("payload", payload);
    }

    /** The text frame of this message. */
    public String encode() {
        return toJson().encode();
    }
}
